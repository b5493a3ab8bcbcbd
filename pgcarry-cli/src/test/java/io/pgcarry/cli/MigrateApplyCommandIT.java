package io.pgcarry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pgcarry.embedded.junit.PostgresExtension;
import io.pgcarry.migrate.apply.MigrateLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code pgcarry migrate apply}: its report, its exit codes and its JSON. */
class MigrateApplyCommandIT {
    @RegisterExtension
    static final PostgresExtension pg = PostgresExtension.major(17);

    @TempDir
    Path dir;

    @Test
    void appliesEverythingAndExitsZero() throws Exception {
        write("001_items.sql", "CREATE TABLE items (id bigint PRIMARY KEY, name text);\n");
        write("002_name_idx.sql", "CREATE INDEX CONCURRENTLY items_name_idx ON items (name);\n");
        CliRun run = CliRun.of("migrate", "apply", "--to", pg.url(), "--dir", dir.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("tool:      pgcarry (2 <number>_<name>.sql files)", "ledger:    pgcarry_migrate.migrations",
                "001_items.sql     transaction             1 statement     applied in ",
                "002_name_idx.sql  statement by statement  1 statement     applied in ",
                "migrate apply: OK - 2 migrations applied (lock_timeout 2000ms, up to 5 retries on a lock timeout)");
        assertThat(run.err()).contains("applying 002_name_idx.sql (statement by statement, 1 statement)");
        CliRun again = CliRun.of("migrate", "apply", "--to", pg.url(), "--dir", dir.toString());
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).contains("migrate apply: OK - nothing to apply (2 migrations applied already)");
        assertThat(CliRun.of("migrate", "status", "--to", pg.url(), "--dir", dir.toString()).exitCode()).isZero();
    }

