package io.pgcarry.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgcarry.backup.Backup;
import io.pgcarry.backup.BackupRequest;
import io.pgcarry.backup.BackupRestore;
import io.pgcarry.backup.BackupResult;
import io.pgcarry.backup.Compression;
import io.pgcarry.backup.RestoreRequest;
import io.pgcarry.backup.RestoreResult;
import io.pgcarry.clone.Clone;
import io.pgcarry.clone.CloneRequest;
import io.pgcarry.clone.CloneResult;
import io.pgcarry.connect.ConnectionResolver;
import io.pgcarry.connect.ConnectionSpec;
import io.pgcarry.connect.Connector;
import io.pgcarry.connect.EndpointSource;
import io.pgcarry.copy.CopyProgress;
import io.pgcarry.embedded.junit.PostgresExtension;
import io.pgcarry.verify.ValidationLevel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Foreign-data wrappers, foreign servers, user mappings, foreign tables, publications, event triggers and default
 * privileges are carried by schema dump, clone and backup/restore: pg_dump of the copy equals pg_dump of the original on
 * 13, pgcarry's models of both sides agree on 13 and 17. A user mapping's password is carried by clone only, never
 * written; foreign tables hold no rows to copy.
 */
class DatabaseObjectsIT {
    @RegisterExtension
    static final PostgresExtension pg = PostgresExtension.major(13);
    @RegisterExtension
    static final PostgresExtension pg17 = PostgresExtension.major(17);

    static final String PASSWORD = "sekrit-pw-1";
    /** The kinds this class's fixture holds (with privileges), one or more of each. */
    static final java.util.Set<ObjectKind> KINDS = java.util.EnumSet.of(ObjectKind.FOREIGN_DATA_WRAPPER, ObjectKind.FOREIGN_SERVER,
            ObjectKind.USER_MAPPING, ObjectKind.FOREIGN_TABLE, ObjectKind.PUBLICATION, ObjectKind.EVENT_TRIGGER, ObjectKind.DEFAULT_PRIVILEGES);
    private static final String PRIVILEGES = """
            ALTER DEFAULT PRIVILEGES IN SCHEMA far GRANT SELECT ON TABLES TO PUBLIC;
            ALTER DEFAULT PRIVILEGES REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;
            ALTER DEFAULT PRIVILEGES GRANT USAGE ON TYPES TO pg_monitor WITH GRANT OPTION;
            GRANT USAGE ON FOREIGN SERVER remote TO pg_monitor;
            GRANT USAGE ON FOREIGN DATA WRAPPER "plain fdw" TO pg_monitor;
            GRANT SELECT ON far.remote_items TO pg_monitor;
            GRANT SELECT (label) ON far.remote_items TO pg_read_all_stats;
            """;
    /** Refuses every CREATE TABLE once it exists: the load's own DDL must all come before it. */
    private static final String NO_NEW_TABLES = """
            CREATE FUNCTION far.no_tables() RETURNS event_trigger LANGUAGE plpgsql AS $$BEGIN RAISE EXCEPTION 'no new tables'; END$$;
            CREATE EVENT TRIGGER no_tables ON ddl_command_start WHEN TAG IN ('CREATE TABLE') EXECUTE FUNCTION far.no_tables();
            """;
    private static final String MAPPINGS = """
            SELECT string_agg(srvname || ':' || usename || ':' || coalesce(array_to_string(umoptions, ','), ''), ' ' ORDER BY srvname)
              FROM pg_user_mappings""";

    @Test
    void theDumpedSchemaRecreatesEachObjectAsPgDumpSeesItWithoutThePassword() throws Exception {
        for (boolean privileges : new boolean[] {false, true}) {
            String a = fixture(pg, false);
            if (privileges) {
                execute(pg, a, PRIVILEGES);
            }
            SchemaModel model = read(pg, a, privileges);
            assertThat(model.warnings()).as("nothing refused").isEmpty();
            if (privileges) {
                assertThat(model.objects()).extracting(SchemaObject::kind).containsAll(KINDS);
            }
            SchemaScript script = SchemaScript.of(model);
            assertThat(script.render(null)).doesNotContain(PASSWORD)
                    .contains("-- LEFT OUT (pgcarry does not carry it): user mapping for postgres server remote: the value of option password");
            assertThat(script.statements().get(script.statements().size() - 1).object().kind())
                    .isIn(ObjectKind.EVENT_TRIGGER, ObjectKind.DEFAULT_PRIVILEGES);

            String b = pg.newDatabase();
            run(pg, b, script.statements());

            assertThat(PgDumpOracle.schemaOf(pg.server().url(b), privileges))
                    .isEqualTo(withoutPassword(PgDumpOracle.schemaOf(pg.server().url(a), privileges)));
            assertThat(SchemaDiff.compare(model, read(pg, b, privileges)).differences()).singleElement()
                    .satisfies(d -> assertThat(d.changes()).extracting(AttributeChange::attribute).containsExactly("withheld"));
        }
    }

