package io.pgcarry.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgcarry.embedded.junit.PostgresExtension;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The structure loads read from the catalog instead of the SQL of a definition: which keys can be added in two steps
 * (their unique index, then the constraint USING INDEX), with what clause, and a foreign key's columns and referenced
 * table. Keys added so end as the one statement would make them (included columns, index options, NULLS NOT DISTINCT
 * and deferrability kept): the schema read back has no difference. On 13 and 17, whose catalogs differ.
 */
class KeyStepsIT {
    @RegisterExtension
    static final PostgresExtension pg13 = PostgresExtension.major(13);
    @RegisterExtension
    static final PostgresExtension pg17 = PostgresExtension.major(17);

    private static final String SCHEMA = """
            CREATE SCHEMA "bazaar-vid";
            CREATE TABLE "bazaar-vid"."Animal" ("Id" int PRIMARY KEY, code text, n int, CONSTRAINT "Code" UNIQUE (code, n) DEFERRABLE,
                                               CONSTRAINT code_n UNIQUE (n, code));
            CREATE TABLE "bazaar-vid".later (id int, CONSTRAINT later_id UNIQUE (id) DEFERRABLE INITIALLY DEFERRED);
            CREATE TABLE "bazaar-vid".covering (id int, note text, CONSTRAINT covering_pkey PRIMARY KEY (id) INCLUDE (note));
            CREATE TABLE "bazaar-vid".filled (id int, CONSTRAINT filled_pkey PRIMARY KEY (id) WITH (fillfactor = 70));
            CREATE TABLE "bazaar-vid".parted (id int, at date, PRIMARY KEY (id, at)) PARTITION BY RANGE (at);
            CREATE TABLE "bazaar-vid".excluded (r int4range, EXCLUDE USING gist (r WITH &&));
            CREATE TABLE "bazaar-vid".visit ("animal Id" int REFERENCES "bazaar-vid"."Animal", code text, n int,
                                             FOREIGN KEY (n, code) REFERENCES "bazaar-vid"."Animal" (n, code));
            """;

    @Test
    void plainBtreeKeysOfPlainTablesComeInTwoStepsOn13() throws Exception {
        checkKeys(pg13);
    }

    @Test
    void plainBtreeKeysOfPlainTablesComeInTwoStepsOn17() throws Exception {
        execute(pg17, pg17.database(), "CREATE TABLE nulls_alike (a int, CONSTRAINT nulls_alike_a UNIQUE NULLS NOT DISTINCT (a))");
        Map<String, String> attach = checkKeys(pg17);
        assertThat(attach).containsEntry("nulls_alike_a", "UNIQUE USING INDEX nulls_alike_a");
    }

    private Map<String, String> checkKeys(PostgresExtension pg) throws Exception {
        String a = pg.database();
        execute(pg, a, SCHEMA);
        SchemaModel model = read(pg, a);
        Map<String, String> attach = new TreeMap<>();
        model.objects().stream().filter(o -> o.id().kind() == ObjectKind.CONSTRAINT)
                .forEach(o -> attach.put(o.id().name(), o.attribute("attach")));

        assertThat(attach).containsEntry("Animal_pkey", "PRIMARY KEY USING INDEX \"Animal_pkey\"")
                .containsEntry("Code", "UNIQUE USING INDEX \"Code\" DEFERRABLE")
                .containsEntry("later_id", "UNIQUE USING INDEX later_id DEFERRABLE INITIALLY DEFERRED")
                .containsEntry("filled_pkey", "PRIMARY KEY USING INDEX filled_pkey")
                .containsEntry("covering_pkey", "PRIMARY KEY USING INDEX covering_pkey")
                .as("partitioned tables, exclusion and foreign keys: one statement")
                .containsEntry("parted_pkey", null).containsEntry("excluded_r_excl", null)
                .containsEntry("visit_animal Id_fkey", null);
        assertThat(model.find(new ObjectId(ObjectKind.CONSTRAINT, "bazaar-vid", "filled_pkey", "filled")).orElseThrow()
                .attribute("definition")).as("the key's index options").isEqualTo("PRIMARY KEY (id) WITH (fillfactor=70)");
        SchemaObject foreignKey = model.find(new ObjectId(ObjectKind.CONSTRAINT, "bazaar-vid", "visit_n_code_fkey", "visit")).orElseThrow();
        assertThat(foreignKey.attribute("references")).isEqualTo("\"bazaar-vid\".\"Animal\"");
        assertThat(Ddl.jsonStrings(foreignKey.attribute("columns"))).containsExactly("n", "code");
        assertThat(Ddl.jsonStrings(foreignKey.attribute("ref_columns"))).containsExactly("n", "code");

        // The schema script with every such key added in its two steps gives back the same schema.
        List<String> statements = new ArrayList<>();
        for (ScriptStatement statement : SchemaScript.of(model).statements()) {
            LoadRole load = statement.load();
            statements.addAll(load != null && load.inTwoSteps() ? load.steps() : List.of(statement.sql()));
        }
        assertThat(statements).contains("CREATE UNIQUE INDEX \"Code\" ON \"bazaar-vid\".\"Animal\" USING btree (code, n)");
        String b = pg.newDatabase();
        try (Connection c = pg.server().connect(b); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
        SchemaModel copy = read(pg, b);
        assertThat(SchemaDiff.compare(model, copy).none()).isTrue();
        assertThat(copy.objects().stream().filter(o -> o.id().kind() == ObjectKind.INDEX).map(o -> o.id().name()))
                .as("the attached indexes became the keys' own").isEmpty();
        return attach;
    }

    private static SchemaModel read(PostgresExtension pg, String database) throws Exception {
        try (Connection c = pg.server().connect(database)) {
            return SchemaReader.read(c, false);
        }
    }

    private static void execute(PostgresExtension pg, String database, String sql) throws Exception {
        try (Connection c = pg.server().connect(database); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
