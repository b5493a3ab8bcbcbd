package io.pgcarry.check;

import io.pgcarry.report.ProblemCode;
import static org.assertj.core.api.Assertions.assertThat;

import io.pgcarry.connect.Connector;
import io.pgcarry.embedded.EmbeddedPostgres;
import io.pgcarry.embedded.junit.PostgresExtension;
import io.pgcarry.plan.MappingFile;
import io.pgcarry.plan.TableSelection;
import io.pgcarry.report.Problem;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What check says, rather than dying, when the source role cannot read parts of the source: a schema without USAGE,
 * tables without SELECT; on PostgreSQL 13 and 17.
 */
class CheckSourceAccessIT {
    @RegisterExtension
    static final PostgresExtension pg13 = PostgresExtension.major(13);
    @RegisterExtension
    static final PostgresExtension pg17 = PostgresExtension.major(17);

    private static final String SCHEMA = """
            CREATE SCHEMA hidden;
            CREATE TABLE hidden.t (id int PRIMARY KEY, v text);
            CREATE TABLE hidden.u (id int PRIMARY KEY);
            CREATE TABLE open (id int PRIMARY KEY, v varchar(20));
            CREATE TABLE closed (id int PRIMARY KEY);
            """;

    @Test
    void aSchemaWithoutUsageAndUnreadableTablesAreListedWithTheRestOfTheReport13() throws Exception {
        schemaWithoutUsageIsListed(pg13);
    }

    @Test
    void aSchemaWithoutUsageAndUnreadableTablesAreListedWithTheRestOfTheReport17() throws Exception {
        schemaWithoutUsageIsListed(pg17);
    }

    private void schemaWithoutUsageIsListed(PostgresExtension pg) throws Exception {
        String target = pg.newDatabase();
        String reader = "reader_" + pg.database();
        execute(pg, pg.database(), SCHEMA + """
                INSERT INTO hidden.t VALUES (1, 'x');
                INSERT INTO open SELECT i, repeat('y', i) FROM generate_series(1, 15) i;
                INSERT INTO closed VALUES (1);
                SET password_encryption = 'scram-sha-256';
                CREATE ROLE %s LOGIN PASSWORD 'reader-pass' IN ROLE %s;
                GRANT SELECT ON open TO %s;
                GRANT SELECT ON ALL TABLES IN SCHEMA hidden TO %s;
                """.formatted(reader, EmbeddedPostgres.PASSWORD_ROLE, reader, reader));
        execute(pg, target, SCHEMA.replace("varchar(20)", "varchar(10)"));
        String source = pg.server().url(reader, "reader-pass", pg.database());

        CheckReport report = new Check(new Connector()).run(CheckIT.spec(source), CheckIT.spec(pg.server().url(target)),
                new CheckOptions(MappingFile.parse("", "test"), TableSelection.all(), false, false, false));

        assertThat(report.problems()).filteredOn(p -> p.code() == ProblemCode.NO_USAGE).singleElement().satisfies(p -> {
            assertThat(p.object()).isEqualTo("hidden");
            assertThat(p.isError()).isTrue();
            assertThat(p.message()).contains("GRANT USAGE ON SCHEMA \"hidden\"");
        });
        assertThat(report.problems()).filteredOn(p -> p.code() == ProblemCode.NO_SELECT).extracting(Problem::object)
                .containsExactlyInAnyOrder("hidden.t", "hidden.u", "public.closed");
        assertThat(codes(report)).as("the readable table is still checked").contains(ProblemCode.VALUE_TOO_LONG);
    }

    private static List<ProblemCode> codes(CheckReport report) {
        return report.problems().stream().map(Problem::code).toList();
    }

    private static void execute(PostgresExtension pg, String db, String sql) throws Exception {
        try (Connection c = pg.server().connect(db); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
