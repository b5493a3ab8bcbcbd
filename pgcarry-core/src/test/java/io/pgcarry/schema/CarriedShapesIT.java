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
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Shapes that were refused or lost and are now carried: a domain's NOT VALID check, a zero-column table, a NOT VALID
 * check the rows break, column storage and statistics targets, an unpopulated materialized view, aclitem columns (no
 * binary I/O, so copied as text). On 13, the version
 * the machine's pg_dump reads, which is the witness.
 */
class CarriedShapesIT {
    @RegisterExtension
    static final PostgresExtension pg = PostgresExtension.major(13);
    /** Column compression exists from 14 on; pg_dump 15 cannot read 17, so the catalog rows are compared there. */
    @RegisterExtension
    static final PostgresExtension pg17 = PostgresExtension.major(17);

    private static final String STATE = """
            SELECT (SELECT string_agg(conname || ':' || convalidated, ',' ORDER BY conname) FROM pg_constraint
                     WHERE conname IN ('pos', 'amount_v_positive')),
                   (SELECT string_agg(relname || ':' || relispopulated, ',' ORDER BY relname) FROM pg_class WHERE relkind = 'm'),
                   (SELECT string_agg(attname || ':' || attstorage || ':' || attstattarget, ',' ORDER BY attname) FROM pg_attribute
                     WHERE attrelid = 'shapes.amount'::regclass AND attnum > 0)""";

    @Test
    void theDumpedSchemaRecreatesEachShapeAsPgDumpSeesIt() throws Exception {
        String a = pg.database();
        execute(a, SchemaDumpIT.resource("/io/pgcarry/schema/carried-shapes.sql"));
        SchemaModel model = read(a);
        assertThat(model.warnings()).as("nothing refused").isEmpty();

        String b = pg.newDatabase();
        SchemaScript script = SchemaScript.of(model);
        try (Connection c = pg.server().connect(b)) {
            c.setAutoCommit(false);
            ScriptRunner.run(c, script.statements());
            c.commit();
        }
        assertThat(SchemaScript.refreshes(script.statements())).containsExactly("REFRESH MATERIALIZED VIEW \"shapes\".\"filled\"");
        execute(b, "REFRESH MATERIALIZED VIEW shapes.filled");

        assertThat(PgDumpOracle.schemaOf(pg.server().url(b), false)).isEqualTo(PgDumpOracle.schemaOf(pg.server().url(a), false));
        assertThat(value(b, STATE)).isEqualTo(value(a, STATE))
                .contains("amount_v_positive:false", "pos:false", "never_filled:false", "note:e:-1", "v:p:500");
        assertThat(SchemaDiff.compare(model, read(b)).none()).isTrue();
    }

    @Test
    void cloneCarriesTheRowsAndLeavesWhatTheSourceLeft() throws Exception {
        String a = pg.database();
        execute(a, SchemaDumpIT.resource("/io/pgcarry/schema/carried-shapes.sql"));
        String b = pg.newDatabase();

        CloneResult result = new Clone(new Connector()).run(new CloneRequest(spec(pg.server().url(a)), spec(pg.server().url(b)), 2,
                ValidationLevel.FULL, false), CopyProgress.NONE);

        assertThat(result.passed()).as("%s", result.move().validation()).isTrue();
        assertThat(result.warnings()).isEmpty();
        assertThat(result.refreshed()).isEqualTo(1);
        assertThat(value(b, "SELECT count(*) FROM shapes.zero")).isEqualTo("2");
        assertThat(value(b, "SELECT v || ' ' || note FROM shapes.amount")).isEqualTo("-5 before the check");
        assertThat(value(b, STATE)).isEqualTo(value(a, STATE));
        assertThat(value(b, "SELECT a::text || ' ' || many::text FROM shapes.grants")).isEqualTo("postgres=r/postgres {postgres=rw/postgres}");
    }

    @Test
    void aBackupRestoresEachShape(@TempDir Path out) throws Exception {
        String a = pg.database();
        execute(a, SchemaDumpIT.resource("/io/pgcarry/schema/carried-shapes.sql"));
        String b = pg.newDatabase();

        BackupResult backup = new Backup(new Connector()).run(new BackupRequest(spec(pg.server().url(a)), out, null, 2,
                Compression.NONE, false, 0), CopyProgress.NONE);
        RestoreResult restored = new BackupRestore(new Connector()).run(
                new RestoreRequest(backup.archive(), spec(pg.server().url(b)), 2, null, false), CopyProgress.NONE);

        assertThat(restored.passed()).as("%s", restored).isTrue();
        assertThat(restored.refreshed()).isEqualTo(1);
        assertThat(PgDumpOracle.schemaOf(pg.server().url(b), false)).isEqualTo(PgDumpOracle.schemaOf(pg.server().url(a), false));
        assertThat(value(b, STATE)).isEqualTo(value(a, STATE));
        assertThat(value(b, "SELECT count(*) FROM shapes.zero")).isEqualTo("2");
        assertThat(value(b, "SELECT a::text || ' ' || many::text FROM shapes.grants")).isEqualTo("postgres=r/postgres {postgres=rw/postgres}");
    }

    @Test
    void columnCompressionIsCarried() throws Exception {
        String a = pg17.database();
        String sql = "SELECT string_agg(attname || ':' || attcompression::text, ',' ORDER BY attname) FROM pg_attribute"
                + " WHERE attrelid = 'squeezed'::regclass AND attnum > 0";
        try (Connection c = pg17.server().connect(a); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE squeezed (id int, doc text COMPRESSION pglz, plain text)");
        }
        SchemaModel model;
        try (Connection c = pg17.server().connect(a)) {
            model = SchemaReader.read(c, false);
        }
        assertThat(model.warnings()).isEmpty();
        String b = pg17.newDatabase();
        try (Connection c = pg17.server().connect(b)) {
            c.setAutoCommit(false);
            ScriptRunner.run(c, SchemaScript.of(model).statements());
            c.commit();
        }
        try (Connection ca = pg17.server().connect(a); Connection cb = pg17.server().connect(b);
             Statement sa = ca.createStatement(); Statement sb = cb.createStatement();
             ResultSet ra = sa.executeQuery(sql); ResultSet rb = sb.executeQuery(sql)) {
            ra.next();
            rb.next();
            assertThat(rb.getString(1)).isEqualTo(ra.getString(1)).contains("doc:p");
        }
    }

    private static SchemaModel read(String database) throws Exception {
        try (Connection c = pg.server().connect(database)) {
            return SchemaReader.read(c, false);
        }
    }

    private static ConnectionSpec spec(String url) {
        return new ConnectionResolver(Map.of(), Path.of("/nonexistent")).resolve(new EndpointSource.Url(url));
    }

    private static String value(String database, String sql) throws Exception {
        try (Connection c = pg.server().connect(database); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1) + (rs.getMetaData().getColumnCount() > 1 ? " | " + rs.getString(2) + " | " + rs.getString(3) : "");
        }
    }

    private static void execute(String database, String sql) throws Exception {
        try (Connection c = pg.server().connect(database); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
