package io.pgcarry.schema;

import static io.pgcarry.schema.SchemaTestDatabases.apply;
import static io.pgcarry.schema.SchemaTestDatabases.assertScriptRecreates;
import static io.pgcarry.schema.SchemaTestDatabases.execute;
import static io.pgcarry.schema.SchemaTestDatabases.read;
import static io.pgcarry.schema.SchemaTestDatabases.spec;
import static io.pgcarry.schema.SchemaTestDatabases.value;
import static org.assertj.core.api.Assertions.assertThat;

import io.pgcarry.arrival.SchemaArrival;
import io.pgcarry.arrival.SchemaCheck;
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
 * Partition shapes of PostgreSQL's regression database that copies got wrong (issue 16): foreign keys referencing a
 * partitioned table, whose pieces came back NOT VALID; partition indexes made apart instead of attached (and INVALID
 * parents made valid); the storage and statistics targets (and compression, 14 on) of partition and child columns.
 * Schema dump, clone and backup/restore must give the source's catalog rows (pg_dump of both sides is the witness on 13,
 * pgcarry's model on 13 and 17), diff must see each and align it, and the clone's schema check must name a wrong one.
 */
class PartitionFidelityIT {
    @RegisterExtension
    static final PostgresExtension pg13 = PostgresExtension.major(13);
    @RegisterExtension
    static final PostgresExtension pg17 = PostgresExtension.major(17);

    /** Column compression of partitions (14 on; pglz, which every build has). */
    private static final String ON_17 = """
            CREATE TABLE pf.cm (id int, t text COMPRESSION pglz, u text) PARTITION BY LIST (id);
            CREATE TABLE pf.cm1 PARTITION OF pf.cm FOR VALUES IN (1);
            CREATE TABLE pf.cm2 (id int, t text, u text);
            ALTER TABLE pf.cm ATTACH PARTITION pf.cm2 FOR VALUES IN (2);
            ALTER TABLE pf.cm1 ALTER COLUMN u SET COMPRESSION pglz;
            INSERT INTO pf.cm VALUES (1, 'one', 'u'), (2, 'two', 'v');
            """;
    /** The catalog rows: index attachments and validity, foreign keys with their pieces, column settings. */
    private static final String STATE = """
            SELECT (SELECT string_agg(ci.relname || '->' || pi.relname, ', ' ORDER BY ci.relname)
                      FROM pg_inherits h JOIN pg_class ci ON ci.oid = h.inhrelid JOIN pg_class pi ON pi.oid = h.inhparent
                     WHERE ci.relkind IN ('i', 'I') AND ci.relnamespace = 'pf'::regnamespace),
                   (SELECT string_agg(i.relname || CASE WHEN x.indisvalid THEN '' ELSE ' INVALID' END, ', ' ORDER BY i.relname)
                      FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid WHERE i.relnamespace = 'pf'::regnamespace),
                   (SELECT string_agg(format('%s.%s->%s%s%s', k.conrelid::regclass, k.conname, k.confrelid::regclass,
                                             CASE WHEN k.convalidated THEN '' ELSE ' NOT VALID' END, ' under ' || p.conname),
                                      ', ' ORDER BY k.conrelid::regclass::text, k.conname)
                      FROM pg_constraint k LEFT JOIN pg_constraint p ON p.oid = k.conparentid
                     WHERE k.contype = 'f' AND k.connamespace = 'pf'::regnamespace),
                   (SELECT string_agg(format('%s.%s=%s/%s/%s', c.relname, a.attname, a.attstorage, coalesce(a.attstattarget, -1),
                                             coalesce(row_to_json(a)::jsonb ->> 'attcompression', '')), ', ' ORDER BY c.relname, a.attnum)
                      FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
                     WHERE c.relnamespace = 'pf'::regnamespace AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped)""";

    @Test
    void theDumpedSchemaRecreatesThemAsPgDumpSeesThem() throws Exception {
        String a = pg13.newDatabase();
        execute(pg13, a, fixture());
        SchemaModel model = read(pg13, a, false);
        assertThat(model.warnings()).isEmpty();

        String b = assertScriptRecreates(pg13, a, model, false);

        assertThat(value(pg13, b, STATE)).isEqualTo(value(pg13, a, STATE))
                .contains("idxpart1_mine->idxpart_b_c_idx", "idxpart22_a_idx->idxpart2_a_idx", "idxpart_a_idx INVALID",
                        "idxpart3_b->idxpart_b_c_idx", "idxpart3_lower_idx->idxpart_lower", "plain1_b_idx->plain_b_idx",
                        "pf.dropfk.dropfk_a_fkey3->pf.droppk21 under dropfk_a_fkey2", "st1.t=m/-1/", "st1.n=m/42/", "st21.t=p/-1/",
                        "st3.t=x/-1/", "ic.t=m/-1/", "ic.id=p/5/")
                .doesNotContain("idxpart21_a_idx", "idxpart1_lower_alone->", "NOT VALID");
    }

    @Test
    void on17TheCatalogRowsAndTheModelAreTheSame() throws Exception {
        String a = pg17.newDatabase();
        execute(pg17, a, fixture() + ON_17);
        SchemaModel model = read(pg17, a, false);
        assertThat(model.warnings()).isEmpty();

        String b = pg17.newDatabase();
        apply(pg17, b, SchemaScript.of(model).statements());

        assertThat(value(pg17, b, STATE)).isEqualTo(value(pg17, a, STATE)).contains("cm1.t=x/-1/p", "cm2.t=x/-1/", "cm1.u=x/-1/p");
        assertThat(SchemaDiff.compare(model, read(pg17, b, false)).differences()).isEmpty();
    }

