package io.pgcarry.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgcarry.error.ConfigurationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
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
    void pgpassWithGroupOrWorldAccessIsNotUsedAndSaysSo() throws Exception {
        Path pgpass = home.resolve(".pgpass");
        Files.writeString(pgpass, "db.internal:5432:app:owner:from-pgpass\n");
        for (String shared : List.of("rw----r--", "rw-r-----", "rw--w----", "rw-----w-", "rw------x")) {
            Files.setPosixFilePermissions(pgpass, PosixFilePermissions.fromString(shared));
            ConnectionSpec spec = new ConnectionResolver(Map.of(), home)
                    .resolve(new EndpointSource.Url("postgresql://owner@db.internal/app"));
            assertThat(spec.password()).as(shared).isNull();
            assertThat(spec.warnings()).as(shared).singleElement().satisfies(w -> {
                assertThat(w).contains(pgpass.toString()).contains("group or world access").contains("chmod 0600")
                        .doesNotContain("from-pgpass");
                assertThat(ConnectionSpec.aboutPasswordFile(w)).isTrue();
            });
        }
        Files.setPosixFilePermissions(pgpass, PosixFilePermissions.fromString("r--------"));
        ConnectionSpec privateFile = new ConnectionResolver(Map.of(), home)
                .resolve(new EndpointSource.Url("postgresql://owner@db.internal/app"));
        assertThat(privateFile.password()).isEqualTo(Secret.of("from-pgpass"));
        assertThat(privateFile.warnings()).isEmpty();
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
    void everyLibpqSpellingOfASocketDirectoryIsASocket() {
        ConnectionResolver resolver = new ConnectionResolver(Map.of("PGUSER", "app"), home, List.of());
        for (String text : List.of("host=/var/run/postgresql dbname=app", "postgresql:///app?host=/var/run/postgresql",
                "postgresql://%2Fvar%2Frun%2Fpostgresql/app")) {
            ConnectionSpec spec = resolver.resolve(new EndpointSource.Url(text));
            assertThat(spec.primary()).as(text).isEqualTo(new HostPort("/var/run/postgresql", 5432));
            assertThat(spec.primary().socketFile()).isEqualTo(Path.of("/var/run/postgresql/.s.PGSQL.5432"));
            assertThat(spec.address()).isEqualTo("/var/run/postgresql:5432/app");
            assertThat(spec.redactedUrl()).isEqualTo("postgresql://app@/app?host=/var/run/postgresql&port=5432");
            assertThat(spec.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:5432/app");
            assertThat(spec.jdbcProperties(10, "pgcarry")).containsEntry("socketFactory", UnixSocketFactory.class.getName())
                    .containsEntry("socketFactoryArg", "/var/run/postgresql").containsEntry("sslmode", "disable");
        }
        ConnectionSpec fromEnv = new ConnectionResolver(Map.of("PGHOST", "/tmp/pg", "PGPORT", "6000"), home, List.of())
                .resolve(new EndpointSource.Url("postgresql://u@/d"));
        assertThat(fromEnv.address()).isEqualTo("/tmp/pg:6000/d");
    }

    @Test
    void withNoHostALocalServersSocketIsUsedOnlyWhenItExists() throws Exception {
        Path sockets = Files.createDirectory(home.resolve("sockets"));
        ConnectionResolver resolver = new ConnectionResolver(Map.of(), home, List.of(home.resolve("absent"), sockets));
        assertThat(resolver.resolve(new EndpointSource.Url("dbname=app")).primary()).isEqualTo(new HostPort("localhost", 5432));
        Files.createFile(sockets.resolve(".s.PGSQL.5433"));
        assertThat(resolver.resolve(new EndpointSource.Url("dbname=app")).primary()).isEqualTo(new HostPort("localhost", 5432));
        assertThat(resolver.resolve(new EndpointSource.Url("dbname=app port=5433")).primary())
                .isEqualTo(new HostPort(sockets.toString(), 5433));
    }

    @Test
    void pgpassMatchesLocalhostForTheDefaultSocketDirectoryAndOthersAsWritten() throws Exception {
        Path pgpass = home.resolve(".pgpass");
        Files.writeString(pgpass, "localhost:5432:app:owner:for-localhost\n/srv/pg:5432:app:owner:for-srv\n");
        Files.setPosixFilePermissions(pgpass, PosixFilePermissions.fromString("rw-------"));
        ConnectionResolver resolver = new ConnectionResolver(Map.of(), home, List.of(Path.of("/var/run/postgresql")));
        assertThat(resolver.resolve(new EndpointSource.Url("host=/var/run/postgresql user=owner dbname=app")).password())
                .isEqualTo(Secret.of("for-localhost"));
        assertThat(resolver.resolve(new EndpointSource.Url("host=/srv/pg user=owner dbname=app")).password()).isEqualTo(Secret.of("for-srv"));
        assertThat(resolver.resolve(new EndpointSource.Url("host=/elsewhere user=owner dbname=app")).password()).isNull();
    }

    @Test
    void hostAndPortListsPairUpAsInLibpq() {
        ConnectionResolver resolver = new ConnectionResolver(Map.of(), home, List.of());
        assertThat(resolver.resolve(new EndpointSource.Url("host=a,b port=5001,5002 dbname=d")).hosts())
                .containsExactly(new HostPort("a", 5001), new HostPort("b", 5002));
        assertThat(resolver.resolve(new EndpointSource.Url("host=a,b port=5001 dbname=d")).hosts())
                .containsExactly(new HostPort("a", 5001), new HostPort("b", 5001));
        assertThatThrownBy(() -> resolver.resolve(new EndpointSource.Url("host=a,b,c port=1,2 dbname=d")))
                .hasMessage("2 ports given for 3 hosts; give one port for all hosts or one per host");
        assertThatThrownBy(() -> resolver.resolve(new EndpointSource.Url("host=/tmp,b dbname=d")))
                .hasMessageStartingWith("a Unix-domain socket directory must be the only host");
    }

    @Test
    void keywordValueErrorsShowNoneOfTheText() {
        ConnectionResolver resolver = new ConnectionResolver(Map.of(), home, List.of());
        assertThatThrownBy(() -> resolver.resolve(new EndpointSource.Url("host=h port=x5432y password='hunter2 x'")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("the port is not a number from 1 to 65535; fix the port parameter or PGPORT");
        assertThatThrownBy(() -> resolver.resolve(new EndpointSource.Url("host=h password=hunter2 two")))
                .hasMessageNotContaining("hunter2").hasMessageNotContaining("two");
    }

    @Test
    void keywordValueStringsComeFromEnvironmentVariablesAndEnvFiles() throws Exception {
        Path file = home.resolve(".env");
        Files.writeString(file, "DB=\"host=envhost dbname=app user=app password='it\\'s'\"\n");
        ConnectionSpec spec = new ConnectionResolver(Map.of(), home, List.of()).resolve(new EndpointSource.EnvFile(file, "DB"));
        assertThat(spec.address()).isEqualTo("envhost:5432/app");
        assertThat(spec.password()).isEqualTo(Secret.of("it's"));
        ConnectionSpec fromVariable = new ConnectionResolver(Map.of("DB", "host=h2 user=u dbname=d2"), home, List.of())
                .resolve(new EndpointSource.EnvVariable("DB"));
        assertThat(fromVariable.redactedUrl()).isEqualTo("postgresql://u@h2:5432/d2");
    }
}
