package io.pgcarry.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgcarry.backup.Backup;
import io.pgcarry.backup.BackupRequest;
import io.pgcarry.backup.BackupRestore;
import io.pgcarry.backup.BackupResult;
import io.pgcarry.backup.Compression;
import io.pgcarry.backup.RestoreRequest;
import io.pgcarry.check.CheckOptions;
import io.pgcarry.clone.Clone;
import io.pgcarry.clone.CloneRequest;
import io.pgcarry.clone.CloneResult;
import io.pgcarry.connect.ConnectionResolver;
import io.pgcarry.connect.ConnectionSpec;
import io.pgcarry.connect.Connector;
import io.pgcarry.connect.EndpointSource;
import io.pgcarry.copy.CopyProgress;
import io.pgcarry.embedded.junit.PostgresExtension;
import io.pgcarry.move.Move;
import io.pgcarry.move.MoveRequest;
import io.pgcarry.move.MoveResult;
import io.pgcarry.plan.Mapping;
import io.pgcarry.plan.TableSelection;
import io.pgcarry.verify.Validate;
import io.pgcarry.verify.ValidateRequest;
import io.pgcarry.verify.ValidationLevel;
import io.pgcarry.verify.ValidationReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A truncate-and-reload committed by another session while pgcarry takes its snapshot: pgcarry either stops naming the
 * table or works from the reloaded rows; it never copies, archives or compares the table as empty.
 */
class TornSnapshotIT {
    private static final String TABLE = """
            CREATE TABLE public.t (id int PRIMARY KEY, v text NOT NULL);
            INSERT INTO public.t SELECT g, 'original ' || g FROM generate_series(1, 1000) g;
            """;
    /** A reload with other rows, so a copy of either state can be told from the other. */
    private static final String RELOAD = "TRUNCATE public.t; INSERT INTO public.t SELECT g, 'reloaded ' || g FROM generate_series(1, 500) g";
    /** A reload of the very same rows: only a torn read can make the two sides of a validation differ. */
    private static final String SAME_RELOAD = "TRUNCATE public.t; INSERT INTO public.t SELECT g, 'original ' || g FROM generate_series(1, 1000) g";
    private static final String TORN = "truncated or rewritten";

    @RegisterExtension
    static final PostgresExtension pg13 = PostgresExtension.major(13);
    @RegisterExtension
    static final PostgresExtension pg17 = PostgresExtension.major(17);

