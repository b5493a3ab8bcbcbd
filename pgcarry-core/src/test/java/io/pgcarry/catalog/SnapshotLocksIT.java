package io.pgcarry.catalog;

import static io.pgcarry.catalog.TornSnapshotIT.backupRequest;
import static io.pgcarry.catalog.TornSnapshotIT.content;
import static io.pgcarry.catalog.TornSnapshotIT.execute;
import static io.pgcarry.catalog.TornSnapshotIT.move;
import static io.pgcarry.catalog.TornSnapshotIT.spec;
import static org.assertj.core.api.Assertions.assertThat;

import io.pgcarry.error.Setting;
import io.pgcarry.backup.Backup;
import io.pgcarry.backup.BackupRestore;
import io.pgcarry.backup.BackupResult;
import io.pgcarry.backup.RestoreRequest;
import io.pgcarry.connect.Connector;
import io.pgcarry.copy.CopyProgress;
import io.pgcarry.embedded.junit.PostgresExtension;
import io.pgcarry.move.Move;
import io.pgcarry.move.MoveResult;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What pgcarry's snapshot locks make other sessions do, and how long pgcarry waits for theirs. */
class SnapshotLocksIT {
    private static final String TABLE = """
            CREATE TABLE public.t (id int PRIMARY KEY, v text NOT NULL);
            INSERT INTO public.t SELECT g, 'original ' || g FROM generate_series(1, 1000) g;
            """;

    @RegisterExtension
    static final PostgresExtension pg13 = PostgresExtension.major(13);
    @RegisterExtension
    static final PostgresExtension pg17 = PostgresExtension.major(17);