    @Test
    void cloneAndBackupCarryThemOn13(@TempDir Path out) throws Exception {
        cloneAndBackupCarryThem(pg13, fixture(), out);
    }

    @Test
    void cloneAndBackupCarryThemOn17(@TempDir Path out) throws Exception {
        cloneAndBackupCarryThem(pg17, fixture() + ON_17, out);
    }

    private void cloneAndBackupCarryThem(PostgresExtension pg, String sql, Path out) throws Exception {
        String a = pg.newDatabase();
        execute(pg, a, sql);
        String cloned = pg.newDatabase();
        CloneResult clone = new Clone(new Connector()).run(new CloneRequest(spec(pg, a), spec(pg, cloned), 2, ValidationLevel.FULL, false,
                List.of(), false), CopyProgress.NONE);
        assertThat(clone.passed()).as("%s %s %s", clone.schema(), clone.move().schema(), clone.move().validation()).isTrue();

        String restored = pg.newDatabase();
        BackupResult backup = new Backup(new Connector()).run(new BackupRequest(spec(pg, a), out, null, 2, Compression.NONE, false, 0,
                List.of(), null, false), CopyProgress.NONE);
        RestoreResult restore = new BackupRestore(new Connector()).run(new RestoreRequest(backup.archive(), spec(pg, restored), 2, null, false),
                CopyProgress.NONE);
        assertThat(restore.passed()).as("%s", restore).isTrue();

        for (String copy : List.of(cloned, restored)) {
            assertThat(value(pg, copy, STATE)).as(copy).isEqualTo(value(pg, a, STATE));
            assertThat(SchemaDiff.compare(read(pg, a, false), read(pg, copy, false)).differences()).as(copy).isEmpty();
            if (pg == pg13) {
                assertThat(PgDumpOracle.schemaOf(pg.server().url(copy), false)).isEqualTo(PgDumpOracle.schemaOf(pg.server().url(a), false));
            }
        }
    }

    @Test
    void theCloneChecksNameAWrongTreeStorageOrForeignKeyPiece() throws Exception {
        String a = pg17.newDatabase();
        execute(pg17, a, fixture());
        String copy = pg17.newDatabase();
        apply(pg17, copy, SchemaScript.of(read(pg17, a, false)).statements());
        execute(pg17, copy, """
                ALTER TABLE ONLY pf.st1 ALTER COLUMN n SET STATISTICS 1;
                DROP INDEX pf.idxpart_b_c_idx;
                CREATE INDEX idxpart_b_c_idx ON pf.idxpart (b) INCLUDE (c);
                ALTER TABLE pf.dropfk DROP CONSTRAINT dropfk_a_fkey;
                ALTER TABLE pf.dropfk ADD CONSTRAINT dropfk_a_fkey FOREIGN KEY (a) REFERENCES pf.droppk NOT VALID;
                ALTER TABLE pf.dropfk VALIDATE CONSTRAINT dropfk_a_fkey;
                """);
        SchemaCheck check;
        try (Connection c = pg17.server().connect(copy)) {
            check = SchemaArrival.ofClone(c, read(pg17, a, false));
        }
        assertThat(check.passed()).isFalse();
        assertThat(String.join("\n", check.differences())).contains("table pf.st1 differs from the source: column_statistics",
                "index pf.idxpart_b_c_idx differs from the source: partition_indexes",
                "constraint dropfk_a_fkey1 on pf.dropfk is NOT VALID under its valid dropfk_a_fkey");
    }

    @Test
    void diffFindsEachAndItsPlanAlignsTheTarget() throws Exception {
        String source = pg13.newDatabase();
        execute(pg13, source, fixture());
        String target = pg13.newDatabase();
        execute(pg13, target, fixture() + """
                ALTER TABLE ONLY pf.st1 ALTER COLUMN t SET STORAGE EXTENDED;
                ALTER TABLE ONLY pf.st1 ALTER COLUMN n SET STATISTICS -1;
                ALTER TABLE ONLY pf.ic ALTER COLUMN id SET STATISTICS 6;
                DROP INDEX pf.idxpart_b_c_idx;
                CREATE INDEX idxpart_b_c_idx ON pf.idxpart (b) INCLUDE (c);
                DROP INDEX pf.idxpart_a_idx;
                CREATE INDEX idxpart_a_idx ON pf.idxpart (a);
                ALTER TABLE pf.dropfk DROP CONSTRAINT dropfk_a_fkey;
                """);
        SchemaModel wanted = read(pg13, source, false);
        SchemaDifferences before = SchemaDiff.compare(wanted, read(pg13, target, false));
        assertThat(before.differences()).extracting(d -> d.id().toString()).containsExactlyInAnyOrder(
                "table pf.st1", "table pf.ic", "index pf.idxpart_b_c_idx", "index pf.idxpart_a_idx", "constraint dropfk_a_fkey on pf.dropfk");

        AlignmentPlan plan;
        try (Connection probe = pg13.server().connect(target)) {
            plan = new AlignmentPlanner(wanted, read(pg13, target, false), new PlanOptions(false, false, false, false),
                    TargetProbe.live(probe)).plan(before);
        }
        SchemaDiffIT.applyPlan(pg13, target, plan);

        assertThat(SchemaDiff.compare(wanted, read(pg13, target, false)).differences()).isEmpty();
        assertThat(value(pg13, target, STATE)).isEqualTo(value(pg13, source, STATE));
        assertThat(PgDumpOracle.schemaOf(pg13.server().url(target), false)).isEqualTo(PgDumpOracle.schemaOf(pg13.server().url(source), false));
    }

    private static String fixture() throws Exception {
        return SchemaDumpIT.resource("/io/pgcarry/schema/partition-fidelity.sql");
    }
}