    @ParameterizedTest
    @ValueSource(ints = {13, 17})
    void moveStopsOrCopiesTheReloadedRows(int major) throws Exception {
        PostgresExtension pg = pg(major);
        String target = pg.newDatabase();
        execute(pg, pg.database(), TABLE);
        execute(pg, target, "CREATE TABLE public.t (id int PRIMARY KEY, v text NOT NULL)");

        OtherSession.Outcome<MoveResult> outcome = duringReload(pg, pg.database(), RELOAD,
                () -> new Move(new Connector()).run(move(pg, target), CopyProgress.NONE));

        if (outcome.failure() != null) {
            assertThat(outcome.failure()).hasMessageContaining("public.t").hasMessageContaining(TORN);
            assertThat(count(pg, target)).as("nothing copied").isEqualTo("0");
        } else {
            assertThat(outcome.result().passed()).isTrue();
            assertThat(outcome.result().rows()).isEqualTo(500);
            assertThat(content(pg, target)).isEqualTo(content(pg, pg.database())).contains("500:");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {13, 17})
    void cloneStopsOrCopiesTheReloadedRows(int major) throws Exception {
        PostgresExtension pg = pg(major);
        String target = pg.newDatabase();
        execute(pg, pg.database(), TABLE);

        OtherSession.Outcome<CloneResult> outcome = duringReload(pg, pg.database(), RELOAD,
                () -> new Clone(new Connector()).run(new CloneRequest(spec(pg, pg.database()), spec(pg, target), 2,
                        ValidationLevel.HASH, false), CopyProgress.NONE));

        if (outcome.failure() != null) {
            assertThat(outcome.failure()).hasMessageContaining("public.t").hasMessageContaining(TORN);
            assertThat(OtherSession.query(pg.server().connect(target), "SELECT count(*) FROM pg_catalog.pg_class WHERE relname = 't' "
                    + "AND relnamespace = 'public'::regnamespace AND reltuples > 0")).isEqualTo("0");
        } else {
            assertThat(outcome.result().passed()).isTrue();
            assertThat(outcome.result().move().rows()).isEqualTo(500);
            assertThat(content(pg, target)).isEqualTo(content(pg, pg.database())).contains("500:");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {13, 17})
    void backupStopsOrArchivesTheReloadedRows(int major, @TempDir Path out) throws Exception {
        PostgresExtension pg = pg(major);
        execute(pg, pg.database(), TABLE);

        OtherSession.Outcome<BackupResult> outcome = duringReload(pg, pg.database(), RELOAD,
                () -> new Backup(new Connector()).run(backupRequest(pg, out), CopyProgress.NONE));

        if (outcome.failure() != null) {
            assertThat(outcome.failure()).hasMessageContaining("public.t").hasMessageContaining(TORN);
            try (Stream<Path> files = Files.list(out)) {
                assertThat(files.map(p -> p.getFileName().toString())).as("no archive published").noneMatch(n -> n.endsWith(".pgcarry"));
            }
        } else {
            assertThat(outcome.result().rows()).isEqualTo(500);
            String restored = pg.newDatabase();
            new BackupRestore(new Connector()).run(new RestoreRequest(outcome.result().archive(), spec(pg, restored), 1, null, false),
                    CopyProgress.NONE);
            assertThat(content(pg, restored)).isEqualTo(content(pg, pg.database())).contains("500:");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {13, 17})
    void validateNeverComparesATornSource(int major) throws Exception {
        validateDuringReload(pg(major), true);
    }

    @ParameterizedTest
    @ValueSource(ints = {13, 17})
    void validateNeverComparesATornTarget(int major) throws Exception {
        validateDuringReload(pg(major), false);
    }

    private static void validateDuringReload(PostgresExtension pg, boolean sourceSide) throws Exception {
        String target = pg.newDatabase();
        execute(pg, pg.database(), TABLE);
        execute(pg, target, TABLE);
        String reloaded = sourceSide ? pg.database() : target;

        OtherSession.Outcome<ValidationReport> outcome = duringReload(pg, reloaded, SAME_RELOAD,
                () -> new Validate(new Connector()).run(validateRequest(pg, target)));

        if (outcome.failure() != null) {
            assertThat(outcome.failure()).hasMessageContaining(sourceSide ? "the source" : "the target")
                    .hasMessageContaining("public.t").hasMessageContaining(TORN);
        } else {
            assertThat(outcome.result().tables()).singleElement().satisfies(t -> {
                assertThat(t.sourceRows()).isEqualTo(1000);
                assertThat(t.targetRows()).isEqualTo(1000);
            });
            assertThat(outcome.result().passed()).as("%s", outcome.result()).isTrue();
        }
    }

    private static <T> OtherSession.Outcome<T> duringReload(PostgresExtension pg, String database, String reload,
                                                            java.util.concurrent.Callable<T> pgcarry) throws Exception {
        try (OtherSession other = OtherSession.holding(pg, database, reload)) {
            Future<T> running = OtherSession.start(pgcarry);
            other.awaitWaiter("pgcarry", "public.t", running);
            other.commit();
            return OtherSession.outcome(running);
        }
    }

    static PostgresExtension pg(int major) {
        return major == 13 ? pg13 : pg17;
    }

    static ConnectionSpec spec(PostgresExtension pg, String database) {
        return new ConnectionResolver(Map.of(), Path.of("/nonexistent")).resolve(new EndpointSource.Url(pg.server().url(database)));
    }

    static MoveRequest move(PostgresExtension pg, String target) {
        return new MoveRequest(spec(pg, pg.database()), spec(pg, target), CheckOptions.defaults(), 2, 0, ValidationLevel.HASH);
    }

    static BackupRequest backupRequest(PostgresExtension pg, Path out) {
        return new BackupRequest(spec(pg, pg.database()), out, "snap", 2, Compression.NONE, false, 0);
    }

    static ValidateRequest validateRequest(PostgresExtension pg, String target) {
        return new ValidateRequest(spec(pg, pg.database()), spec(pg, target), Mapping.EMPTY, TableSelection.all(), ValidationLevel.HASH,
                2, 10, false);
    }

    static void execute(PostgresExtension pg, String database, String sql) throws SQLException {
        try (Connection c = pg.server().connect(database); java.sql.Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    static String count(PostgresExtension pg, String database) throws SQLException {
        try (Connection c = pg.server().connect(database)) {
            return OtherSession.query(c, "SELECT count(*) FROM public.t");
        }
    }

    /** Row count and an order-independent digest of public.t. */
    static String content(PostgresExtension pg, String database) throws SQLException {
        try (Connection c = pg.server().connect(database)) {
            return OtherSession.query(c, "SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY id)), '') FROM public.t t");
        }
    }
}