    @ParameterizedTest
    @ValueSource(ints = {13, 17})
    void aTruncateStartedDuringABackupWaitsForIt(int major, @TempDir Path out) throws Exception {
        PostgresExtension pg = pg(major);
        execute(pg, pg.database(), TABLE);
        String before = content(pg, pg.database());
        TruncateOnce truncate = new TruncateOnce(pg);

        BackupResult result = new Backup(new Connector()).run(backupRequest(pg, out), truncate);

        assertThat(truncate.waited()).as("the TRUNCATE waited for pgcarry's lock").isTrue();
        assertThat(result.rows()).isEqualTo(1000);
        truncate.finished();
        assertThat(content(pg, pg.database())).startsWith("0:");
        String restored = pg.newDatabase();
        new BackupRestore(new Connector()).run(new RestoreRequest(result.archive(), spec(pg, restored), 1, null, false), CopyProgress.NONE);
        assertThat(content(pg, restored)).isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(ints = {13, 17})
    void aTruncateQueuedBeforeAReaderReachesItsTableWaitsForTheBackup(int major, @TempDir Path out) throws Exception {
        PostgresExtension pg = pg(major);
        execute(pg, pg.database(), TABLE + "CREATE TABLE public.a AS SELECT g AS id, repeat('x', 500) AS v FROM generate_series(1, 20000) g;");
        String before = content(pg, pg.database());
        TruncateOnce truncate = new TruncateOnce(pg);

        Future<BackupResult> running = OtherSession.start(() -> new Backup(new Connector()).run(
                new io.pgcarry.backup.BackupRequest(spec(pg, pg.database()), out, "one", 1, io.pgcarry.backup.Compression.NONE, false, 0),
                truncate));
        OtherSession.Outcome<BackupResult> outcome = OtherSession.outcome(running);

        assertThat(outcome.failure()).isNull();
        assertThat(truncate.waited()).isTrue();
        assertThat(outcome.result().rows()).isEqualTo(21000);
        truncate.finished();
        String restored = pg.newDatabase();
        new BackupRestore(new Connector()).run(new RestoreRequest(outcome.result().archive(), spec(pg, restored), 1, null, false),
                CopyProgress.NONE);
        assertThat(content(pg, restored)).isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(ints = {13, 17})
    void aTruncateStartedDuringAMoveWaitsForIt(int major) throws Exception {
        PostgresExtension pg = pg(major);
        String target = pg.newDatabase();
        execute(pg, pg.database(), TABLE);
        execute(pg, target, "CREATE TABLE public.t (id int PRIMARY KEY, v text NOT NULL)");
        String before = content(pg, pg.database());
        TruncateOnce truncate = new TruncateOnce(pg);

        Future<MoveResult> moving = OtherSession.start(() -> new Move(new Connector()).run(move(pg, target), truncate));
        OtherSession.Outcome<MoveResult> outcome = OtherSession.outcome(moving);

        assertThat(outcome.failure()).isNull();
        assertThat(truncate.waited()).as("the TRUNCATE waited for pgcarry's lock").isTrue();
        assertThat(outcome.result().passed()).isTrue();
        assertThat(outcome.result().rows()).isEqualTo(1000);
        assertThat(content(pg, target)).isEqualTo(before);
        truncate.finished();
    }

    @ParameterizedTest
    @ValueSource(ints = {13, 17})
    void aLockHeldLongerThanTheLockWaitTimeoutStopsTheMoveNamingItsHolder(int major) throws Exception {
        PostgresExtension pg = pg(major);
        String target = pg.newDatabase();
        execute(pg, pg.database(), TABLE);
        execute(pg, target, "CREATE TABLE public.t (id int PRIMARY KEY, v text NOT NULL)");

        try (OtherSession other = OtherSession.holding(pg, pg.database(), "LOCK TABLE public.t IN ACCESS EXCLUSIVE MODE")) {
            long started = System.nanoTime();
            Future<MoveResult> moving = OtherSession.start(() -> new Move(new Connector(10, Duration.ofSeconds(2))).run(move(pg, target),
                    CopyProgress.NONE));
            OtherSession.Outcome<MoveResult> outcome = OtherSession.outcome(moving);
            double seconds = (System.nanoTime() - started) / 1e9;

            assertThat(outcome.failure()).hasMessageContaining("public.t").hasMessageContaining(Setting.LOCK_WAIT_TIMEOUT.mention())
                    .hasMessageContaining("pid " + other.pid() + " ");
            assertThat(seconds).isBetween(2.0, 10.0);
        }
        assertThat(content(pg, target)).startsWith("0:");
    }

    @ParameterizedTest
    @ValueSource(ints = {13, 17})
    void aPartitionTruncatedDuringABackupIsNotArchivedEmpty(int major, @TempDir Path out) throws Exception {
        PostgresExtension pg = pg(major);
        execute(pg, pg.database(), """
                CREATE TABLE public.p (id int NOT NULL, v text) PARTITION BY RANGE (id);
                CREATE TABLE public.p1 PARTITION OF public.p FOR VALUES FROM (0) TO (500);
                CREATE TABLE public.p2 PARTITION OF public.p FOR VALUES FROM (500) TO (1001);
                INSERT INTO public.p SELECT g, 'original ' || g FROM generate_series(1, 1000) g;
                """);

        OtherSession.Outcome<BackupResult> outcome;
        try (OtherSession other = OtherSession.holding(pg, pg.database(),
                "TRUNCATE public.p2; INSERT INTO public.p SELECT g, 'reloaded' FROM generate_series(500, 999) g")) {
            Future<BackupResult> running = OtherSession.start(() -> new Backup(new Connector()).run(backupRequest(pg, out), CopyProgress.NONE));
            other.awaitWaiter("pgcarry", "public.p2", running);
            other.commit();
            outcome = OtherSession.outcome(running);
        }

        assertThat(outcome.failure()).isNull();
        assertThat(outcome.result().rows()).isEqualTo(999);
    }

    private static PostgresExtension pg(int major) {
        return major == 13 ? pg13 : pg17;
    }

    /**
     * Progress that, the first time rows stream, starts a TRUNCATE of public.t in another session and returns once that
     * session waits for its lock, so the rest of the work runs with a TRUNCATE queued behind pgcarry's locks.
     */
    private static final class TruncateOnce implements CopyProgress {
        private final PostgresExtension pg;
        private final AtomicBoolean started = new AtomicBoolean();
        private volatile boolean waited;
        private volatile Future<Object> truncate;

        TruncateOnce(PostgresExtension pg) {
            this.pg = pg;
        }

        @Override
        public void streamed(QualifiedName table, long rows, long bytes) {
            if (!started.compareAndSet(false, true)) {
                return;
            }
            try {
                Connection c = pg.server().connect(pg.database());
                int pid = Integer.parseInt(OtherSession.query(c, "SELECT pg_backend_pid()"));
                truncate = OtherSession.start(() -> {
                    try (c; var s = c.createStatement()) {
                        s.execute("TRUNCATE public.t");
                    }
                    return null;
                });
                try (OtherSession monitor = OtherSession.holding(pg, pg.database(), "SELECT 1")) {
                    monitor.awaitWaiter(pid, "public.t", truncate);
                }
                waited = true;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        boolean waited() {
            return waited;
        }

        void finished() throws Exception {
            assertThat(OtherSession.outcome(truncate).failure()).isNull();
        }
    }
}
