package io.pgcarry.move;

import static io.pgcarry.move.MoveFixtures.execute;
import static io.pgcarry.move.MoveFixtures.request;
import static io.pgcarry.move.MoveFixtures.spec;
import static io.pgcarry.move.MoveFixtures.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgcarry.catalog.QualifiedName;
import io.pgcarry.check.CheckOptions;
import io.pgcarry.connect.Connector;
import io.pgcarry.copy.CopyProgress;
import io.pgcarry.embedded.junit.PostgresExtension;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A role with only CREATE on the target database tries to become superuser through pgcarry's journal, which a
 * superuser's pgcarry uses: by creating schema pgcarry first with a trigger, or by editing a set-aside definition of
 * an interrupted move. pgcarry must refuse, naming what is wrong, and the role must stay what it was.
 */
class JournalHijackIT {
    @RegisterExtension
    static final PostgresExtension pg13 = PostgresExtension.major(13);
    @RegisterExtension
    static final PostgresExtension pg17 = PostgresExtension.major(17);

    private static final String GRAB = "ALTER ROLE mallory SUPERUSER";

    @Test
    void schemaCreatedFirstWithATriggerIsRefusedByMoveStatusAndAbort() throws Exception {
        for (PostgresExtension[] pair : new PostgresExtension[][] {{pg13, pg17}, {pg17, pg13}}) {
            PostgresExtension source = pair[0];
            PostgresExtension target = pair[1];
            // Each server is source once and target once: start both from nothing.
            for (PostgresExtension pg : pair) {
                execute(pg, pg.database(), "DROP SCHEMA IF EXISTS pgcarry CASCADE; DROP TABLE IF EXISTS t");
            }
            execute(source, source.database(), "CREATE TABLE t (id int PRIMARY KEY, a int); INSERT INTO t SELECT g, g FROM generate_series(1, 100) g");
            execute(target, target.database(), "CREATE TABLE t (id int PRIMARY KEY, a int)");
            attacker(target);
            asAttacker(target, """
                    CREATE SCHEMA pgcarry;
                    CREATE TABLE pgcarry.move_run (id bigserial PRIMARY KEY, started_at timestamptz NOT NULL DEFAULT now(),
                        finished_at timestamptz, status text NOT NULL, fingerprint text NOT NULL, source text NOT NULL);
                    CREATE FUNCTION pgcarry.grab() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN %s; RETURN NEW; END $$;
                    CREATE TRIGGER grab BEFORE INSERT OR UPDATE ON pgcarry.move_run FOR EACH ROW EXECUTE FUNCTION pgcarry.grab()
                    """.formatted(GRAB));

            assertThatThrownBy(() -> new Move(new Connector()).run(request(source.url(), target.url(), CheckOptions.defaults(), 2, 0),
                    CopyProgress.NONE)).isInstanceOf(UnsafeJournalException.class)
                    .hasMessageContaining("schema pgcarry is owned by role mallory")
                    .hasMessageContaining("trigger grab on table pgcarry.move_run was not created by pgcarry");
            assertThatThrownBy(() -> new MoveJournal(new Connector()).state(spec(target.url())))
                    .isInstanceOf(UnsafeJournalException.class).hasMessageContaining("owned by role mallory");
            assertThatThrownBy(() -> new MoveJournal(new Connector()).abort(spec(target.url()), 1, p -> { }))
                    .isInstanceOf(UnsafeJournalException.class).hasMessageContaining("owned by role mallory");

            assertThat(superuser(target)).as("the attacker's trigger never ran").isFalse();
            assertThat(value(target, target.database(), "SELECT count(*) FROM t")).as("nothing was copied").isEqualTo("0");
            assertThat(value(target, target.database(), "SELECT count(*) FROM pgcarry.move_run")).isEqualTo("0");
        }
    }

