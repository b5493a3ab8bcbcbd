package io.pgcarry.migrate.apply;

import static io.pgcarry.migrate.MigrationFixtures.spec;
import static io.pgcarry.migrate.MigrationFixtures.write;
import static io.pgcarry.migrate.apply.ApplyFixtures.appRole;
import static io.pgcarry.migrate.apply.ApplyFixtures.apply;
import static io.pgcarry.migrate.apply.ApplyFixtures.invalidIndexes;
import static io.pgcarry.migrate.apply.ApplyFixtures.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgcarry.embedded.junit.PostgresExtension;
import io.pgcarry.error.Setting;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code migrate apply} next to other sessions: a table lock held by someone else is waited out under
 * {@code lock_timeout} with back-off retries, whatever the file says of {@code lock_timeout}; a concurrent index build
 * that times out leaves no INVALID index; a second apply is kept out by the migrate lock; a dry run writes nothing.
 */
class ApplyLockingIT {
    @RegisterExtension
    static final PostgresExtension pg13 = PostgresExtension.major(13);
    @RegisterExtension
    static final PostgresExtension pg17 = PostgresExtension.major(17);

    private static final String ITEMS = "CREATE TABLE items (id bigint PRIMARY KEY, name text);\n";

    @TempDir
    Path dir;

    @Test
    void aTableLockHeldElsewhereIsWaitedOutAndRetried() throws Exception {
        for (PostgresExtension pg : List.of(pg13, pg17)) {
            Path migrations = applied(pg);
            write(migrations, "002_note.sql", "ALTER TABLE items ADD COLUMN note text;\n");
            CompletableFuture<Void> holder = hold(pg, "LOCK TABLE items IN ACCESS EXCLUSIVE MODE", 3000);
            ApplyResult result = apply(request(pg, migrations, 5));
            holder.get(30, TimeUnit.SECONDS);
            assertThat(result.outcome()).as("%s", result.runs()).isEqualTo(ApplyOutcome.APPLIED);
            FileRun run = result.runs().get(0);
            assertThat(run.lockWaits()).isNotEmpty();
            assertThat(run.lockWaits().get(0).line()).isEqualTo(1);
            assertThat(run.lockWaits()).allSatisfy(w -> assertThat(w.waitedMillis()).isGreaterThanOrEqualTo(900));
            assertThat(run.lockWaits()).extracting(LockWait::backoffMillis).startsWith(500L);
            assertThat(run.millis()).isGreaterThanOrEqualTo(2000);
            assertThat(rows(pg, "SELECT count(*) FROM information_schema.columns WHERE column_name = 'note'")).containsExactly("1");
        }
    }

    @Test
    void aResetOrSetInTheFileCannotLiftTheLockTimeout() throws Exception {
        for (PostgresExtension pg : List.of(pg13, pg17)) {
            Path migrations = applied(pg);
            write(migrations, "002_note.sql", "RESET lock_timeout;\nSET lock_timeout = 0;\nRESET ALL;\n"
                    + "ALTER TABLE items ADD COLUMN note text;\n");
            CompletableFuture<Void> holder = hold(pg, "LOCK TABLE items IN ACCESS EXCLUSIVE MODE", 4000);
            ApplyResult result = apply(request(pg, migrations, 0));
            holder.get(30, TimeUnit.SECONDS);
            assertThat(result.outcome()).isEqualTo(ApplyOutcome.FAILED);
            FileFailure failure = result.runs().get(0).failure();
            assertThat(failure.sqlState()).isEqualTo("55P03");
            assertThat(failure.line()).isEqualTo(4);
            assertThat(failure.rolledBack()).isTrue();
            assertThat(rows(pg, "SELECT count(*) FROM information_schema.columns WHERE column_name = 'note'")).containsExactly("0");
        }
    }

    @Test
    void aConcurrentIndexBuildThatTimesOutLeavesNoInvalidIndexAndIsRetried() throws Exception {
        for (PostgresExtension pg : List.of(pg13, pg17)) {
            Path migrations = applied(pg);
            write(migrations, "002_name_idx.sql", "CREATE INDEX CONCURRENTLY items_name_idx ON items (name);\n");
            // an open transaction that wrote to the table: the build waits for it after creating its INVALID index
            CompletableFuture<Void> holder = hold(pg, "INSERT INTO items VALUES (1, 'one')", 3000);
            ApplyResult result = apply(request(pg, migrations, 5));
            holder.get(30, TimeUnit.SECONDS);
            assertThat(result.outcome()).as("%s", result.runs()).isEqualTo(ApplyOutcome.APPLIED);
            FileRun run = result.runs().get(0);
            assertThat(run.mode()).isEqualTo(TransactionMode.STATEMENTS);
            assertThat(run.lockWaits()).isNotEmpty();
            assertThat(run.invalidIndexes()).contains("public.items_name_idx (INVALID, dropped)");
            assertThat(invalidIndexes(pg)).isEmpty();
            assertThat(rows(pg, "SELECT indisvalid FROM pg_index WHERE indexrelid = 'items_name_idx'::regclass")).containsExactly("t");
        }
    }

