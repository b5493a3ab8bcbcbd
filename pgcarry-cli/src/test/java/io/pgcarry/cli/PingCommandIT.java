package io.pgcarry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pgcarry.embedded.EmbeddedPostgres;
import io.pgcarry.embedded.junit.PostgresExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class PingCommandIT {
    @RegisterExtension
    static final PostgresExtension pg = PostgresExtension.major(17);

    @TempDir
    Path dir;

    @Test
    void printsServerFacts() {
        CliRun run = CliRun.of("ping", "--to", pg.url());
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("server:     PostgreSQL 17.", "user:       postgres (superuser)",
                "database:   " + pg.database(), "encoding:   UTF8");
    }

    @Test
    void jsonGoesToStdoutAndTextToStderr() throws Exception {
        CliRun run = CliRun.of("ping", "--json", "--to", pg.url());
        assertThat(run.exitCode()).isZero();
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.get("versionNumber").asInt()).isBetween(170000, 179999);
        assertThat(json.get("database").asText()).isEqualTo(pg.database());
        assertThat(run.err()).contains("server:     PostgreSQL 17.");
    }

    @Test
    void keywordValueStringOverTheUnixSocketWithAQuotedPassword() {
        pg.server().execute("CREATE ROLE sockrun LOGIN PASSWORD 'open s3same' IN ROLE " + EmbeddedPostgres.PASSWORD_ROLE);
        try {
            String socket = pg.server().socketDirectory().toString();
            String base = "host=" + socket + " port=" + pg.server().port() + " dbname=" + pg.database() + " user=sockrun ";
            CliRun run = CliRun.of("ping", "--to", base + "password='open s3same'");
            assertThat(run.exitCode()).isZero();
            assertThat(run.out()).contains("user:       sockrun (not a superuser)",
                    "url:        postgresql://sockrun:***@/" + pg.database() + "?host=" + socket + "&port=" + pg.server().port());
            CliRun wrong = CliRun.of("ping", "--to", base + "password = 'not open s3same'");
            assertThat(wrong.exitCode()).isEqualTo(3);
            assertThat(wrong.err()).startsWith("error: wrong password for user \"sockrun\" at " + socket + ":" + pg.server().port());
            CliRun malformed = CliRun.of("ping", "--to", base + "password='open s3same");
            assertThat(malformed.err()).contains("malformed connection string: the quoted value starting at character");
            assertThat(run.out() + run.err() + wrong.out() + wrong.err() + malformed.out() + malformed.err()).doesNotContain("s3same");
        } finally {
            pg.server().execute("DROP ROLE sockrun");
        }
    }

    @Test
    void profileWithEnvFileReachesTheServerAndNeverShowsThePassword() throws Exception {
        pg.server().execute("CREATE ROLE runbook LOGIN PASSWORD 'p4ss-w0rd' IN ROLE " + EmbeddedPostgres.PASSWORD_ROLE);
        try {
            Files.writeString(dir.resolve(".env.v2.dev"), "export DATABASE_DIRECT_URL=\""
                    + pg.server().url("runbook", "p4ss-w0rd", pg.database()) + "\"\n");
            Files.writeString(dir.resolve("pgcarry.yaml"),
                    "profiles:\n  dev:\n    to: {env_file: .env.v2.dev, var: DATABASE_DIRECT_URL}\n");
            CliRun run = CliRun.of("ping", "--config", dir.resolve("pgcarry.yaml").toString(), "--profile", "dev");
            assertThat(run.exitCode()).isZero();
            assertThat(run.out()).contains("user:       runbook (not a superuser)", "url:        postgresql://runbook:***@127.0.0.1");
            assertThat(run.out() + run.err()).doesNotContain("p4ss-w0rd");

            CliRun wrong = CliRun.of("ping", "--to", pg.server().url("runbook", "not-the-p4ss", pg.database()));
            assertThat(wrong.exitCode()).isEqualTo(3);
            assertThat(wrong.err()).startsWith("error: wrong password for user \"runbook\"").doesNotContain("not-the-p4ss");
        } finally {
            pg.server().execute("DROP ROLE runbook");
        }
    }

    @Test
    void pooledUrlGetsAWarningOnStderr() {
        CliRun run = CliRun.of("ping", "--to", "postgresql://u@127.0.0.1:6543/x", "--connect-timeout", "2");
        assertThat(run.err()).contains("warning: host 127.0.0.1:6543 looks like a connection pooler");
    }

    @Test
    void verboseShowsTheSqlSent() {
        CliRun run = CliRun.of("--verbose", "ping", "--to", pg.url());
        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).contains("sql [main]: select current_setting('server_version')");
        CliRun quiet = CliRun.of("ping", "--to", pg.url());
        assertThat(quiet.err()).doesNotContain("sql [");
    }
}
