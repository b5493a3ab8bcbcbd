package io.pgcarry.schema;

import static io.pgcarry.schema.SchemaTestDatabases.apply;
import static io.pgcarry.schema.SchemaTestDatabases.assertScriptRecreates;
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
import io.pgcarry.connect.Connector;
import io.pgcarry.copy.CopyProgress;
import io.pgcarry.embedded.junit.PostgresExtension;
import java.nio.file.Path;
import java.sql.Connection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Aggregates with a sort operator, ordered-set and hypothetical-set aggregates, moving-aggregate options and parallel
 * safety, with their comments and owners, round-trip through schema dump (pg_dump of both sides on 13, pgcarry's model on
 * 17) and backup/restore, and diff creates and replaces them.
 */
class AggregateKindsIT {
    @RegisterExtension
    static final PostgresExtension pg13 = PostgresExtension.major(13);
    @RegisterExtension
    static final PostgresExtension pg17 = PostgresExtension.major(17);

    private static final String USES = "SELECT r, m, h, p, mv FROM agg.uses";

    @Test
    void theDumpedSchemaRecreatesThemAsPgDumpSeesThem() throws Exception {
        for (boolean withPrivileges : new boolean[] {false, true}) {
            String a = pg13.newDatabase();
            execute(pg13, a, fixture());
            SchemaModel model = read(pg13, a, withPrivileges);
            assertThat(model.warnings()).isEmpty();
            assertThat(model.ofKind(ObjectKind.AGGREGATE)).hasSize(6);

            assertScriptRecreates(pg13, a, model, withPrivileges);
        }
    }

    @Test
    void on17TheModelIsTheSame() throws Exception {
        String a = pg17.database();
        execute(pg17, a, fixture());
        SchemaModel model = read(pg17, a, true);
        assertThat(model.warnings()).isEmpty();
        String b = pg17.newDatabase();
        apply(pg17, b, SchemaScript.of(model).statements());
        assertThat(SchemaDiff.compare(model, read(pg17, b, true)).none()).isTrue();
        execute(pg17, b, "INSERT INTO agg.t VALUES (1, 0.5), (2, 1.5), (3, 2.5)");
        assertThat(value(pg17, b, USES)).isEqualTo(value(pg17, a, USES));
    }

    @Test
    void aBackupRestoresThem(@TempDir Path out) throws Exception {
        String a = pg13.newDatabase();
        execute(pg13, a, fixture());
        String b = pg13.newDatabase();
        BackupResult backup = new Backup(new Connector()).run(new BackupRequest(spec(pg13, a), out, null, 2, Compression.NONE, false, 0),
                CopyProgress.NONE);
        RestoreResult restored = new BackupRestore(new Connector()).run(new RestoreRequest(backup.archive(), spec(pg13, b), 2, null, false),
                CopyProgress.NONE);
        assertThat(restored.passed()).as("%s", restored).isTrue();
        assertThat(PgDumpOracle.schemaOf(pg13.server().url(b), false)).isEqualTo(PgDumpOracle.schemaOf(pg13.server().url(a), false));
        assertThat(value(pg13, b, USES)).isEqualTo(value(pg13, a, USES)).isEqualTo("null | 3 | 2 | 1.5 | 6");
    }

    @Test
    void diffCreatesAMissingAggregateAndReplacesAChangedOne() throws Exception {
        String source = pg13.newDatabase();
        execute(pg13, source, fixture());
        String target = pg13.newDatabase();
        execute(pg13, target, fixture() + """
                DROP VIEW agg.uses;
                DROP AGGREGATE agg.pct(float8 ORDER BY float8);
                DROP AGGREGATE agg.mymax(int);
                CREATE AGGREGATE agg.mymax(int) (SFUNC = int4larger, STYPE = int);
                """);
        SchemaModel wanted = read(pg13, source, false);
        SchemaDifferences before = SchemaDiff.compare(wanted, read(pg13, target, false));
        assertThat(before.differences()).extracting(d -> d.id().toString() + " " + d.change()).containsExactlyInAnyOrder(
                "aggregate agg.pct(double precision ORDER BY double precision) MISSING", "aggregate agg.mymax(integer) CHANGED",
                "view agg.uses MISSING");
        AlignmentPlan plan;
        try (Connection probe = pg13.server().connect(target)) {
            plan = new AlignmentPlanner(wanted, read(pg13, target, false), new PlanOptions(false, false, false, false),
                    TargetProbe.live(probe)).plan(before);
        }
        SchemaDiffIT.applyPlan(pg13, target, plan);
        assertThat(SchemaDiff.compare(wanted, read(pg13, target, false)).none()).isTrue();
    }

    private static String fixture() throws Exception {
        return SchemaDumpIT.resource("/io/pgcarry/schema/aggregate-kinds.sql");
    }
}
