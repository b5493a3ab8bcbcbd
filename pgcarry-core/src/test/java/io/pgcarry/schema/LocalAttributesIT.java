package io.pgcarry.schema;

import static io.pgcarry.schema.SchemaTestDatabases.apply;
import static io.pgcarry.schema.SchemaTestDatabases.execute;
import static io.pgcarry.schema.SchemaTestDatabases.read;
import static io.pgcarry.schema.SchemaTestDatabases.spec;
import static io.pgcarry.schema.SchemaTestDatabases.value;
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
import io.pgcarry.connect.Connector;
import io.pgcarry.copy.CopyProgress;
import io.pgcarry.embedded.junit.PostgresExtension;
import io.pgcarry.verify.ValidationLevel;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Partition and inherited column defaults and NOT NULL, trigger states on partitions, view column defaults and
 * comments, comments on a key's index and table access methods round-trip through schema dump, clone and
 * backup/restore (pg_dump of both sides is the witness on 13; the catalog rows and pgcarry's model on 17), and diff
 * aligns them. The table access method heap2 is carried with the tables that use it.
 */
class LocalAttributesIT {
    @RegisterExtension
    static final PostgresExtension pg13 = PostgresExtension.major(13);
    @RegisterExtension
    static final PostgresExtension pg17 = PostgresExtension.major(17);

    private static final String METHOD = "CREATE ACCESS METHOD heap2 TYPE TABLE HANDLER heap_tableam_handler";
    /** Generation expressions of a partition's own (16 on) and of a child's local column. */
    private static final String ON_17 = """
            CREATE TABLE local.gparted (id int, a int, b int GENERATED ALWAYS AS (a * 2) STORED) PARTITION BY RANGE (id);
            CREATE TABLE local.gpart1 PARTITION OF local.gparted (b GENERATED ALWAYS AS (a * 3) STORED) FOR VALUES FROM (0) TO (10);
            CREATE TABLE local.gpart2 PARTITION OF local.gparted FOR VALUES FROM (10) TO (20);
            CREATE TABLE local.gen_parent (a int, b int GENERATED ALWAYS AS (a * 2) STORED);
            CREATE TABLE local.gen_child (b int GENERATED ALWAYS AS (a * 3) STORED) INHERITS (local.gen_parent);
            INSERT INTO local.gparted (id, a) VALUES (1, 1), (11, 1);
            """;
    /** The catalog rows the attributes live in. */
    private static final String STATE = """
            SELECT (SELECT string_agg(c.relname || '.' || a.attname || '=' || coalesce(pg_get_expr(d.adbin, d.adrelid), '-')
                                      || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END, ', ' ORDER BY c.relname, a.attname)
                      FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
                     WHERE c.relnamespace = 'local'::regnamespace AND a.attnum > 0 AND c.relkind IN ('r', 'p', 'v')),
                   (SELECT string_agg(c.relname || '.' || g.tgname || '=' || g.tgenabled::text, ', ' ORDER BY c.relname, g.tgname)
                      FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid WHERE c.relnamespace = 'local'::regnamespace),
                   (SELECT string_agg(d.objoid::regclass::text || '.' || d.objsubid || '=' || d.description, ', ' ORDER BY c.relname, d.objsubid)
                      FROM pg_description d JOIN pg_class c ON c.oid = d.objoid AND d.classoid = 'pg_class'::regclass
                     WHERE c.relnamespace = 'local'::regnamespace)
                   || (SELECT ' ' || string_agg(c.relname || ' using ' || a.amname, ', ' ORDER BY c.relname)
                      FROM pg_class c JOIN pg_am a ON a.oid = c.relam WHERE c.relnamespace = 'local'::regnamespace AND a.amname = 'heap2')""";

    @Test
    void theDumpedSchemaRecreatesTheAttributesAsPgDumpSeesThem() throws Exception {
        for (boolean withPrivileges : new boolean[] {false, true}) {
            String a = pg13.newDatabase();
            execute(pg13, a, METHOD + ";\n" + fixture());
            SchemaModel model = read(pg13, a, withPrivileges);
            assertThat(model.warnings()).isEmpty();

            String b = pg13.newDatabase();
            apply(pg13, b, SchemaScript.of(model).statements());

            assertThat(PgDumpOracle.schemaOf(pg13.server().url(b), withPrivileges))
                    .isEqualTo(PgDumpOracle.schemaOf(pg13.server().url(a), withPrivileges));
            assertThat(value(pg13, b, STATE)).isEqualTo(value(pg13, a, STATE));
            assertThat(SchemaDiff.compare(model, read(pg13, b, withPrivileges)).differences()).isEmpty();
        }
    }

    @Test
    void on17TheCatalogRowsAndTheModelAreTheSame() throws Exception {
        String a = pg17.database();
        execute(pg17, a, METHOD + ";\n" + fixture() + ON_17);
        SchemaModel model = read(pg17, a, false);
        assertThat(model.warnings()).isEmpty();

        String b = pg17.newDatabase();
        apply(pg17, b, SchemaScript.of(model).statements());

        assertThat(value(pg17, b, STATE)).isEqualTo(value(pg17, a, STATE))
                .contains("gpart1.b=(a * 3)", "gpart2.b=(a * 2)", "gen_child.b=(a * 3)", "part1.at=1 not null", "part2.note=-",
                        "part31.touch=R", "part2.quiet=O", "parted.quiet=D", "v.at=7", "local.v.1=a view column",
                        "local.keyed_pkey.0=the key's index", "other_am using heap2");
        assertThat(SchemaDiff.compare(model, read(pg17, b, false)).differences()).isEmpty();
    }

    @Test
    void cloneAndBackupCarryThem(@TempDir Path out) throws Exception {
        String a = pg13.newDatabase();
        execute(pg13, a, METHOD + ";\n" + fixture());
        String cloned = pg13.newDatabase();
        CloneResult clone = new Clone(new Connector()).run(new CloneRequest(spec(pg13, a), spec(pg13, cloned), 2, ValidationLevel.FULL, false,
                List.of(), true), CopyProgress.NONE);
        assertThat(clone.passed()).as("%s %s", clone.schema(), clone.move().validation()).isTrue();

        String restored = pg13.newDatabase();
        BackupResult backup = new Backup(new Connector()).run(new BackupRequest(spec(pg13, a), out, null, 2, Compression.NONE, false, 0,
                List.of(), null, true), CopyProgress.NONE);
        RestoreResult restore = new BackupRestore(new Connector()).run(new RestoreRequest(backup.archive(), spec(pg13, restored), 2, null, false),
                CopyProgress.NONE);
        assertThat(restore.passed()).as("%s", restore).isTrue();

        String original = PgDumpOracle.schemaOf(pg13.server().url(a), false);
        for (String copy : List.of(cloned, restored)) {
            assertThat(PgDumpOracle.schemaOf(pg13.server().url(copy), false)).isEqualTo(original);
            assertThat(value(pg13, copy, STATE)).isEqualTo(value(pg13, a, STATE));
            assertThat(value(pg13, copy, "SELECT string_agg(id || ':' || at || ':' || coalesce(note, '-'), ',' ORDER BY id) FROM local.parted"))
                    .isEqualTo("1:1:-,11:11:eleven,21:31:parent");
        }
    }

    @Test
    void diffFindsEachAttributeAndItsPlanAlignsTarget() throws Exception {
        String source = pg13.newDatabase();
        execute(pg13, source, METHOD + ";\n" + fixture());
        String target = pg13.newDatabase();
        execute(pg13, target, METHOD + ";\n" + fixture() + """
                ALTER TABLE local.part1 ALTER COLUMN at DROP DEFAULT;
                ALTER TABLE local.part1 ALTER COLUMN at DROP NOT NULL;
                ALTER TABLE ONLY local.part1 ALTER COLUMN code SET DEFAULT 5;
                ALTER TABLE local.part2 ALTER COLUMN note SET DEFAULT 'parent';
                ALTER TABLE local.child ALTER COLUMN note SET DEFAULT 'p';
                ALTER TABLE local.parted ENABLE TRIGGER touch;
                ALTER VIEW local.v ALTER COLUMN at DROP DEFAULT;
                COMMENT ON COLUMN local.v.id IS NULL;
                COMMENT ON COLUMN local.mv.id IS 'other';
                COMMENT ON INDEX local.keyed_pkey IS NULL;
                """);
        SchemaModel wanted = read(pg13, source, false);
        SchemaDifferences before = SchemaDiff.compare(wanted, read(pg13, target, false));
        assertThat(before.differences()).extracting(d -> d.id().toString()).containsExactlyInAnyOrder(
                "table local.part1", "table local.part2", "table local.child", "trigger touch on local.parted", "view local.v",
                "materialized view local.mv", "constraint keyed_pkey on local.keyed");

        AlignmentPlan plan;
        try (Connection probe = pg13.server().connect(target)) {
            plan = new AlignmentPlanner(wanted, read(pg13, target, false), new PlanOptions(false, false, false, false),
                    TargetProbe.live(probe)).plan(before);
        }
        assertThat(plan.render()).contains("ALTER TABLE ONLY \"local\".\"part1\" ALTER COLUMN \"code\" SET DEFAULT nextval(");
        SchemaDiffIT.applyPlan(pg13, target, plan);

        assertThat(SchemaDiff.compare(wanted, read(pg13, target, false)).differences()).isEmpty();
        assertThat(PgDumpOracle.schemaOf(pg13.server().url(target), false)).isEqualTo(PgDumpOracle.schemaOf(pg13.server().url(source), false));
        assertThat(value(pg13, target, STATE)).isEqualTo(value(pg13, source, STATE));
    }

    private static String fixture() throws Exception {
        return SchemaDumpIT.resource("/io/pgcarry/schema/local-attributes.sql");
    }
}
