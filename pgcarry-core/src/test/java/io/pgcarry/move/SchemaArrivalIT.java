package io.pgcarry.move;

import static io.pgcarry.move.MoveFixtures.execute;
import static io.pgcarry.move.MoveFixtures.request;
import static io.pgcarry.move.MoveFixtures.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgcarry.backup.Backup;
import io.pgcarry.backup.BackupRequest;
import io.pgcarry.backup.BackupRestore;
import io.pgcarry.backup.BackupResult;
import io.pgcarry.backup.Compression;
import io.pgcarry.backup.RestoreRequest;
import io.pgcarry.backup.RestoreResult;
import io.pgcarry.check.CheckOptions;
import io.pgcarry.clone.Clone;
import io.pgcarry.clone.CloneRequest;
import io.pgcarry.clone.CloneResult;
import io.pgcarry.connect.Connector;
import io.pgcarry.copy.CopyProgress;
import io.pgcarry.embedded.junit.PostgresExtension;
import io.pgcarry.error.DatabaseException;
import io.pgcarry.plan.Mapping;
import io.pgcarry.plan.TableSelection;
import io.pgcarry.verify.ValidationLevel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A PASS means the schema arrived: a move, resume, abort, clone or restore that ends with an index INVALID or missing
 * (spoiled behind pgcarry's back, by an event trigger or another session) FAILs, naming the index, although every row
 * arrived.
 */
class SchemaArrivalIT {
    @RegisterExtension
    static final PostgresExtension pg13 = PostgresExtension.major(13);
    @RegisterExtension
    static final PostgresExtension pg17 = PostgresExtension.major(17);

    @TempDir
    Path dir;

    private static final String SOURCE = """
            CREATE TABLE c (code text PRIMARY KEY);
            CREATE TABLE t (id int PRIMARY KEY, code text REFERENCES c, v int);
            CREATE INDEX t_v_idx ON t (v);
            INSERT INTO c VALUES ('FR'), ('XX');
            INSERT INTO t SELECT g, CASE WHEN g % 10 = 0 THEN 'XX' ELSE 'FR' END, g % 7 FROM generate_series(1, 2000) g;
            """;
    /**
     * Marks index public.t_v_idx INVALID whenever it is created. It and its function are made members of the plpgsql
     * extension so that no schema reader sees them (extension members come with their extension) and the target still
     * counts as empty for a clone; schema pgcarry is no hiding place, since pgcarry refuses a journal schema holding
     * anything it did not create.
     */
    private static final String SPOILER = """
            CREATE FUNCTION public.spoil() RETURNS event_trigger LANGUAGE plpgsql AS $$
            BEGIN
                UPDATE pg_catalog.pg_index SET indisvalid = false
                 WHERE indexrelid IN (SELECT objid FROM pg_catalog.pg_event_trigger_ddl_commands()
                                       WHERE object_type = 'index' AND object_identity = 'public.t_v_idx');
            END $$;
            ALTER EXTENSION plpgsql ADD FUNCTION public.spoil();
            CREATE EVENT TRIGGER spoil ON ddl_command_end WHEN TAG IN ('CREATE INDEX') EXECUTE FUNCTION public.spoil();
            ALTER EXTENSION plpgsql ADD EVENT TRIGGER spoil;
            """;

    @Test
    void moveWhoseIndexComesBackInvalidFailsNamingIt() throws Exception {
        execute(pg13, pg13.database(), SOURCE);
        execute(pg17, pg17.database(), SOURCE.substring(0, SOURCE.indexOf("INSERT")) + SPOILER);

        MoveResult result = new Move(new Connector()).run(request(pg13.url(), pg17.url(), CheckOptions.defaults(), 2, 0), CopyProgress.NONE);

        assertThat(result.validation().passed()).as("every row arrived").isTrue();
        assertThat(result.schema().differences()).containsExactly("index public.t_v_idx is INVALID after the move (it was valid)");
        assertThat(result.passed()).isFalse();
    }

    @Test
    void resumeComparesWithTheStructureRecordedWhenTheRunStarted() throws Exception {
        failedRun();
        execute(pg17, pg17.database(), "DROP INDEX t_v_idx; INSERT INTO c VALUES ('XX')");

        MoveResult resumed = new Move(new Connector()).resume(request(pg13.url(), pg17.url(), onlyT(), 2, 500), CopyProgress.NONE);

        assertThat(resumed.validation().passed()).isTrue();
        assertThat(resumed.schema().differences()).containsExactly("index public.t_v_idx is missing after the move");
        assertThat(resumed.passed()).isFalse();
    }

    @Test
    void abortComparesWithTheStructureBeforeTheMove() throws Exception {
        failedRun();
        execute(pg17, pg17.database(), "DROP INDEX t_v_idx");

        MoveJournal.AbortResult aborted = new MoveJournal(new Connector()).abort(spec(pg17.url()), 2, p -> { });

        assertThat(aborted.schema().differences()).containsExactly("index public.t_v_idx is missing after the abort");
        assertThat(aborted.passed()).isFalse();
    }

    @Test
    void abortThatRestoresEverythingPasses() throws Exception {
        failedRun();

        MoveJournal.AbortResult aborted = new MoveJournal(new Connector()).abort(spec(pg17.url()), 2, p -> { });

        assertThat(aborted.schema().differences()).isEmpty();
        assertThat(aborted.passed()).isTrue();
    }

    @Test
    void cloneWhoseIndexArrivesInvalidFailsNamingIt() throws Exception {
        execute(pg13, pg13.database(), SOURCE);
        execute(pg17, pg17.database(), SPOILER);

        CloneResult result = new Clone(new Connector()).run(new CloneRequest(spec(pg13.url()), spec(pg17.url()), 2, ValidationLevel.HASH, false),
                CopyProgress.NONE);

        assertThat(result.move().validation().passed()).isTrue();
        assertThat(result.schema().differences()).containsExactly("index public.t_v_idx is INVALID");
        assertThat(result.passed()).isFalse();
    }

    @Test
    void restoreWhoseIndexArrivesInvalidFailsNamingIt() throws Exception {
        execute(pg13, pg13.database(), SOURCE);
        BackupResult backup = new Backup(new Connector()).run(new BackupRequest(spec(pg13.url()), dir, null, 2, Compression.ZSTD, false, 0,
                List.of()), CopyProgress.NONE);
        execute(pg17, pg17.database(), SPOILER);

        RestoreResult restored = new BackupRestore(new Connector()).run(new RestoreRequest(backup.archive(), spec(pg17.url()), 2, null, false),
                CopyProgress.NONE);

        assertThat(restored.tables()).allSatisfy(t -> assertThat(t.passed()).isTrue());
        assertThat(restored.schema().differences()).containsExactly("index public.t_v_idx is INVALID");
        assertThat(restored.passed()).isFalse();
    }

    @Test
    void plainSqlFileLeavingAPartitionedIndexInvalidFails() throws Exception {
        Path file = dir.resolve("partial.sql");
        Files.writeString(file, """
                CREATE TABLE public.m (id int, r text) PARTITION BY LIST (r);
                CREATE TABLE public.m_a PARTITION OF public.m FOR VALUES IN ('a');
                CREATE INDEX m_id_idx ON ONLY public.m (id);
                """);

        RestoreResult restored = new BackupRestore(new Connector()).run(new RestoreRequest(file, spec(pg17.url()), 1, null, false),
                CopyProgress.NONE);

        assertThat(restored.schema().differences()).containsExactly("index public.m_id_idx is INVALID");
        assertThat(restored.passed()).isFalse();
    }

    /** A move of t whose foreign key fails its validation (the target's c lacks 'XX'): left unfinished, t's index back. */
    private static void failedRun() throws Exception {
        execute(pg13, pg13.database(), SOURCE);
        execute(pg17, pg17.database(), SOURCE.substring(0, SOURCE.indexOf("INSERT")) + "INSERT INTO c VALUES ('FR');");
        assertThatThrownBy(() -> new Move(new Connector()).run(request(pg13.url(), pg17.url(), onlyT(), 2, 500), CopyProgress.NONE))
                .isInstanceOf(DatabaseException.class).hasMessageContaining("does not hold after the load");
    }

    private static CheckOptions onlyT() {
        return new CheckOptions(Mapping.EMPTY, new TableSelection(List.of(), List.of("c")), false, false, false);
    }
}
