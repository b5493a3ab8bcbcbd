package io.pgcarry.schema;

import static io.pgcarry.schema.DatabaseObjectsIT.execute;
import static io.pgcarry.schema.DatabaseObjectsIT.read;
import static io.pgcarry.schema.DatabaseObjectsIT.spec;
import static io.pgcarry.schema.DatabaseObjectsIT.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import io.pgcarry.connect.Connector;
import io.pgcarry.copy.CopyProgress;
import io.pgcarry.embedded.junit.PostgresExtension;
import io.pgcarry.verify.ValidationLevel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Subscriptions are carried as pg_dump carries them (created with connect = false: disabled, no slot created or touched,
 * the source's slot name kept): pg_dump of the copy equals the original's on 13, pgcarry's models agree on 17. One whose
 * connection string holds a password, or that this role cannot read, is refused by name and nothing is written.
 */
class SubscriptionsIT {
    @RegisterExtension
    static final PostgresExtension pg = PostgresExtension.major(13);
    @RegisterExtension
    static final PostgresExtension pg17 = PostgresExtension.major(17);

    private static final String PASSWORD = "sekrit-sub-pw-7";
    private static final String WITH_PASSWORD = "CREATE SUBSCRIPTION secret_sub CONNECTION 'host=127.0.0.1 port=1 dbname=x password="
            + PASSWORD + "' PUBLICATION p1 WITH (connect = false)";
    private static final String SUBSCRIPTIONS = """
            SELECT string_agg(concat_ws(' ', s.subname, s.subenabled, s.subconninfo, s.subslotname, s.subsynccommit,
                                        s.subpublications::text, obj_description(s.oid, 'pg_subscription')), '; ' ORDER BY s.subname)
              FROM pg_subscription s JOIN pg_database d ON d.oid = s.subdbid WHERE d.datname = current_database()""";

    /** A database holding a subscription cannot be dropped: each goes first, its slot let go of (none exists). */
    static final String DROP_SUBSCRIPTIONS = """
            DO $$DECLARE s text; BEGIN
              FOR s IN SELECT quote_ident(subname) FROM pg_subscription
                        WHERE subdbid = (SELECT oid FROM pg_database WHERE datname = current_database()) LOOP
                EXECUTE 'ALTER SUBSCRIPTION ' || s || ' DISABLE';
                EXECUTE 'ALTER SUBSCRIPTION ' || s || ' SET (slot_name = NONE)';
                EXECUTE 'DROP SUBSCRIPTION ' || s;
              END LOOP;
            END$$""";

    @AfterEach
    void dropSubscriptions() throws Exception {
        dropSubscriptions(pg, pg17);
    }

    /** Drops every subscription of every database of {@code servers}, so that the extension can drop the databases. */
    static void dropSubscriptions(PostgresExtension... servers) throws Exception {
        for (PostgresExtension server : servers) {
            List<String> databases;
            try (Connection c = server.server().connect(server.database()); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT DISTINCT d.datname FROM pg_subscription x JOIN pg_database d ON d.oid = x.subdbid")) {
                databases = new java.util.ArrayList<>();
                while (rs.next()) {
                    databases.add(rs.getString(1));
                }
            }
            for (String database : databases) {
                execute(server, database, DROP_SUBSCRIPTIONS);
            }
        }
    }

    @Test
    void theDumpedSchemaRecreatesEachSubscriptionAsPgDumpSeesIt() throws Exception {
        for (boolean privileges : new boolean[] {false, true}) {
            String a = fixture(pg, false);
            SchemaModel model = read(pg, a, privileges);
            assertThat(model.warnings()).as("nothing refused").isEmpty();
            assertThat(model.ofKind(ObjectKind.SUBSCRIPTION)).hasSize(3);
            SchemaScript script = SchemaScript.of(model);
            assertThat(script.render(null)).contains(
                    "CREATE SUBSCRIPTION \"plain_sub\" CONNECTION 'host=127.0.0.1 port=1 dbname=x' PUBLICATION p1"
                            + " WITH (connect = false, slot_name = 'plain_sub')",
                    "PUBLICATION p1, \"P Two\" WITH (connect = false, slot_name = NONE, synchronous_commit = 'remote_apply')",
                    "COMMENT ON SUBSCRIPTION \"plain_sub\" IS 'replica of x'");

            String b = pg.newDatabase();
            run(pg, b, script.statements());

            assertThat(PgDumpOracle.schemaOf(pg.server().url(b), privileges)).contains("CREATE SUBSCRIPTION uri_sub")
                    .isEqualTo(PgDumpOracle.schemaOf(pg.server().url(a), privileges));
            assertThat(SchemaDiff.compare(model, read(pg, b, privileges)).none()).isTrue();
            assertThat(value(pg, b, SUBSCRIPTIONS)).isEqualTo(value(pg, a, SUBSCRIPTIONS));
        }
    }

    @Test
    void cloneAndBackupRestoreRecreateThemKeepingTheSlotNames(@TempDir Path out) throws Exception {
        String a = fixture(pg, false);
        String b = pg.newDatabase();
        CloneResult clone = new Clone(new Connector()).run(new CloneRequest(spec(pg, a), spec(pg, b), 2, ValidationLevel.FULL, true),
                CopyProgress.NONE);
        assertThat(clone.passed()).as("%s", clone.schema()).isTrue();
        assertThat(value(pg, b, SUBSCRIPTIONS)).contains("shared_slot").isEqualTo(value(pg, a, SUBSCRIPTIONS));
        assertThat(PgDumpOracle.schemaOf(pg.server().url(b), true)).isEqualTo(PgDumpOracle.schemaOf(pg.server().url(a), true));

        String c = pg.newDatabase();
        BackupResult backup = new Backup(new Connector()).run(new BackupRequest(spec(pg, a), out, null, 2, Compression.NONE, true, 0),
                CopyProgress.NONE);
        RestoreResult restored = new BackupRestore(new Connector()).run(new RestoreRequest(backup.archive(), spec(pg, c), 2, null, false),
                CopyProgress.NONE);
        assertThat(restored.passed()).as("%s", restored).isTrue();
        assertThat(value(pg, c, SUBSCRIPTIONS)).isEqualTo(value(pg, a, SUBSCRIPTIONS));
        assertThat(PgDumpOracle.schemaOf(pg.server().url(c), true)).isEqualTo(PgDumpOracle.schemaOf(pg.server().url(a), true));
    }

    @Test
    void on17EveryOptionIsCarriedAndAnEnabledSubscriptionArrivesDisabled(@TempDir Path out) throws Exception {
        for (boolean privileges : new boolean[] {false, true}) {
            String a = fixture(pg17, true);
            // its worker fails to reach port 1 and retries: harmless, and it shows what a copy of an enabled subscription is
            execute(pg17, a, "ALTER SUBSCRIPTION streams ENABLE");
            SchemaModel source = read(pg17, a, privileges);
            assertThat(source.find(new ObjectId(ObjectKind.SUBSCRIPTION, null, "tuned", null)).orElseThrow().attributes())
                    .containsEntry("binary", "true").containsEntry("streaming", "parallel").containsEntry("two_phase", "true")
                    .containsEntry("disable_on_error", "true").containsEntry("origin", "none").containsEntry("password_required", "false")
                    .containsEntry("run_as_owner", "true").containsEntry("failover", "true");

            String b = pg17.newDatabase();
            CloneResult clone = new Clone(new Connector()).run(new CloneRequest(spec(pg17, a), spec(pg17, b), 2, ValidationLevel.FULL,
                    privileges), CopyProgress.NONE);
            assertThat(clone.passed()).as("%s", clone.schema()).isTrue();
            assertThat(SchemaDiff.compare(source, read(pg17, b, privileges)).differences())
                    .extracting(d -> d.id() + " " + d.changes().stream().map(AttributeChange::attribute).toList())
                    .containsExactly("subscription streams [enabled]");

            String c = pg17.newDatabase();
            BackupResult backup = new Backup(new Connector()).run(new BackupRequest(spec(pg17, a), out.resolve("p" + privileges), null, 2,
                    Compression.NONE, privileges, 0), CopyProgress.NONE);
            RestoreResult restored = new BackupRestore(new Connector()).run(new RestoreRequest(backup.archive(), spec(pg17, c), 2, null,
                    false), CopyProgress.NONE);
            assertThat(restored.passed()).as("%s", restored).isTrue();
            assertThat(SchemaDiff.compare(SchemaScript.asCreated(source), read(pg17, c, privileges)).none()).isTrue();
            execute(pg17, a, "ALTER SUBSCRIPTION streams DISABLE");
        }
    }

    @Test
    void diffSeesChangedAndMissingSubscriptionsAndThePlanAlignsThem() throws Exception {
        String a = fixture(pg17, true);
        String b = pg17.newDatabase();
        new Clone(new Connector()).run(new CloneRequest(spec(pg17, a), spec(pg17, b), 2, ValidationLevel.FULL, true), CopyProgress.NONE);
        execute(pg17, b, """
                ALTER SUBSCRIPTION plain_sub SET PUBLICATION p1, p9 WITH (refresh = false);
                ALTER SUBSCRIPTION "Odd Sub" CONNECTION 'host=127.0.0.1 port=2 dbname=y';
                ALTER SUBSCRIPTION tuned SET (binary = false, origin = any, slot_name = 'elsewhere');
                ALTER SUBSCRIPTION uri_sub SET (slot_name = NONE);
                DROP SUBSCRIPTION uri_sub;
                CREATE SUBSCRIPTION extra CONNECTION 'host=127.0.0.1 port=1 dbname=x' PUBLICATION p1 WITH (connect = false);
                COMMENT ON SUBSCRIPTION plain_sub IS NULL;
                """);
        SchemaModel source = read(pg17, a, true);
        SchemaModel target = read(pg17, b, true);
        SchemaDifferences differences = SchemaDiff.compare(source, target);
        assertThat(differences.differences()).extracting(d -> d.id() + " " + d.change()
                + d.changes().stream().map(AttributeChange::attribute).sorted().toList()).containsExactlyInAnyOrder(
                "subscription plain_sub CHANGED[comment, publications]", "subscription \"Odd Sub\" CHANGED[conninfo]",
                "subscription tuned CHANGED[binary, origin, slot_name]", "subscription uri_sub MISSING[]", "subscription extra EXTRA[]");

        AlignmentPlan plan;
        try (Connection probe = pg17.server().connect(b)) {
            plan = new AlignmentPlanner(source, target, new PlanOptions(false, false, true, false), TargetProbe.live(probe)).plan(differences);
        }
        assertThat(plan.render()).contains("ALTER SUBSCRIPTION \"plain_sub\" SET PUBLICATION p1 WITH (refresh = false)",
                "ALTER SUBSCRIPTION \"tuned\" SET (", "ALTER SUBSCRIPTION \"extra\" SET (slot_name = NONE)", "DROP SUBSCRIPTION \"extra\"",
                "CREATE SUBSCRIPTION \"uri_sub\" CONNECTION 'postgresql://carrier@127.0.0.1:1/x?application_name=uri'");
        SchemaDiffIT.applyPlan(pg17, b, plan);
        assertThat(SchemaDiff.compare(source, read(pg17, b, true)).differences()).isEmpty();
    }

    @Test
    void aConnectionStringWithAPasswordIsRefusedByNameAndNothingIsWritten(@TempDir Path out) throws Exception {
        String a = fixture(pg, false);
        execute(pg, a, WITH_PASSWORD);
        SchemaModel model = read(pg, a, true);
        assertThat(model.warnings()).singleElement().asString().startsWith("subscription secret_sub (its connection string holds a password")
                .contains("~/.pgpass").doesNotContain(PASSWORD);
        assertThat(model.find(new ObjectId(ObjectKind.SUBSCRIPTION, null, "secret_sub", null))).isEmpty();
        assertThat(SchemaSnapshots.toJson(model)).doesNotContain(PASSWORD).contains("plain_sub");

        String b = pg.newDatabase();
        assertThatThrownBy(() -> new Clone(new Connector()).run(new CloneRequest(spec(pg, a), spec(pg, b), 2, ValidationLevel.FULL, true),
                CopyProgress.NONE)).isInstanceOf(UnmodelledObjectsException.class).hasMessageContaining("subscription secret_sub (")
                .hasMessageNotContaining(PASSWORD);
        assertThat(value(pg, b, SUBSCRIPTIONS)).as("nothing cloned").isNull();
        assertThatThrownBy(() -> new Backup(new Connector()).run(new BackupRequest(spec(pg, a), out, null, 2, Compression.NONE, true, 0),
                CopyProgress.NONE)).isInstanceOf(UnmodelledObjectsException.class);
        assertThat(filesIn(out)).as("no archive written").isEmpty();

        // skipped knowingly: the archive holds the other subscriptions, and the password nowhere
        BackupResult backup = new Backup(new Connector()).run(new BackupRequest(spec(pg, a), out, null, 2, Compression.NONE, true, 0,
                List.of(), null, true), CopyProgress.NONE);
        assertThat(backup.warnings()).anySatisfy(w -> assertThat(w).startsWith("subscription secret_sub ("));
        for (Path file : filesIn(out)) {
            assertThat(Files.readString(file, StandardCharsets.ISO_8859_1)).as("%s", file).doesNotContain(PASSWORD);
        }
        assertThat(filesIn(out)).anySatisfy(f -> assertThat(Files.readString(f, StandardCharsets.ISO_8859_1)).contains("uri_sub"));
    }

    @Test
    void aPasswordInAModelFromElsewhereIsNeverWritten() {
        SchemaObject handMade = new SchemaObject(new ObjectId(ObjectKind.SUBSCRIPTION, null, "s", null),
                java.util.Map.of("conninfo", "host=h password=" + PASSWORD, "publications", "p"), List.of());
        assertThatThrownBy(() -> SubscriptionDdl.create(handMade)).hasMessageContaining("password")
                .hasMessageNotContaining(PASSWORD);
    }

    @Test
    void aRoleThatCannotReadTheConnectionStringIsRefusedByName() throws Exception {
        String a = fixture(pg, false);
        SchemaModel model;
        try (Connection c = pg.server().connect(a); Statement s = c.createStatement()) {
            s.execute("DROP ROLE IF EXISTS sub_outsider; CREATE ROLE sub_outsider LOGIN");
            s.execute("SET ROLE sub_outsider");
            model = SchemaReader.read(c, false);
            s.execute("RESET ROLE");
            s.execute("DROP ROLE sub_outsider");
        }
        assertThat(model.ofKind(ObjectKind.SUBSCRIPTION)).isEmpty();
        assertThat(model.warnings()).contains(
                "subscription \"Odd Sub\" (its connection string is readable by superusers only: a superuser is needed to carry it)",
                "subscription plain_sub (its connection string is readable by superusers only: a superuser is needed to carry it)");
    }

    static String fixture(PostgresExtension server, boolean from17) throws Exception {
        String database = server.newDatabase();
        execute(server, database, SchemaDumpIT.resource("/io/pgcarry/schema/subscriptions.sql"));
        if (from17) {
            execute(server, database, SchemaDumpIT.resource("/io/pgcarry/schema/subscriptions-17.sql"));
        }
        return database;
    }

    private static void run(PostgresExtension server, String database, List<ScriptStatement> statements) throws Exception {
        try (Connection c = server.server().connect(database)) {
            c.setAutoCommit(false);
            ScriptRunner.run(c, statements);
            c.commit();
        }
    }

    private static List<Path> filesIn(Path out) throws Exception {
        if (!Files.exists(out)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(out)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }
}
