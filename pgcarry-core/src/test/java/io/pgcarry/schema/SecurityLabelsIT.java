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
import io.pgcarry.embedded.EmbeddedPostgres;
import io.pgcarry.verify.ValidationLevel;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Security labels, on a server with a label provider loaded ({@link LabelProviderServer}): schema dump, clone and
 * backup + restore give each labelled object its label again (pg_dump of the copy equals the original's, labels
 * included), diff sees a changed or missing label and its plan sets it, and a label on an object pgcarry does not
 * carry (a large object) is refused by name.
 */
class SecurityLabelsIT {
    private static final String FIXTURE = """
            CREATE SCHEMA labelled;
            CREATE TABLE labelled.patient (id int PRIMARY KEY, name text, ssn text);
            CREATE VIEW labelled.names AS SELECT id, name FROM labelled.patient;
            CREATE SEQUENCE labelled.counter;
            CREATE TYPE labelled.mood AS ENUM ('calm');
            CREATE DOMAIN labelled.positive AS int CHECK (VALUE > 0);
            CREATE FUNCTION labelled.masked(text) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT 'xxx' $$;
            CREATE MATERIALIZED VIEW labelled.counts AS SELECT count(*) AS n FROM labelled.patient;
            INSERT INTO labelled.patient VALUES (1, 'Ann', '123-45'), (2, 'Bob', '678-90');
            SECURITY LABEL FOR pgcarry_test ON SCHEMA labelled IS 'schema label';
            SECURITY LABEL FOR pgcarry_test ON TABLE labelled.patient IS 'table label';
            SECURITY LABEL FOR pgcarry_test ON COLUMN labelled.patient.ssn IS 'MASKED WITH FUNCTION labelled.masked(ssn)';
            SECURITY LABEL FOR pgcarry_test ON VIEW labelled.names IS 'view';
            SECURITY LABEL FOR pgcarry_test ON SEQUENCE labelled.counter IS 'sequence';
            SECURITY LABEL FOR pgcarry_test ON TYPE labelled.mood IS 'type';
            SECURITY LABEL FOR pgcarry_test ON DOMAIN labelled.positive IS 'domain';
            SECURITY LABEL FOR pgcarry_test ON FUNCTION labelled.masked(text) IS 'it''s a function';
            SECURITY LABEL FOR pgcarry_test ON MATERIALIZED VIEW labelled.counts IS 'materialized';
            """;
    private static final String LABELS = """
            SELECT string_agg(pg_describe_object(classoid, objoid, objsubid) || '=' || provider || ':' || label, ', '
                              ORDER BY pg_describe_object(classoid, objoid, objsubid))
              FROM pg_seclabel""";
    private static final AtomicInteger DATABASES = new AtomicInteger();

    @TempDir
    static Path work;
    private static EmbeddedPostgres server;

