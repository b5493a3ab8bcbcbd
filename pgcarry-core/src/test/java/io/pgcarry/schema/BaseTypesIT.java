package io.pgcarry.schema;

import static io.pgcarry.schema.SchemaTestDatabases.apply;
import static io.pgcarry.schema.SchemaTestDatabases.assertScriptRecreates;
import static io.pgcarry.schema.SchemaTestDatabases.execute;
import static io.pgcarry.schema.SchemaTestDatabases.read;
import static io.pgcarry.schema.SchemaTestDatabases.spec;
import static io.pgcarry.schema.SchemaTestDatabases.value;
import static org.assertj.core.api.Assertions.assertThat;

import io.pgcarry.error.Setting;
import io.pgcarry.backup.Backup;
import io.pgcarry.backup.BackupRequest;
import io.pgcarry.backup.BackupRestore;
import io.pgcarry.backup.BackupResult;
import io.pgcarry.backup.Compression;
import io.pgcarry.backup.RestoreRequest;
import io.pgcarry.backup.RestoreResult;
import io.pgcarry.backup.SigningKey;
import io.pgcarry.clone.Clone;
import io.pgcarry.clone.CloneRequest;
import io.pgcarry.clone.CloneResult;
import io.pgcarry.connect.Connector;
import io.pgcarry.copy.CopyProgress;
import io.pgcarry.embedded.junit.PostgresExtension;
import io.pgcarry.verify.ValidationLevel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Base types (declared as a shell, then their functions, then the type), a shell type never defined and a range type
 * with a canonical function round-trip through schema dump (pg_dump of both sides on 13, pgcarry's model on 17) and
 * clone, and diff creates them in that order.
 */
class BaseTypesIT {
    @RegisterExtension
    static final PostgresExtension pg13 = PostgresExtension.major(13);
    @RegisterExtension
    static final PostgresExtension pg17 = PostgresExtension.major(17);

    /** A variable-length type with an element needs a subscripting function of its own from 14 on. */
    private static final String ON_17 = """
            CREATE TYPE bt.vec;
            CREATE FUNCTION bt.vec_in(cstring) RETURNS bt.vec LANGUAGE internal IMMUTABLE STRICT AS 'int2vectorin';
            CREATE FUNCTION bt.vec_out(bt.vec) RETURNS cstring LANGUAGE internal IMMUTABLE STRICT AS 'int2vectorout';
            CREATE FUNCTION bt.vec_subscript(internal) RETURNS internal LANGUAGE internal IMMUTABLE STRICT AS 'raw_array_subscript_handler';
            CREATE TYPE bt.vec (INPUT = bt.vec_in, OUTPUT = bt.vec_out, INTERNALLENGTH = VARIABLE, ELEMENT = int2,
                SUBSCRIPT = bt.vec_subscript, ALIGNMENT = int4, STORAGE = plain);
            """;
    private static final String ROWS = "SELECT string_agg(concat_ws(' ', id, name, span, names, p, p[1]), ', ' ORDER BY id::text) FROM bt.uses";

    @Test
    void theDumpedSchemaRecreatesThemAsPgDumpSeesThem() throws Exception {
        for (boolean withPrivileges : new boolean[] {false, true}) {
            String a = pg13.newDatabase();
            execute(pg13, a, fixture());
            SchemaModel model = read(pg13, a, withPrivileges);
            assertThat(model.warnings()).isEmpty();
            assertThat(model.ofKind(ObjectKind.BASE_TYPE)).hasSize(3);
            assertThat(model.ofKind(ObjectKind.SHELL_TYPE)).hasSize(1);

            assertScriptRecreates(pg13, a, model, withPrivileges);
        }
    }

    @Test
    void on17TheModelIsTheSame() throws Exception {
        String a = pg17.database();
        execute(pg17, a, fixture() + ON_17);
        SchemaModel model = read(pg17, a, true);
        assertThat(model.warnings()).isEmpty();
        assertThat(model.find(new ObjectId(ObjectKind.BASE_TYPE, "bt", "vec", null)).orElseThrow().attribute("definition"))
                .contains("SUBSCRIPT = bt.vec_subscript");
        String b = pg17.newDatabase();
        apply(pg17, b, SchemaScript.of(model).statements());
        assertThat(SchemaDiff.compare(model, read(pg17, b, true)).none()).isTrue();
    }

    @Test
    void cloneCarriesTheirRows() throws Exception {
        String a = pg13.newDatabase();
        execute(pg13, a, fixture());
        String b = pg13.newDatabase();
        CloneResult result = new Clone(new Connector()).run(new CloneRequest(spec(pg13, a), spec(pg13, b), 2, ValidationLevel.FULL, false),
                CopyProgress.NONE);
        assertThat(result.passed()).as("%s %s", result.schema(), result.move().validation()).isTrue();
        assertThat(value(pg13, b, ROWS)).isEqualTo(value(pg13, a, ROWS)).isEqualTo("1 one [1,4) {a,b} (1,2) 2, 7 dflt [2,5)");
        assertThat(PgDumpOracle.schemaOf(pg13.server().url(b), false)).isEqualTo(PgDumpOracle.schemaOf(pg13.server().url(a), false));
    }

    @Test
    void aSignedBackupCarriesThemAndAnUnsignedOneIsRefused(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        String a = pg13.newDatabase();
        execute(pg13, a, fixture());
        Path out = dir.resolve("archives");
        // their input and output functions are internal: an archive holds them only signed
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Backup(new Connector()).run(new BackupRequest(spec(pg13, a), out,
                "unsigned", 2, Compression.NONE, false, 0, List.of(), null), CopyProgress.NONE)).hasMessageContaining(Setting.SIGN_KEY_FILE.mention());
        SigningKey key = SigningKey.read(Files.writeString(dir.resolve("key"), "a secret of more than sixteen bytes\n"));
        BackupResult backup = new Backup(new Connector()).run(new BackupRequest(spec(pg13, a), out, "signed", 2, Compression.NONE, false, 0,
                List.of(), key), CopyProgress.NONE);
        String b = pg13.newDatabase();
        RestoreResult restored = new BackupRestore(new Connector()).run(new RestoreRequest(backup.archive(), spec(pg13, b), 2, null, false,
                key, false), CopyProgress.NONE);
        assertThat(restored.passed()).as("%s", restored).isTrue();
        assertThat(value(pg13, b, ROWS)).isEqualTo(value(pg13, a, ROWS));
        assertThat(PgDumpOracle.schemaOf(pg13.server().url(b), false)).isEqualTo(PgDumpOracle.schemaOf(pg13.server().url(a), false));
    }

    @Test
    void diffCreatesEachShellBeforeItsFunctionsAndTheTypeAfterThem() throws Exception {
        String source = pg13.newDatabase();
        execute(pg13, source, fixture());
        String target = pg13.newDatabase();
        SchemaModel wanted = read(pg13, source, false);
        SchemaDifferences before = SchemaDiff.compare(wanted, read(pg13, target, false));
        assertThat(before.differences()).extracting(d -> d.id().toString() + " " + d.change()).contains(
                "base type bt.myint MISSING", "shell type bt.shell_only MISSING", "range type bt.irange MISSING");
        AlignmentPlan plan;
        try (Connection probe = pg13.server().connect(target)) {
            plan = new AlignmentPlanner(wanted, read(pg13, target, false), new PlanOptions(false, false, false, false),
                    TargetProbe.live(probe)).plan(before);
        }
        String sql = plan.render();
        assertThat(sql.indexOf("CREATE TYPE \"bt\".\"myint\";")).isPositive()
                .isLessThan(sql.indexOf("FUNCTION bt.myint_in(cstring)"));
        assertThat(sql.indexOf("FUNCTION bt.myint_in(cstring)")).isLessThan(sql.indexOf("CREATE TYPE bt.myint ("));
        SchemaDiffIT.applyPlan(pg13, target, plan);
        assertThat(SchemaDiff.compare(wanted, read(pg13, target, false)).none()).isTrue();
    }

    private static String fixture() throws Exception {
        return SchemaDumpIT.resource("/io/pgcarry/schema/base-types.sql");
    }
}
