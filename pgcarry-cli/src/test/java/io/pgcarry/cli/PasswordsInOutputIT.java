package io.pgcarry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pgcarry.embedded.EmbeddedPostgres;
import io.pgcarry.embedded.junit.PostgresExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Passwords that also occur in the data ({@code bench} in every {@code pgbench_*} name, {@code app}, {@code postgres}):
 * what pgcarry prints and writes is exactly what it describes, and the connection's password still appears nowhere.
 */
class PasswordsInOutputIT {
    @RegisterExtension
    static final PostgresExtension pg = PostgresExtension.major(17);

    @TempDir
    Path dir;

    private static final String SCHEMA = """
            CREATE TABLE pgbench_accounts (aid int PRIMARY KEY, abalance int, filler text DEFAULT 'https://svc:bench@host/x');
            COMMENT ON TABLE pgbench_accounts IS 'bench accounts of app on postgres; password=bench';
            CREATE TABLE app (id int PRIMARY KEY, postgres text);
            INSERT INTO pgbench_accounts SELECT i, i, 'bench ' || i FROM generate_series(1, 100) i;
            INSERT INTO app VALUES (1, 'postgresql://app:bench@h/db'), (2, 'postgres');
            CREATE ROLE %1$s LOGIN PASSWORD 'bench' IN ROLE %2$s;
            GRANT SELECT ON ALL TABLES IN SCHEMA public TO %1$s;
            """;

    @Test
    void schemaScriptsSnapshotsAndResultsAreNotRewritten() throws Exception {
        String url = prepare();

        CliRun dump = CliRun.of("schema", "dump", "--from", url);
        assertThat(dump.exitCode()).as(dump.err()).isZero();
        assertThat(dump.out()).contains("CREATE TABLE \"public\".\"pgbench_accounts\"", "'https://svc:bench@host/x'::text",
                "'bench accounts of app on postgres; password=bench'", "\"postgres\" text").doesNotContain("***");
        assertThat(dump.err()).doesNotContain("bench@127.0.0.1");

        Path snapshot = dir.resolve("snapshot.json");
        CliRun json = CliRun.of("schema", "dump", "--from", url, "--format", "json");
        Files.writeString(snapshot, json.out());
        assertThat(json.out()).contains("pgbench_accounts").doesNotContain("***");
        CliRun diff = CliRun.of("diff", snapshot.toString(), url);
        assertThat(diff.exitCode()).as(diff.out() + diff.err()).isZero();
        assertThat(diff.out()).contains("no differences");

        Path report = dir.resolve("validation.json");
        CliRun validate = CliRun.of("--json", "--verbose", "validate", "--from", url, "--to", url, "--report", report.toString());
        assertThat(validate.exitCode()).as(validate.err()).isZero();
        String everything = validate.out() + validate.err() + Files.readString(report);
        assertThat(everything).contains("public.pgbench_accounts", "sql [").doesNotContain("pg***").doesNotContain("bench@127.0.0.1");
        JsonNode result = new ObjectMapper().readTree(validate.out());
        assertThat(result.findValuesAsText("table")).contains("public.pgbench_accounts", "public.app");
    }

    @Test
    void aWrongPasswordOrAMistypedUrlNeverShowsIt() throws Exception {
        String url = prepare();
        String wrong = url.replace(":bench@", ":Wr0ng-bench@");
        CliRun refused = CliRun.of("--json", "--verbose", "ping", "--to", wrong);
        assertThat(refused.exitCode()).isEqualTo(3);
        assertThat(refused.out() + refused.err()).contains("wrong password for user").doesNotContain("Wr0ng");

        for (String typo : new String[] {url.replace("postgresql://", "postgresql:/"), url.replace("postgresql://", ""),
                url.replace(":bench@", ":Wr0ng bench@").replace("/" + pg.database(), ":5x/" + pg.database()),
                url.replace(":bench@", ":Wr0ng/x@")}) {
            CliRun run = CliRun.of("--json", "--verbose", "ping", "--to", typo);
            assertThat(run.exitCode()).as(typo).isEqualTo(2);
            assertThat(run.out() + run.err()).as(typo).containsAnyOf("malformed connection URL", "neither a postgresql:// URL")
                    .doesNotContain("Wr0ng").doesNotContain(":bench@");
        }
    }

    @Test
    void backupJsonGivesThePathAsAPath() throws Exception {
        String url = prepare();
        execute("GRANT SELECT ON ALL SEQUENCES IN SCHEMA public TO " + role());
        Path out = dir.resolve("backups");
        CliRun backup = CliRun.of("--json", "backup", "--from", url, "--out", out.toString(), "--jobs", "1");
        assertThat(backup.exitCode()).as(backup.err()).isZero();
        JsonNode result = new ObjectMapper().readTree(backup.out());
        assertThat(result.get("archive").asText()).startsWith(out.toString()).doesNotStartWith("file:");
        assertThat(backup.out() + backup.err()).doesNotContain("bench@127.0.0.1");
    }

    private String prepare() throws Exception {
        execute(SCHEMA.formatted(role(), EmbeddedPostgres.PASSWORD_ROLE));
        return pg.server().url(role(), "bench", pg.database());
    }

    private static String role() {
        return "carrier_" + pg.database();
    }

    private static void execute(String sql) throws Exception {
        try (Connection c = pg.server().connect(pg.database()); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
