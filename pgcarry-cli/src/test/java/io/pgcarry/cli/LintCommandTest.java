package io.pgcarry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pgcarry lint} without a database: its lines, its JSON, its exit codes and the allow comment. */
class LintCommandTest {
    private static final String MIGRATION = """
            SET lock_timeout = '2s';
            CREATE TABLE accounts (id bigint PRIMARY KEY, email text);
            CREATE INDEX accounts_email ON accounts (email);
            ALTER TABLE orders ADD COLUMN flag boolean NOT NULL DEFAULT false;
            -- pgcarry:allow create-index-not-concurrently
            CREATE INDEX orders_flag ON orders (flag);
            CREATE INDEX orders_ref ON orders (ref);
            -- pgcarry:allow change-column-typo
            ALTER TABLE orders ALTER COLUMN id TYPE bigint;
            """;

    @TempDir
    Path dir;

    @Test
    void findingsArePrintedAsFileLineSeverityRuleMessageAndSaferWay() throws Exception {
        Path file = write("001_orders.sql", MIGRATION);
        CliRun run = CliRun.of("lint", file.toString());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.out().lines().toList()).hasSize(4);
        assertThat(run.out()).contains(file + ":7: error [create-index-not-concurrently] CREATE INDEX holds a SHARE lock on orders while "
                        + "it builds: inserts, updates and deletes wait until it is done — safer: CREATE INDEX CONCURRENTLY",
                file + ":8: error [unknown-allow] pgcarry:allow names 'change-column-typo', which is no rule",
                file + ":9: error [change-column-type] changing id of orders to bigint rewrites the table",
                "lint: FAIL - 3 errors, 0 warnings, 0 notes in 7 statements of 1 file; PostgreSQL 13 assumed (the oldest supported; "
                        + "give --pg-version or --to); table sizes unknown (give --to)");
        assertThat(run.out()).doesNotContain(":3:", ":4:", ":6:");
    }

    @Test
    void jsonLeadsWithOkAndCarriesEachFindingsPrediction() throws Exception {
        Path file = write("001_orders.sql", MIGRATION);
        CliRun run = CliRun.of("lint", "--json", "--pg-version", "17", file.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.fieldNames().next()).isEqualTo("ok");
        assertThat(json.get("ok").asBoolean()).isFalse();
        assertThat(json.get("pgVersion").asInt()).isEqualTo(17);
        assertThat(json.get("versionSource").asText()).isEqualTo("--pg-version");
        JsonNode index = json.get("findings").get(0);
        assertThat(index.get("rule").asText()).isEqualTo("create-index-not-concurrently");
        assertThat(index.get("severity").asText()).isEqualTo("ERROR");
        assertThat(index.get("line").asInt()).isEqualTo(7);
        assertThat(index.get("statement").asInt()).isEqualTo(6);
        assertThat(index.get("table").asText()).isEqualTo("orders");
        assertThat(index.get("lock").asText()).isEqualTo("SHARE");
        assertThat(index.get("rewrite").asBoolean()).isFalse();
        JsonNode alter = json.get("statements").get(6);
        assertThat(alter.get("locks").get(0).get("mode").asText()).isEqualTo("ACCESS EXCLUSIVE");
        assertThat(alter.get("rewrite").asBoolean()).isTrue();
    }

    @Test
    void aSafeFilePassesWithExitZero() throws Exception {
        Path file = write("002_safe.sql", """
                SET lock_timeout = '2s';
                ALTER TABLE orders ADD COLUMN note text;
                ALTER TABLE orders ADD CONSTRAINT orders_customer FOREIGN KEY (customer_id) REFERENCES customers NOT VALID;
                """);
        Path index = write("003_index.sql", "CREATE INDEX CONCURRENTLY orders_note ON orders (note);\n");
        CliRun run = CliRun.of("lint", file.toString(), index.toString());
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).isEqualTo("lint: PASS - 0 errors, 0 warnings, 0 notes in 4 statements of 2 files; PostgreSQL 13 assumed "
                + "(the oldest supported; give --pg-version or --to); table sizes unknown (give --to)\n");
    }

    @Test
    void warningsAloneExitZero() throws Exception {
        Path file = write("004_drop.sql", "SET lock_timeout = '2s';\nALTER TABLE orders DROP COLUMN legacy;\n");
        CliRun run = CliRun.of("lint", file.toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith(file + ":2: warning [drop-column] dropping column legacy of orders breaks");
    }

    @Test
    void badInputIsAOneLineUsageError() throws Exception {
        CliRun missing = CliRun.of("lint", dir.resolve("nope.sql").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).isEqualTo("error: cannot lint " + dir.resolve("nope.sql") + ": no such file\n");
        Path unclosed = write("005_bad.sql", "ALTER TABLE t ADD COLUMN a text DEFAULT 'oops;\n");
        CliRun bad = CliRun.of("lint", unclosed.toString());
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err().lines().toList()).singleElement().asString().startsWith("error: ").contains("005_bad.sql");
        CliRun nothing = CliRun.of("lint");
        assertThat(nothing.exitCode()).isEqualTo(2);
        assertThat(nothing.err()).contains("give the SQL files to lint, or a migration directory with --dir");
        CliRun json = CliRun.of("lint", "--json", dir.resolve("nope.sql").toString());
        assertThat(json.out()).contains("\"ok\" : false");
    }

    @Test
    void aMigrationDirectoryIsReadAsMigrateReadsIt() throws Exception {
        Path migrations = Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(migrations.resolve("V1__accounts.sql"), "CREATE TABLE accounts (id int);\nCREATE INDEX a_id ON accounts (id);\n");
        Files.writeString(migrations.resolve("V2__check.sql"), """
                SET lock_timeout = '2s';
                ALTER TABLE orders ADD CONSTRAINT positive CHECK (total > 0) NOT VALID;
                ALTER TABLE orders VALIDATE CONSTRAINT positive;
                """);
        CliRun run = CliRun.of("lint", "--dir", migrations.toString(), "--tool", "flyway");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.out().lines().toList()).containsExactly("V2__check.sql:3: error [validate-in-same-transaction] VALIDATE CONSTRAINT "
                + "positive runs in the transaction that added it NOT VALID, so the add's ACCESS EXCLUSIVE lock is still held while every "
                + "row is checked — safer: commit between the two: put VALIDATE CONSTRAINT in the next migration (or after COMMIT)",
                "lint: FAIL - 1 error, 0 warnings, 0 notes in 5 statements of 2 files; PostgreSQL 13 assumed (the oldest supported; "
                        + "give --pg-version or --to); table sizes unknown (give --to)");
    }

    @Test
    void concurrentlyInAFileTheToolRunsInATransactionFails() throws Exception {
        Path migrations = Files.createDirectories(dir.resolve("db/migrations"));
        String index = "CREATE INDEX CONCURRENTLY orders_note ON orders (note);\n-- migrate:down\nDROP INDEX orders_note;\n";
        Files.writeString(migrations.resolve("20240101000000_wrapped.sql"), "-- migrate:up\n" + index);
        Files.writeString(migrations.resolve("20240102000000_alone.sql"), "-- migrate:up transaction:false\n" + index);
        CliRun run = CliRun.of("lint", "--dir", migrations.toString(), "--tool", "dbmate");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out().lines().toList()).hasSize(2).first().asString().isEqualTo("20240101000000_wrapped.sql:2: error "
                + "[concurrently-in-transaction] CREATE INDEX CONCURRENTLY cannot run inside a transaction block, and here it would "
                + "(the whole file runs in one transaction: dbmate): it fails — safer: put it in a migration file of its own, marked "
                + "'-- migrate:up transaction:false'");
    }

    private Path write(String name, String sql) throws Exception {
        return Files.writeString(dir.resolve(name), sql);
    }
}
