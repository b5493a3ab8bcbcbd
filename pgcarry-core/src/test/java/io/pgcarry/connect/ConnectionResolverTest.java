package io.pgcarry.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgcarry.error.ConfigurationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectionResolverTest {
    @TempDir
    Path home;

    @Test
    void libpqEnvironmentFillsWhatTheUrlLeavesOut() {
        ConnectionResolver resolver = new ConnectionResolver(Map.of("PGHOST", "envhost", "PGPORT", "5555",
                "PGUSER", "envuser", "PGPASSWORD", "envpass", "PGDATABASE", "envdb", "PGSSLMODE", "require"), home);
        ConnectionSpec spec = resolver.resolve(new EndpointSource.Url("postgresql://"));
        assertThat(spec.primary()).isEqualTo(new HostPort("envhost", 5555));
        assertThat(spec.user()).isEqualTo("envuser");
        assertThat(spec.password()).isEqualTo(Secret.of("envpass"));
        assertThat(spec.database()).isEqualTo("envdb");
        assertThat(spec.params()).containsEntry("sslmode", "require");
        assertThat(spec.toString()).isEqualTo("postgresql://envuser:***@envhost:5555/envdb?sslmode=require");
    }

    @Test
    void urlWinsOverEnvironment() {
        ConnectionResolver resolver = new ConnectionResolver(Map.of("PGHOST", "envhost", "PGUSER", "envuser",
                "PGDATABASE", "envdb"), home);
        ConnectionSpec spec = resolver.resolve(new EndpointSource.Url("postgresql://u@h/d"));
        assertThat(spec.address()).isEqualTo("h:5432/d");
        assertThat(spec.user()).isEqualTo("u");
    }

    @Test
    void queryParametersActLikeLibpqKeywords() {
        ConnectionResolver resolver = new ConnectionResolver(Map.of(), home);
        ConnectionSpec spec = resolver.resolve(new EndpointSource.Url("postgresql:///?host=h2&port=6000&user=u2&dbname=d2&password=pw2"));
        assertThat(spec.address()).isEqualTo("h2:6000/d2");
        assertThat(spec.user()).isEqualTo("u2");
        assertThat(spec.password()).isEqualTo(Secret.of("pw2"));
        assertThat(spec.params()).isEmpty();
    }

    @Test
    void passwordComesFromPgpassWhenNotGiven() throws Exception {
        Path pgpass = home.resolve(".pgpass");
        Files.writeString(pgpass, "db.internal:5432:app:owner:from-pgpass\n");
        Files.setPosixFilePermissions(pgpass, PosixFilePermissions.fromString("rw-------"));
        ConnectionSpec spec = new ConnectionResolver(Map.of(), home)
                .resolve(new EndpointSource.Url("postgresql://owner@db.internal/app"));
        assertThat(spec.password()).isEqualTo(Secret.of("from-pgpass"));
    }

    @Test
    void databaseDefaultsToTheUserName() {
        ConnectionSpec spec = new ConnectionResolver(Map.of(), home).resolve(new EndpointSource.Url("postgresql://alice@h"));
        assertThat(spec.database()).isEqualTo("alice");
    }

    @Test
    void urlFromEnvironmentVariable() {
        ConnectionResolver resolver = new ConnectionResolver(Map.of("V2_URL", "postgresql://a@b/c"), home);
        assertThat(resolver.resolve(new EndpointSource.EnvVariable("V2_URL")).address()).isEqualTo("b:5432/c");
    }

    @Test
    void missingOrEmptyVariableIsAnError() {
        ConnectionResolver resolver = new ConnectionResolver(Map.of("EMPTY_URL", " "), home);
        assertThatThrownBy(() -> resolver.resolve(new EndpointSource.EnvVariable("NOT_THERE")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("environment variable NOT_THERE is not set; export it with a postgresql:// URL or pass the URL directly");
        assertThatThrownBy(() -> resolver.resolve(new EndpointSource.EnvVariable("EMPTY_URL")))
                .hasMessage("environment variable EMPTY_URL is empty; set it to a postgresql:// URL");
    }

    @Test
    void urlFromEnvFile() throws Exception {
        Path file = home.resolve(".env.v1.dev.snapshot");
        Files.writeString(file, "export V1_DEV_SNAPSHOT_DIRECT_URL=\"postgresql://snap:pw@snaphost/v1\"\n");
        ConnectionSpec spec = new ConnectionResolver(Map.of(), home)
                .resolve(new EndpointSource.EnvFile(file, "V1_DEV_SNAPSHOT_DIRECT_URL"));
        assertThat(spec.redactedUrl()).isEqualTo("postgresql://snap:***@snaphost:5432/v1");
        assertThat(spec.origin()).isEqualTo("V1_DEV_SNAPSHOT_DIRECT_URL in env file " + file);
    }

    @Test
    void pooledUrlsGetAWarning() {
        ConnectionResolver resolver = new ConnectionResolver(Map.of(), home);
        assertThat(resolver.resolve(new EndpointSource.Url("postgresql://u@aws-0.pooler.supabase.com:6543/postgres")).warnings())
                .singleElement().asString().contains("connection pooler");
        assertThat(resolver.resolve(new EndpointSource.Url("postgresql://u@ep-cool-123-pooler.eu-central-1.aws.neon.tech/db")).warnings())
                .singleElement().asString().contains("without -pooler");
        assertThat(resolver.resolve(new EndpointSource.Url("postgresql://u@ep-cool-123.eu-central-1.aws.neon.tech/db")).warnings())
                .isEmpty();
    }

    @Test
    void unixSocketsAreRefusedClearly() {
        assertThatThrownBy(() -> new ConnectionResolver(Map.of(), home)
                .resolve(new EndpointSource.Url("postgresql:///db?host=/var/run/postgresql")))
                .hasMessageStartingWith("Unix-domain socket /var/run/postgresql is not supported");
    }
}
