package io.pgcarry.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgcarry.error.ConfigurationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RedactionTest {

    @Test
    void aSecretPrintsAsStarsWhereverItGoes() {
        Secret secret = Secret.of("Corr3ct-Horse");
        assertThat(secret.toString()).isEqualTo("***");
        assertThat("password " + secret).isEqualTo("password ***");
        assertThat(new PgUrl("app", secret, List.of(new HostPort("h", 5432)), "db", Map.of()).toString())
                .isEqualTo("postgresql://app:***@h:5432/db");
        assertThat(secret.reveal()).isEqualTo("Corr3ct-Horse");
        assertThat(Secret.of("")).isNull();
    }

    @Test
    void aConnectionSpecNeverShowsItsPassword() {
        ConnectionSpec spec = new ConnectionResolver(Map.of(), null)
                .resolveUrl("postgresql://app:Tr0ub4dor@db.example:5432/app?sslpassword=k3y", "test");
        assertThat(spec.toString()).isEqualTo("postgresql://app:***@db.example:5432/app?sslpassword=***");
        assertThat(spec.jdbcProperties(5, "t").getProperty("password")).isEqualTo("Tr0ub4dor");
    }

    @Test
    void textThatMerelyContainsThePasswordIsLeftAlone() {
        // the old filter turned every pgbench_* name into pg***_* for the password "bench"
        Secret.of("bench");
        assertThat(Redaction.maskConnectionArguments("Unknown option: '--tabel=pgbench_accounts'", "--tabel=pgbench_accounts"))
                .isEqualTo("Unknown option: '--tabel=pgbench_accounts'");
    }

    @Test
    void usageErrorsShowConnectionArgumentsRedacted() {
        String url = "postgresql://app:bench@h:5432/db";
        assertThat(Redaction.maskConnectionArguments("Unmatched argument at index 1: '" + url + "'", "--too", url))
                .isEqualTo("Unmatched argument at index 1: 'postgresql://app:***@h:5432/db'");
        assertThat(Redaction.maskConnectionArguments("Unknown option: '--too=" + url + "'", "--too=" + url))
                .isEqualTo("Unknown option: '--too=postgresql://app:***@h:5432/db'");
        assertThat(Redaction.maskConnectionArguments("Unmatched argument: 'app:s3cret@h/db'", "app:s3cret@h/db"))
                .isEqualTo("Unmatched argument: '<connection string>'");
        assertThat(Redaction.maskConnectionArguments("Unmatched argument: 'host=h password=s3cret'", "host=h password=s3cret"))
                .doesNotContain("s3cret");
    }

    @Test
    void malformedUrlsNeverEchoTheirPassword() {
        for (String url : List.of("postgresql:/app:Zq9secret@h/db", "app:Zq9secret@h/db", "postgresql://app:Zq9 secret@h:5x/db",
                "postgresql://app:Zq9/secret@h/db", "postgresql://app:Zq9%zzsecret@h/db", "mysql://app:Zq9secret@h/db",
                "postgresql://app:Zq9?secret@h/db", "postgresql://app:Zq9secret@[::1/db")) {
            assertThatThrownBy(() -> new ConnectionResolver(Map.of(), null).resolveUrl(url, "test"))
                    .as(url).isInstanceOf(ConfigurationException.class)
                    .hasMessageNotContaining("Zq9").hasMessageNotContaining("secret");
        }
    }

    @Test
    void aBadDotEnvLineIsNotEchoed() {
        assertThatThrownBy(() -> DotEnv.parse(List.of("postgresql://app:Zq9secret@h/db?sslmode=require"), ".env"))
                .hasMessage(".env line 1 does not start with a valid variable name (letters, digits, _ and .)");
    }

    @Test
    void yamlErrorsOfTheConfigurationDoNotQuoteIt(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("pgcarry.yaml");
        Files.writeString(config, "profiles:\n  dev:\n    to: {url: \"postgresql://app:Zq9secret@h/db}\n    from: x: y\n");
        assertThatThrownBy(() -> Profiles.load(config))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("is not valid YAML at line")
                .hasMessageNotContaining("Zq9")
                .hasNoCause();
    }

    @Test
    void duplicateKeysInTheConfigurationAreRefused(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("pgcarry.yaml");
        Files.writeString(config, "profiles:\n  dev:\n    to: {env: A}\n  dev:\n    to: {env: B}\n");
        assertThatThrownBy(() -> Profiles.load(config))
                .hasMessageContaining("duplicate key 'dev'");
    }
}
