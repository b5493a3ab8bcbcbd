package io.pgcarry.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgcarry.error.ConfigurationException;
import org.junit.jupiter.api.Test;

class PgUrlTest {

    @Test
    void parsesEveryPart() {
        PgUrl url = PgUrl.parse("postgresql://app:s%40cret@db.example.com:6432/my%20db?sslmode=require&application_name=x");
        assertThat(url.user()).isEqualTo("app");
        assertThat(url.password()).isEqualTo(Secret.of("s@cret"));
        assertThat(url.hosts()).containsExactly(new HostPort("db.example.com", 6432));
        assertThat(url.database()).isEqualTo("my db");
        assertThat(url.params()).containsEntry("sslmode", "require").containsEntry("application_name", "x");
    }

    @Test
    void acceptsPostgresSchemeIpv6AndHostLists() {
        PgUrl url = PgUrl.parse("postgres://[::1]:5433,other/db");
        assertThat(url.hosts()).containsExactly(new HostPort("::1", 5433), new HostPort("other", null));
        assertThat(url.user()).isNull();
        assertThat(url.password()).isNull();
    }

    @Test
    void everyPartIsOptional() {
        PgUrl url = PgUrl.parse("postgresql://");
        assertThat(url.hosts()).isEmpty();
        assertThat(url.database()).isNull();
    }

    @Test
    void passwordMayHoldAtSignsAndColons() {
        PgUrl url = PgUrl.parse("postgresql://neondb_owner:a:b@c@ep-cool-1.neon.tech/neondb");
        assertThat(url.user()).isEqualTo("neondb_owner");
        assertThat(url.password()).isEqualTo(Secret.of("a:b@c"));
        assertThat(url.hosts().get(0).host()).isEqualTo("ep-cool-1.neon.tech");
    }

    @Test
    void redactsThePasswordAndSecretParameters() {
        PgUrl url = PgUrl.parse("postgresql://app:topsecret@host:5432/db?password=other&sslmode=verify-full");
        assertThat(url.redacted()).isEqualTo("postgresql://app:***@host:5432/db?password=***&sslmode=verify-full");
        assertThat(url.toString()).doesNotContain("topsecret").doesNotContain("other");
    }

    @Test
    void redactedUrlKeepsOddNamesReadable() {
        PgUrl url = PgUrl.parse("postgresql://app@host/bazaar-vid_exports");
        assertThat(url.redacted()).isEqualTo("postgresql://app@host/bazaar-vid_exports");
    }

    @Test
    void rejectsUnknownSchemeWithoutEchoingThePassword() {
        assertThatThrownBy(() -> PgUrl.parse("mysql://root:hunter22@h/db"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("malformed connection URL: unknown scheme; use postgresql:// or postgres://");
    }

    @Test
    void rejectsTextThatIsNoUrl() {
        assertThatThrownBy(() -> PgUrl.parse("host=foo user=bar"))
                .hasMessage("malformed connection URL: it does not start with postgresql:// (expected postgresql://user:password@host:port/database)");
    }

    @Test
    void rejectsBadPorts() {
        assertThatThrownBy(() -> PgUrl.parse("postgresql://u:pw123@h:54x2/db"))
                .hasMessageStartingWith("malformed connection URL: a port is not a number").hasMessageNotContaining("pw123");
        assertThatThrownBy(() -> PgUrl.parse("postgresql://h:70000/db"))
                .hasMessage("malformed connection URL: a port is outside 1-65535");
    }

    @Test
    void rejectsEmptyAndBrokenInput() {
        assertThatThrownBy(() -> PgUrl.parse("  ")).hasMessageStartingWith("empty connection URL");
        assertThatThrownBy(() -> PgUrl.parse("postgresql://[::1/db")).hasMessageContaining("unclosed '['");
        assertThatThrownBy(() -> PgUrl.parse("postgresql://h/db?sslmode")).hasMessageContaining("a query parameter has no value");
        assertThatThrownBy(() -> PgUrl.parse("postgresql://u:p%zzword@h/db")).hasMessageContaining("bad percent-encoding in the password")
                .hasMessageNotContaining("p%zzword");
    }
}