    @Test
    void cloneCarriesThePasswordAndCopiesNoForeignRows() throws Exception {
        String a = fixture(pg, false);
        execute(pg, a, PRIVILEGES + NO_NEW_TABLES);
        String b = pg.newDatabase();

        CloneResult result = new Clone(new Connector()).run(new CloneRequest(spec(pg, a), spec(pg, b), 2, ValidationLevel.FULL, true),
                CopyProgress.NONE);

        assertThat(result.passed()).as("%s", result.move().validation()).isTrue();
        assertThat(result.warnings()).isEmpty();
        assertThat(result.move().tables()).extracting(t -> t.table()).noneMatch(t -> t.contains("remote_items") || t.contains("Bare"));
        assertThat(value(pg, b, "SELECT count(*) FROM far.local")).isEqualTo("2");
        assertThat(value(pg, b, MAPPINGS)).isEqualTo(value(pg, a, MAPPINGS)).contains("password=" + PASSWORD);
        assertThat(PgDumpOracle.schemaOf(pg.server().url(b), true)).isEqualTo(PgDumpOracle.schemaOf(pg.server().url(a), true));
    }

    @Test
    void aBackupRestoresEachObjectAndHoldsNoPassword(@TempDir Path out) throws Exception {
        String a = fixture(pg, false);
        execute(pg, a, PRIVILEGES + NO_NEW_TABLES);
        String b = pg.newDatabase();

        BackupResult backup = new Backup(new Connector()).run(new BackupRequest(spec(pg, a), out, null, 2, Compression.NONE, true, 0),
                CopyProgress.NONE);
        RestoreResult restored = new BackupRestore(new Connector()).run(new RestoreRequest(backup.archive(), spec(pg, b), 2, null, false),
                CopyProgress.NONE);

        assertThat(restored.passed()).as("%s", restored).isTrue();
        assertThat(backup.warnings()).anySatisfy(w -> assertThat(w).startsWith("user mapping for postgres server remote: the value of option password"));
        assertThat(restored.tables()).extracting(t -> t.table()).noneMatch(t -> t.contains("remote_items"));
        try (Stream<Path> files = Files.walk(out)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(file, java.nio.charset.StandardCharsets.ISO_8859_1)).as("%s", file).doesNotContain(PASSWORD);
            }
        }
        assertThat(PgDumpOracle.schemaOf(pg.server().url(b), true)).isEqualTo(withoutPassword(PgDumpOracle.schemaOf(pg.server().url(a), true)));
        assertThat(value(pg, b, "SELECT count(*) FROM far.local")).isEqualTo("2");
    }

    @Test
    void on17CloneLeavesNoDifferenceWithPublicationsOf15() throws Exception {
        for (boolean privileges : new boolean[] {false, true}) {
            String a = fixture(pg17, true);
            if (privileges) {
                execute(pg17, a, PRIVILEGES);
            }
            String b = pg17.newDatabase();
            CloneResult result = new Clone(new Connector()).run(new CloneRequest(spec(pg17, a), spec(pg17, b), 2, ValidationLevel.FULL,
                    privileges), CopyProgress.NONE);
            assertThat(result.passed()).isTrue();
            SchemaModel source = read(pg17, a, privileges);
            assertThat(source.find(new ObjectId(ObjectKind.PUBLICATION, null, "filtered", null)).orElseThrow().attribute("definition"))
                    .contains("TABLE ONLY far.measures (id, reading) WHERE ((reading > (0)::numeric))");
            assertThat(SchemaDiff.compare(source, read(pg17, b, privileges)).none()).isTrue();
        }
    }

    @Test
    void diffSeesMissingAndChangedObjectsAndThePlanAlignsThem() throws Exception {
        String a = fixture(pg17, true);
        execute(pg17, a, PRIVILEGES);
        String b = pg17.newDatabase();
        new Clone(new Connector()).run(new CloneRequest(spec(pg17, a), spec(pg17, b), 2, ValidationLevel.FULL, true), CopyProgress.NONE);
        execute(pg17, b, """
                DROP PUBLICATION filtered;
                ALTER PUBLICATION whole_schema SET (publish = 'insert');
                ALTER EVENT TRIGGER on_drop ENABLE;
                DROP EVENT TRIGGER on_create;
                DROP VIEW far.items_view;
                DROP FOREIGN TABLE far.remote_items;
                DROP USER MAPPING FOR PUBLIC SERVER plain_server;
                ALTER SERVER plain_server OPTIONS (SET region 'south');
                ALTER DEFAULT PRIVILEGES IN SCHEMA far REVOKE SELECT ON TABLES FROM PUBLIC;
                ALTER DEFAULT PRIVILEGES GRANT EXECUTE ON FUNCTIONS TO PUBLIC;
                CREATE PUBLICATION extra;
                """);
        SchemaModel source = read(pg17, a, true);
        SchemaDifferences differences = SchemaDiff.compare(source, read(pg17, b, true));
        assertThat(differences.differences()).extracting(d -> d.id().toString() + " " + d.change()).contains(
                "publication filtered MISSING", "publication whole_schema CHANGED", "event trigger on_drop CHANGED",
                "event trigger on_create MISSING", "foreign table far.remote_items MISSING", "user mapping for PUBLIC server plain_server MISSING",
                "foreign server plain_server CHANGED", "default privileges for role postgres in schema far on tables MISSING",
                "default privileges for role postgres on functions MISSING", "publication extra EXTRA");

        AlignmentPlan plan;
        try (Connection probe = pg17.server().connect(b)) {
            plan = new AlignmentPlanner(source, read(pg17, b, true), new PlanOptions(false, false, true, false), TargetProbe.live(probe))
                    .plan(differences);
        }
        assertThat(plan.render()).contains("CREATE PUBLICATION filtered", "ALTER EVENT TRIGGER \"on_drop\" DISABLE", "DROP PUBLICATION \"extra\"");
        // the changed server is dropped and created again, so what depends on it goes first: its mapping and tables
        execute(pg17, b, "DROP FOREIGN TABLE far.\"Bare\"");
        SchemaModel found = read(pg17, b, true);
        try (Connection probe = pg17.server().connect(b)) {
            plan = new AlignmentPlanner(source, found, new PlanOptions(false, false, true, false), TargetProbe.live(probe))
                    .plan(SchemaDiff.compare(source, found));
        }
        SchemaDiffIT.applyPlan(pg17, b, plan);
        assertThat(SchemaDiff.compare(source, read(pg17, b, true)).differences()).isEmpty();
    }

    @Test
    void aRoleThatCannotReadAMappingsOptionsIsRefused() throws Exception {
        String a = fixture(pg, false);
        execute(pg, a, "DROP ROLE IF EXISTS outsider; CREATE ROLE outsider LOGIN; GRANT USAGE ON SCHEMA far TO outsider");
        SchemaModel model;
        try (Connection c = pg.server().connect(a); Statement s = c.createStatement()) {
            s.execute("SET ROLE outsider");
            model = SchemaReader.read(c, false);
            s.execute("RESET ROLE");
        }
        assertThat(model.warnings()).contains("user mapping options this role cannot read for postgres server remote");
        assertThat(SchemaSnapshots.toJson(model)).doesNotContain(PASSWORD);
        execute(pg, a, "DROP OWNED BY outsider; DROP ROLE outsider");
    }

    static String fixture(PostgresExtension server, boolean from15) throws Exception {
        String database = server.newDatabase();
        execute(server, database, SchemaDumpIT.resource("/io/pgcarry/schema/database-objects.sql"));
        if (from15) {
            execute(server, database, SchemaDumpIT.resource("/io/pgcarry/schema/database-objects-15.sql"));
        }
        return database;
    }

    private static String withoutPassword(String dump) {
        // pg_dump writes one option a line, sorted by name
        String line = "\n    password '" + PASSWORD + "',";
        assertThat(dump).contains(line);
        return dump.replace(line, "");
    }

    private static void run(PostgresExtension server, String database, List<ScriptStatement> statements) throws Exception {
        try (Connection c = server.server().connect(database)) {
            c.setAutoCommit(false);
            ScriptRunner.run(c, statements);
            c.commit();
        }
    }

    static SchemaModel read(PostgresExtension server, String database, boolean privileges) throws Exception {
        try (Connection c = server.server().connect(database)) {
            return SchemaReader.read(c, privileges);
        }
    }

    static ConnectionSpec spec(PostgresExtension server, String database) {
        return new ConnectionResolver(Map.of(), Path.of("/nonexistent")).resolve(new EndpointSource.Url(server.server().url(database)));
    }

    static String value(PostgresExtension server, String database, String sql) throws Exception {
        try (Connection c = server.server().connect(database); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    static void execute(PostgresExtension server, String database, String sql) throws Exception {
        try (Connection c = server.server().connect(database); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