    @Test
    void editedDefinitionOfAnInterruptedMoveIsNeverRun() throws Exception {
        for (PostgresExtension target : List.of(pg13, pg17)) {
            execute(target, target.database(), "CREATE TABLE t (id int PRIMARY KEY, a int); CREATE INDEX t_a_idx ON t (a)");
            attacker(target);
            String original = interruptedRunWithIndexSetAside(target);
            String injected = original + "; " + GRAB;

            // A careless grant lets the attacker edit the journal: pgcarry refuses the journal itself.
            execute(target, target.database(), "GRANT USAGE ON SCHEMA pgcarry TO mallory; GRANT SELECT, UPDATE ON pgcarry.move_object TO mallory");
            asAttacker(target, "UPDATE pgcarry.move_object SET definition = " + io.pgcarry.catalog.Identifiers.literal(injected));
            assertThatThrownBy(() -> new MoveJournal(new Connector()).abort(spec(target.url()), 1, p -> { }))
                    .isInstanceOf(UnsafeJournalException.class)
                    .hasMessageContaining("schema pgcarry grants USAGE to mallory")
                    .hasMessageContaining("table pgcarry.move_object grants UPDATE to mallory");
            assertThat(superuser(target)).isFalse();

            // Without the grants (the text changed by whoever could), the definition is still not run.
            execute(target, target.database(), "REVOKE ALL ON SCHEMA pgcarry FROM mallory; REVOKE ALL ON pgcarry.move_object FROM mallory");
            assertThatThrownBy(() -> new MoveJournal(new Connector()).abort(spec(target.url()), 1, p -> { }))
                    .isInstanceOf(UnsafeJournalException.class)
                    .hasMessageContaining("index t_a_idx on public.t").hasMessageContaining("a second statement");
            assertThat(superuser(target)).as("the injected statement never ran").isFalse();

            // The journal as pgcarry wrote it is used as before: the abort brings the index back and removes the journal.
            execute(target, target.database(), "UPDATE pgcarry.move_object SET definition = " + io.pgcarry.catalog.Identifiers.literal(original));
            MoveJournal.AbortResult aborted = new MoveJournal(new Connector()).abort(spec(target.url()), 1, p -> { });
            assertThat(aborted.objectsRestored()).isEqualTo(1);
            assertThat(value(target, target.database(), "SELECT pg_get_indexdef('public.t_a_idx'::regclass)")).isEqualTo(original);
            assertThat(value(target, target.database(), "SELECT count(*) FROM pg_namespace WHERE nspname = 'pgcarry'")).isEqualTo("0");
        }
    }

    /** The journal as a move leaves it when killed while copying: index t_a_idx dropped and recorded. */
    private static String interruptedRunWithIndexSetAside(PostgresExtension target) throws Exception {
        try (Connection c = target.connect()) {
            c.setAutoCommit(false);
            io.pgcarry.connect.Sessions.prepare(c);
            String definition;
            try (var s = c.createStatement()) {
                s.execute(io.pgcarry.connect.Connector.SAFE_SEARCH_PATH);
                try (var rs = s.executeQuery("SELECT pg_get_indexdef('public.t_a_idx'::regclass)")) {
                    rs.next();
                    definition = rs.getString(1);
                }
            }
            QualifiedName t = new QualifiedName("public", "t");
            Journal.create(c);
            long run = Journal.startRun(c, "fingerprint", "source");
            Journal.addTable(c, run, t, 0);
            SetAside.apply(c, run, List.of(new JournalObject(SetAsideKind.INDEX, t, "t_a_idx", definition, true, SetAsideState.DROPPED)));
            Journal.setStatus(c, run, "copying");
            c.commit();
            return definition;
        }
    }

    /** A role that may create schemas in the database and is nothing more. */
    private static void attacker(PostgresExtension pg) throws Exception {
        execute(pg, pg.database(), """
                DO $$ BEGIN CREATE ROLE mallory NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
                ALTER ROLE mallory NOSUPERUSER;
                GRANT CREATE ON DATABASE %s TO mallory""".formatted(pg.database()));
    }

    private static void asAttacker(PostgresExtension pg, String sql) throws Exception {
        execute(pg, pg.database(), "SET ROLE mallory; " + sql + "; RESET ROLE");
    }

    private static boolean superuser(PostgresExtension pg) throws Exception {
        return Boolean.parseBoolean(value(pg, pg.database(), "SELECT rolsuper FROM pg_roles WHERE rolname = 'mallory'"))
                || "t".equals(value(pg, pg.database(), "SELECT rolsuper FROM pg_roles WHERE rolname = 'mallory'"));
    }
}