    @Test
    void aSecondApplyIsKeptOutByTheMigrateLockOrWaitsForIt() throws Exception {
        for (PostgresExtension pg : List.of(pg13, pg17)) {
            Path migrations = applied(pg);
            write(migrations, "002_note.sql", "ALTER TABLE items ADD COLUMN note text;\n");
            CompletableFuture<Void> holder = hold(pg, "LOCK TABLE items IN ACCESS EXCLUSIVE MODE", 3000);
            CompletableFuture<ApplyResult> first = CompletableFuture.supplyAsync(() -> apply(request(pg, migrations, 10)));
            awaitMigrateLock(pg);
            assertThatThrownBy(() -> apply(request(pg, migrations, 5))).isInstanceOf(MigrateLockedException.class)
                    .hasMessageStartingWith("another migrate apply is running on this database (pid ")
                    .hasMessageContaining("application_name 'pgcarry migrate apply'")
                    .hasMessageEndingWith("wait for it to end, or run again with " + Setting.WAIT.mention());
            ApplyRequest waiting = request(pg, migrations, 5);
            ApplyResult second = apply(new ApplyRequest(waiting.target(), waiting.directory(), null, null, false,
                    waiting.lockTimeout(), 5, waiting.backoff(), true));
            assertThat(first.get(30, TimeUnit.SECONDS).outcome()).isEqualTo(ApplyOutcome.APPLIED);
            assertThat(second.outcome()).isEqualTo(ApplyOutcome.APPLIED);
            assertThat(second.runs()).isEmpty();
            holder.get(30, TimeUnit.SECONDS);
            assertThat(rows(pg, "SELECT version FROM pgcarry_migrate.migrations ORDER BY 1")).containsExactly("001", "002");
        }
    }

    @Test
    void aDryRunPlansAndWritesNothing() throws Exception {
        for (PostgresExtension pg : List.of(pg13, pg17)) {
            Path migrations = dir.resolve(pg.database());
            write(migrations, "001_items.sql", ITEMS);
            write(migrations, "002_changes.sql", "CREATE INDEX CONCURRENTLY items_name_idx ON items (name);\n"
                    + "ALTER TABLE items ALTER COLUMN id TYPE numeric;\n");
            String url = appRole(pg);
            ApplyRequest r = ApplyFixtures.request(url, migrations, null);
            // the migrate lock held elsewhere does not stop a dry run, which takes none
            try (Connection other = pg.connect(); Statement s = other.createStatement()) {
                s.execute("SELECT pg_advisory_lock(" + MigrateLock.KEY + ")");
                ApplyResult plan = apply(new ApplyRequest(r.target(), migrations, null, null, true, r.lockTimeout(), 5, r.backoff(), false));
                assertThat(plan.outcome()).isEqualTo(ApplyOutcome.PLANNED);
                assertThat(plan.runs()).isEmpty();
                assertThat(plan.plan()).extracting(FilePlan::file).containsExactly("001_items.sql", "002_changes.sql");
                assertThat(plan.plan()).extracting(FilePlan::mode).containsExactly(TransactionMode.TRANSACTION, TransactionMode.STATEMENTS);
                assertThat(plan.plan()).extracting(FilePlan::statements).containsExactly(1, 2);
                assertThat(plan.plan().get(1).outsideTransaction()).containsExactly("line 1: CREATE INDEX CONCURRENTLY");
                assertThat(plan.plan().get(1).hazards()).extracting(StatementHazard::line).containsExactly(1, 2);
                assertThat(plan.plan().get(1).hazards().get(1).hazards()).contains("ACCESS EXCLUSIVE lock");
                assertThatThrownBy(() -> apply(r)).isInstanceOf(MigrateLockedException.class)
                        .hasMessageContaining("pid ").hasMessageContaining(", user postgres");
            }
            assertThat(rows(pg, "SELECT count(*) FROM pg_class WHERE relnamespace = 'public'::regnamespace")).containsExactly("0");
            assertThat(rows(pg, "SELECT to_regnamespace('pgcarry_migrate') IS NULL")).containsExactly("t");
        }
    }

    /** A directory of pgcarry's with 001 (the table items) applied. */
    private Path applied(PostgresExtension pg) {
        Path migrations = dir.resolve(pg.database());
        write(migrations, "001_items.sql", ITEMS);
        assertThat(apply(pg.url(), migrations, null).outcome()).isEqualTo(ApplyOutcome.APPLIED);
        return migrations;
    }

    private static ApplyRequest request(PostgresExtension pg, Path migrations, int retries) {
        return new ApplyRequest(spec(pg.url()), migrations, null, null, false, Duration.ofSeconds(1), retries, Duration.ofMillis(500),
                false);
    }

    /** Runs {@code sql} in a transaction of another session, which it keeps open for {@code millis} once it returned. */
    private static CompletableFuture<Void> hold(PostgresExtension pg, String sql, long millis) throws InterruptedException {
        CountDownLatch held = new CountDownLatch(1);
        CompletableFuture<Void> holder = CompletableFuture.runAsync(() -> {
            try (Connection c = pg.connect(); Statement s = c.createStatement()) {
                c.setAutoCommit(false);
                s.execute(sql);
                held.countDown();
                Thread.sleep(millis);
                c.commit();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(held.await(30, TimeUnit.SECONDS)).isTrue();
        return holder;
    }

    private static void awaitMigrateLock(PostgresExtension pg) throws InterruptedException {
        for (int i = 0; i < 300; i++) {
            if (!rows(pg, "SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted AND objid::bigint = "
                    + (MigrateLock.KEY & 0xffffffffL)).isEmpty()) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the first apply never took the migrate lock");
    }
}
