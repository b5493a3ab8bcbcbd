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
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Operators, casts, collations, operator families and classes, text search objects, access methods, conversions,
 * languages and transforms are carried by schema dump, clone and backup/restore: pg_dump of the copy equals pg_dump of
 * the original on 13 (the version the machine's pg_dump reads), pgcarry's models of both sides are equal on 17, and
 * diff finds them missing or changed and its plan makes them again.
 */
class SupportObjectsIT {
    @RegisterExtension
    static final PostgresExtension pg = PostgresExtension.major(13);
    @RegisterExtension
    static final PostgresExtension pg17 = PostgresExtension.major(17);

    private static final String FIXTURE = "/io/pgcarry/schema/support-objects.sql";
    private static final String TRANSFORM = "/io/pgcarry/schema/support-transform.sql";

    @Test
    void theScriptRecreatesEachSupportObjectAsPgDumpSeesItWithAndWithoutPrivileges() throws Exception {
        for (boolean withPrivileges : new boolean[] {false, true}) {
            String a = pg.newDatabase();
            execute(pg, a, fixture(true));
            SchemaModel model = read(pg, a, withPrivileges);
            assertThat(model.warnings()).as("nothing refused").isEmpty();
            assertThat(model.objects()).extracting(o -> o.id().toString()).contains("operator sup.===(integer, integer)",
                    "operator sup.~~~(NONE, integer)", "operator family sup.int_fam using btree", "operator class sup.int_ops using btree",
                    "cast (integer AS sup.money2)", "collation sup.ci", "conversion sup.my_conv", "access method heap2",
                    "language sup_lang", "transform for sup.flag language sup_lang", "text search parser sup.prs",
                    "text search template sup.tmpl", "text search dictionary sup.dict", "text search configuration sup.cfg");

            String b = pg.newDatabase();
            run(pg, b, SchemaScript.of(model).statements());

            assertThat(PgDumpOracle.schemaOf(pg.server().url(b), withPrivileges))
                    .isEqualTo(PgDumpOracle.schemaOf(pg.server().url(a), withPrivileges));
            assertThat(SchemaDiff.compare(model, read(pg, b, withPrivileges)).differences()).isEmpty();
        }
    }

    @Test
    void commutatorPairsAreMadeInEitherOrder() throws Exception {
        String a = pg.database();
        execute(pg, a, fixture(false));
        List<ScriptStatement> statements = new ArrayList<>(SchemaScript.of(read(pg, a, false)).statements());
        List<Integer> operators = new ArrayList<>();
        for (int i = 0; i < statements.size(); i++) {
            if (statements.get(i).sql().startsWith("CREATE OPERATOR sup.")) {
                operators.add(i);
            }
        }
        List<ScriptStatement> reversed = new ArrayList<>(operators.stream().map(statements::get).toList());
        java.util.Collections.reverse(reversed);
        for (int i = 0; i < operators.size(); i++) {
            statements.set(operators.get(i), reversed.get(i));
        }
        String b = pg.newDatabase();
        run(pg, b, statements);

        assertThat(operators).hasSize(5);
        assertThat(PgDumpOracle.schemaOf(pg.server().url(b), false)).isEqualTo(PgDumpOracle.schemaOf(pg.server().url(a), false));
    }

    @Test
    void cloneCarriesThem() throws Exception {
        String a = pg.database();
        execute(pg, a, fixture(true));
        String b = pg.newDatabase();

        CloneResult result = new Clone(new Connector()).run(new CloneRequest(spec(pg.server().url(a)), spec(pg.server().url(b)), 2,
                ValidationLevel.FULL, false), CopyProgress.NONE);

        assertThat(result.passed()).as("%s", result.move().validation()).isTrue();
        assertThat(PgDumpOracle.schemaOf(pg.server().url(b), false)).isEqualTo(PgDumpOracle.schemaOf(pg.server().url(a), false));
    }

    @Test
    void aCloneFrom13To17PassesItsArrivalCheck() throws Exception {
        String a = pg.database();
        execute(pg, a, fixture(true));
        String b = pg17.newDatabase();

        CloneResult result = new Clone(new Connector()).run(new CloneRequest(spec(pg.server().url(a)), spec(pg17.server().url(b)), 2,
                ValidationLevel.FULL, false), CopyProgress.NONE);

        assertThat(result.passed()).as("%s", result).isTrue();
        // 17 files the anyenum members of sup.flag_ops under its family, 13 under the class: alike across majors
        assertThat(SchemaDiff.compare(read(pg, a, false), read(pg17, b, false)).differences()).isEmpty();
    }

    @Test
    void aCleanRestoreDropsThemAndMakesThemAgain(@TempDir Path out) throws Exception {
        String a = pg.database();
        execute(pg, a, fixture(false));
        String b = pg.newDatabase();
        execute(pg, b, fixture(false));

        BackupResult backup = new Backup(new Connector()).run(new BackupRequest(spec(pg.server().url(a)), out, null, 2,
                Compression.NONE, false, 0, List.of(), null), CopyProgress.NONE);
        RestoreResult restored = new BackupRestore(new Connector()).run(
                new RestoreRequest(backup.archive(), spec(pg.server().url(b)), 2, null, true), CopyProgress.NONE);

        assertThat(restored.passed()).as("%s", restored).isTrue();
        assertThat(PgDumpOracle.schemaOf(pg.server().url(b), false)).isEqualTo(PgDumpOracle.schemaOf(pg.server().url(a), false));
    }

    @Test
    void aBackupWithPrivilegesRestoresThem(@TempDir Path out) throws Exception {
        String a = pg.database();
        execute(pg, a, fixture(false));
        String b = pg.newDatabase();

        BackupResult backup = new Backup(new Connector()).run(new BackupRequest(spec(pg.server().url(a)), out, null, 2,
                Compression.NONE, true, 0, List.of(), null), CopyProgress.NONE);
        RestoreResult restored = new BackupRestore(new Connector()).run(
                new RestoreRequest(backup.archive(), spec(pg.server().url(b)), 2, null, false), CopyProgress.NONE);

        assertThat(restored.passed()).as("%s", restored).isTrue();
        assertThat(PgDumpOracle.schemaOf(pg.server().url(b), true)).isEqualTo(PgDumpOracle.schemaOf(pg.server().url(a), true));
    }

    @Test
    void on17TheCopyHasTheSameModel() throws Exception {
        for (boolean withPrivileges : new boolean[] {false, true}) {
            String a = pg17.newDatabase();
            // the builtin collation provider exists from 17 on
            execute(pg17, a, fixture(true) + "CREATE COLLATION sup.builtin_c (provider = builtin, locale = 'C');\n");
            SchemaModel model = read(pg17, a, withPrivileges);
            assertThat(model.warnings()).isEmpty();
            assertThat(model.find(new ObjectId(ObjectKind.COLLATION, "sup", "builtin_c", null))).isPresent();

            String b = pg17.newDatabase();
            run(pg17, b, SchemaScript.of(model).statements());

            assertThat(SchemaDiff.compare(model, read(pg17, b, withPrivileges)).differences()).isEmpty();
        }
    }

    @Test
    void diffFindsThemMissingChangedOrExtraAndThePlanAlignsTheTarget() throws Exception {
        String source = pg17.database();
        execute(pg17, source, fixture(true));
        String target = pg17.newDatabase();
        execute(pg17, target, fixture(true) + """
                DROP OPERATOR CLASS sup.int_hash USING hash;
                DROP CAST (sup.flag AS text);
                DROP COLLATION sup.posix2;
                DROP TEXT SEARCH DICTIONARY sup.dict CASCADE; -- its configuration and that one's index go too
                ALTER OPERATOR FAMILY sup.int_fam USING btree DROP FUNCTION 1 (int, bigint);
                ALTER TEXT SEARCH CONFIGURATION sup.copied DROP MAPPING FOR email;
                ALTER TEXT SEARCH CONFIGURATION sup.copied ALTER MAPPING FOR asciiword WITH simple;
                ALTER TEXT SEARCH CONFIGURATION sup.copied ADD MAPPING FOR blank WITH simple;
                COMMENT ON OPERATOR sup.!== (int, int) IS 'added';
                CREATE OPERATOR sup.#### (LEFTARG = int, RIGHTARG = int, FUNCTION = sup.int_eq);
                """);

        SchemaModel wanted = read(pg17, source, false);
        SchemaDifferences before = SchemaDiff.compare(wanted, read(pg17, target, false));
        assertThat(before.differences()).extracting(d -> d.change() + " " + d.id())
                .contains("MISSING operator class sup.int_hash using hash", "MISSING cast (sup.flag AS text)",
                        "MISSING collation sup.posix2", "MISSING text search dictionary sup.dict",
                        "CHANGED operator family sup.int_fam using btree", "CHANGED text search configuration sup.copied",
                        "MISSING text search configuration sup.cfg", "CHANGED operator sup.!==(integer, integer)",
                        "EXTRA operator sup.####(integer, integer)");

        AlignmentPlan plan;
        try (Connection probe = pg17.server().connect(target)) {
            plan = new AlignmentPlanner(wanted, read(pg17, target, false), new PlanOptions(false, false, true, false),
                    TargetProbe.live(probe)).plan(before);
        }
        assertThat(plan.render()).contains("ALTER OPERATOR FAMILY \"sup\".\"int_fam\" USING \"btree\" ADD FUNCTION 1 (integer, bigint)",
                "ALTER TEXT SEARCH CONFIGURATION \"sup\".\"copied\" DROP MAPPING FOR blank",
                "DROP OPERATOR \"sup\".####(integer, integer)");
        SchemaDiffIT.applyPlan(pg17, target, plan);

        assertThat(SchemaDiff.compare(wanted, read(pg17, target, false)).differences()).isEmpty();
    }

    private static String fixture(boolean withTransform) throws Exception {
        return SchemaDumpIT.resource(FIXTURE) + (withTransform ? SchemaDumpIT.resource(TRANSFORM) : "");
    }

    private static SchemaModel read(PostgresExtension server, String database, boolean withPrivileges) throws Exception {
        try (Connection c = server.server().connect(database)) {
            return SchemaReader.read(c, withPrivileges);
        }
    }

    private static void run(PostgresExtension server, String database, List<ScriptStatement> statements) throws Exception {
        try (Connection c = server.server().connect(database)) {
            c.setAutoCommit(false);
            ScriptRunner.run(c, statements);
            c.commit();
        }
    }

    private static ConnectionSpec spec(String url) {
        return new ConnectionResolver(Map.of(), Path.of("/nonexistent")).resolve(new EndpointSource.Url(url));
    }

    private static void execute(PostgresExtension server, String database, String sql) throws Exception {
        try (Connection c = server.server().connect(database); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
