package io.pgcarry.check;

import io.pgcarry.report.ProblemCode;
import static org.assertj.core.api.Assertions.assertThat;

import io.pgcarry.connect.Connector;
import io.pgcarry.embedded.junit.PostgresExtension;
import io.pgcarry.plan.MappingFile;
import io.pgcarry.plan.TableSelection;
import io.pgcarry.report.Problem;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** check evaluates the mapping file's values on the source and resolves its references, instead of move failing half-way. */
class CheckMappingIT {
    @RegisterExtension
    static final PostgresExtension pg = PostgresExtension.major(17);

    private static final String SOURCE = """
            CREATE FUNCTION public.slugify(t text) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT lower(t) $$;
            CREATE TABLE "Animal" (id int PRIMARY KEY, name text, qty int, n text);
            INSERT INTO "Animal" SELECT i, 'Name ' || i, CASE WHEN i = 7 THEN 0 ELSE i END, CASE WHEN i = 9 THEN 'x' ELSE i::text END
              FROM generate_series(1, 20) i;
            CREATE TABLE other (id int PRIMARY KEY, v text);
            INSERT INTO other VALUES (1, 'far too long a value');
            """;
    private static final String TARGET = """
            CREATE TABLE "Animal" (id int PRIMARY KEY, name text, qty int, n text, ratio int, slug text, slug2 text,
                                   label text, big int, shout text);
            CREATE TABLE other (id int PRIMARY KEY, v varchar(5));
            """;
    private static final String MAPPING = """
            tables:
              Animal:
                values:
                  ratio: "100 / qty"
                  slug: "slugify(name)"
                  slug2: "public.slugify(name)"
                  label: "name ||"
                  big: "n::int"
                  shout: "upper(name)"
            references:
              - {from: Animal.qty, to: Party.id}
              - {from: Animal.nope, to: other.id}
              - {from: Animal.qty, to: other.id}
            """;

    @Test
    void everyFailingExpressionAndUnresolvedReferenceIsAProblemAndTheRestOfTheReportStays() throws Exception {
        String target = pg.newDatabase();
        execute(pg.database(), SOURCE);
        execute(target, TARGET);

        CheckReport report = new Check(new Connector()).run(CheckIT.spec(pg.url()), CheckIT.spec(pg.server().url(target)),
                new CheckOptions(MappingFile.parse(MAPPING, "test mapping"), TableSelection.all(), false, false, false));

        List<Problem> expressions = report.problems().stream().filter(p -> p.code() == ProblemCode.MAPPING_EXPRESSION).toList();
        assertThat(expressions).extracting(Problem::object).containsExactlyInAnyOrder("public.\"Animal\".ratio",
                "public.\"Animal\".slug", "public.\"Animal\".label", "public.\"Animal\".big");
        assertThat(expressions).allMatch(Problem::isError);
        assertThat(message(expressions, "ratio")).contains("(100 / qty)", "division by zero");
        assertThat(message(expressions, "slug")).contains("slugify", "does not exist", "search_path", "schema-qualified");
        assertThat(message(expressions, "label")).contains("syntax error");
        assertThat(message(expressions, "big")).contains("invalid input syntax for type integer", "\"x\"");

        assertThat(report.problems()).filteredOn(p -> p.code() == ProblemCode.MAPPING_REFERENCE).extracting(Problem::object)
                .containsExactlyInAnyOrder("public.\"Party\".id", "public.\"Animal\".nope");
        assertThat(report.problems()).filteredOn(p -> p.code() == ProblemCode.MAPPING_REFERENCE).extracting(Problem::message)
                .anyMatch(m -> m.contains("names table public.\"Party\", which the target does not have"))
                .anyMatch(m -> m.contains("names column nope, which target table public.\"Animal\" does not have"));
        assertThat(report.problems()).extracting(Problem::code).as("the other tables are still checked")
                .contains(ProblemCode.VALUE_TOO_LONG);
    }

    @Test
    void expressionsThatHoldOnEveryRowPass() throws Exception {
        String target = pg.newDatabase();
        execute(pg.database(), SOURCE);
        execute(target, TARGET);
        CheckReport report = new Check(new Connector()).run(CheckIT.spec(pg.url()), CheckIT.spec(pg.server().url(target)),
                new CheckOptions(MappingFile.parse("""
                        tables:
                          Animal:
                            values: {ratio: "100 / nullif(qty, 0)", slug2: "public.slugify(name)", shout: "upper(name)"}
                        references:
                          - {from: Animal.qty, to: other.id}
                        """, "test mapping"), TableSelection.all(), false, false, false));
        assertThat(report.problems()).extracting(Problem::code).doesNotContain(ProblemCode.MAPPING_EXPRESSION, ProblemCode.MAPPING_REFERENCE);
    }

    private static String message(List<Problem> problems, String column) {
        return problems.stream().filter(p -> p.object().endsWith("." + column)).findFirst().orElseThrow().message();
    }

    private void execute(String db, String sql) throws Exception {
        try (Connection c = pg.server().connect(db); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