    @Test
    void aLockWaitIsMeasuredInTheReport() throws Exception {
        write("001_items.sql", "CREATE TABLE items (id bigint PRIMARY KEY, name text);\n");
        assertThat(CliRun.of("migrate", "apply", "--to", pg.url(), "--dir", dir.toString()).exitCode()).isZero();
        write("002_note.sql", "ALTER TABLE items ADD COLUMN note text;\n");
        CountDownLatch held = new CountDownLatch(1);
        CompletableFuture<Void> holder = CompletableFuture.runAsync(() -> {
            try (Connection c = pg.connect(); Statement s = c.createStatement()) {
                c.setAutoCommit(false);
                s.execute("LOCK TABLE items IN ACCESS EXCLUSIVE MODE");
                held.countDown();
                Thread.sleep(2500);
                c.commit();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(held.await(30, TimeUnit.SECONDS)).isTrue();
        CliRun run = CliRun.of("migrate", "apply", "--to", pg.url(), "--dir", dir.toString(), "--lock-timeout", "1s");
        holder.get(30, TimeUnit.SECONDS);
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).containsPattern("002_note.sql  transaction  +1 statement +applied in \\d+\\.\\d s; \\d lock timeouts?: "
                + "waited 1\\.\\d s at line 1, retried after 0\\.5 s");
        assertThat(run.err()).containsPattern("002_note.sql: lock timeout after 1\\.\\d s at line 1; retry 1 of 5 in 0\\.5 s");
    }

    @Test
    void aRefusalExitsOneAndJsonLeadsWithOk() throws Exception {
        write("001_items.sql", "CREATE TABLE items (id bigint PRIMARY KEY);\n");
        assertThat(CliRun.of("migrate", "apply", "--to", pg.url(), "--dir", dir.toString()).exitCode()).isZero();
        write("001_items.sql", "CREATE TABLE items (id bigint PRIMARY KEY, name text);\n");
        write("002_more.sql", "CREATE TABLE more (id int);\n");
        CliRun text = CliRun.of("migrate", "apply", "--to", pg.url(), "--dir", dir.toString());
        assertThat(text.exitCode()).isEqualTo(1);
        assertThat(text.out()).contains("001      items  modified", "migrate apply: REFUSED - migrate status shows 1 modified: 001 items "
                + "(modified); nothing was applied");
        CliRun json = CliRun.of("migrate", "apply", "--json", "--to", pg.url(), "--dir", dir.toString());
        assertThat(json.exitCode()).isEqualTo(1);
        JsonNode result = new ObjectMapper().readTree(json.out());
        assertThat(result.fieldNames().next()).isEqualTo("ok");
        assertThat(result.get("ok").asBoolean()).isFalse();
        assertThat(result.get("outcome").asText()).isEqualTo("refused");
        assertThat(result.get("status").get("migrations").get(0).get("state").asText()).isEqualTo("modified");
        assertThat(result.get("runs")).isEmpty();
    }

    @Test
    void aFailedMigrationExitsThreeWithWhatRan() throws Exception {
        write("001_items.sql", "CREATE TABLE items (id bigint PRIMARY KEY, name text);\n");
        write("002_bad.sql", "CREATE INDEX CONCURRENTLY items_name_idx ON items (name);\nINSERT INTO nope VALUES (1);\n");
        write("003_later.sql", "SELECT 1;\n");
        CliRun text = CliRun.of("migrate", "apply", "--to", pg.url(), "--dir", dir.toString());
        assertThat(text.exitCode()).isEqualTo(3);
        assertThat(text.out()).contains("002_bad.sql    statement by statement  1 statement     FAILED at line 2: [42P01] relation \"nope\" "
                        + "does not exist",
                "    ran and stay: \n      line 1: CREATE INDEX CONCURRENTLY items_name_idx ON items (name)\n",
                "    ledger: pgcarry_migrate.migrations has its failed row (success = false, 1 statements run)",
                "migrate apply: FAILED - 1 applied, 1 failed, 1 not run");
        CliRun json = CliRun.of("migrate", "apply", "--json", "--to", pg.url(), "--dir", dir.toString());
        assertThat(json.exitCode()).isEqualTo(1);
        JsonNode refused = new ObjectMapper().readTree(json.out());
        assertThat(refused.get("refusal").asText()).isEqualTo("migrate status shows 1 failed: 002 bad (failed); nothing was applied");
    }

    @Test
    void dryRunAndTheOtherToolsAndTheMigrateLock() throws Exception {
        write("001_items.sql", "CREATE TABLE items (id bigint PRIMARY KEY, name text);\n");
        CliRun dry = CliRun.of("migrate", "apply", "--json", "--dry-run", "--to", pg.url(), "--dir", dir.toString());
        assertThat(dry.exitCode()).isZero();
        JsonNode plan = new ObjectMapper().readTree(dry.out());
        assertThat(plan.get("ok").asBoolean()).isTrue();
        assertThat(plan.get("outcome").asText()).isEqualTo("planned");
        assertThat(plan.get("plan").get(0).get("mode").asText()).isEqualTo("transaction");
        assertThat(dry.err()).contains("migrate apply: DRY RUN - 1 migration to apply; nothing was written");
        Path dbmate = Files.createDirectories(dir.resolve("db/migrations"));
        Files.writeString(dbmate.resolve("20240101000000_init.sql"), "-- migrate:up\nSELECT 1;\n");
        CliRun other = CliRun.of("migrate", "apply", "--to", pg.url(), "--dir", dir.resolve("db").toString(), "--tool", "dbmate");
        assertThat(other.exitCode()).isEqualTo(2);
        assertThat(other.err()).isEqualTo("error: migrate apply writes the ledgers of prisma, drizzle, flyway and pgcarry, not dbmate's; "
                + "apply dbmate migrations with dbmate (migrate status reads them)\n");
        try (Connection c = pg.connect(); Statement s = c.createStatement()) {
            s.execute("SET application_name = 'deploy-bot'");
            s.execute("SELECT pg_advisory_lock(" + MigrateLock.KEY + ")");
            CliRun locked = CliRun.of("migrate", "apply", "--to", pg.url(), "--dir", dir.toString());
            assertThat(locked.exitCode()).isEqualTo(3);
            assertThat(locked.err()).startsWith("error: another migrate apply is running on this database (pid ")
                    .contains("application_name 'deploy-bot'").hasLineCount(1);
        }
    }

    private void write(String name, String sql) throws Exception {
        Files.writeString(dir.resolve(name), sql);
    }
}