    @BeforeAll
    static void start() throws Exception {
        server = LabelProviderServer.start(work);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void schemaDumpCloneAndBackupRestoreGiveEveryLabelBack(@TempDir Path out) throws Exception {
        String a = database(FIXTURE);
        SchemaModel model = read(a);
        assertThat(model.warnings()).as("nothing refused").isEmpty();
        String labels = value(a, LABELS);
        assertThat(labels).contains("column ssn of table labelled.patient=pgcarry_test:MASKED WITH FUNCTION labelled.masked(ssn)",
                "function labelled.masked(text)=pgcarry_test:it's a function");

        String dumped = database("");
        try (Connection c = server.connect(dumped)) {
            c.setAutoCommit(false);
            ScriptRunner.run(c, SchemaScript.of(model).statements());
            c.commit();
        }
        assertThat(value(dumped, LABELS)).isEqualTo(labels);
        assertThat(PgDumpOracle.schemaOf(server.url(dumped), false)).isEqualTo(PgDumpOracle.schemaOf(server.url(a), false))
                .contains("SECURITY LABEL FOR pgcarry_test ON COLUMN labelled.patient.ssn");
        assertThat(SchemaDiff.compare(model, read(dumped)).none()).isTrue();

        String cloned = database("");
        CloneResult clone = new Clone(new Connector()).run(new CloneRequest(spec(a), spec(cloned), 2, ValidationLevel.FULL, false),
                CopyProgress.NONE);
        assertThat(clone.passed()).as("%s", clone.move().validation()).isTrue();
        assertThat(value(cloned, LABELS)).isEqualTo(labels);

        String restored = database("");
        BackupResult backup = new Backup(new Connector()).run(new BackupRequest(spec(a), out, null, 2, Compression.NONE, false, 0),
                CopyProgress.NONE);
        RestoreResult restore = new BackupRestore(new Connector()).run(new RestoreRequest(backup.archive(), spec(restored), 2, null, false),
                CopyProgress.NONE);
        assertThat(restore.passed()).as("%s", restore).isTrue();
        assertThat(value(restored, LABELS)).isEqualTo(labels);
        assertThat(PgDumpOracle.schemaOf(server.url(restored), false)).isEqualTo(PgDumpOracle.schemaOf(server.url(a), false));
    }

    @Test
    void diffSeesAChangedAndAMissingLabelAndItsPlanSetsThem() throws Exception {
        String a = database(FIXTURE);
        String b = database(FIXTURE + """
                SECURITY LABEL FOR pgcarry_test ON TABLE labelled.patient IS 'another label';
                SECURITY LABEL FOR pgcarry_test ON COLUMN labelled.patient.ssn IS NULL;
                """);
        SchemaModel source = read(a);
        SchemaDifferences differences = SchemaDiff.compare(source, read(b));
        assertThat(differences.differences()).anySatisfy(d -> {
            assertThat(d.id().toString()).isEqualTo("table labelled.patient");
            assertThat(d.changes()).containsExactly(new AttributeChange(SecurityLabels.ATTRIBUTE,
                    "{\"pgcarry_test\":\"table label\"}", "{\"pgcarry_test\":\"another label\"}"));
        }).anySatisfy(d -> assertThat(d.id().toString()).isEqualTo("column labelled.patient.ssn"));

        AlignmentPlan plan;
        try (Connection probe = server.connect(b)) {
            plan = new AlignmentPlanner(source, read(b), new PlanOptions(false, false, false, false), TargetProbe.live(probe))
                    .plan(differences);
        }
        assertThat(plan.active()).extracting(PlannedStatement::sql).containsExactlyInAnyOrder(
                "SECURITY LABEL FOR \"pgcarry_test\" ON TABLE \"labelled\".\"patient\" IS 'table label'",
                "SECURITY LABEL FOR \"pgcarry_test\" ON COLUMN \"labelled\".\"patient\".\"ssn\" IS 'MASKED WITH FUNCTION labelled.masked(ssn)'");
        try (Connection c = server.connect(b); Statement s = c.createStatement()) {
            for (PlannedStatement statement : plan.active()) {
                s.execute(statement.sql());
            }
        }
        assertThat(SchemaDiff.compare(source, read(b)).none()).isTrue();
    }

    @Test
    void aLabelOnAnObjectPgcarryDoesNotCarryIsRefusedByName() throws Exception {
        String a = database("SELECT lo_create(4242); SECURITY LABEL FOR pgcarry_test ON LARGE OBJECT 4242 IS 'blob';");
        assertThat(read(a).warnings()).containsExactly("security label pgcarry_test on large object 4242");
    }

    private static String database(String sql) throws Exception {
        String name = server.createDatabase("labels_" + DATABASES.incrementAndGet());
        if (!sql.isEmpty()) {
            try (Connection c = server.connect(name); Statement s = c.createStatement()) {
                s.execute(sql);
            }
        }
        return name;
    }

    private static SchemaModel read(String database) throws Exception {
        try (Connection c = server.connect(database)) {
            return SchemaReader.read(c, false);
        }
    }

    private static ConnectionSpec spec(String database) {
        return new ConnectionResolver(Map.of(), Path.of("/nonexistent")).resolve(new EndpointSource.Url(server.url(database)));
    }

    private static String value(String database, String sql) throws Exception {
        try (Connection c = server.connect(database); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
