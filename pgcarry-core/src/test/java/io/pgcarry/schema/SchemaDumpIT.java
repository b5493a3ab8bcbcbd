package io.pgcarry.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgcarry.embedded.junit.PostgresExtension;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Fidelity: the dump of A applied to an empty B gives B the schema of A, as pg_dump itself sees it. */
class SchemaDumpIT {
    @RegisterExtension
    static final PostgresExtension pg = PostgresExtension.major(13);

    @Test
    void theFixtureSchemaRoundTripsExactly() throws Exception {
        String a = pg.database();
        execute(a, resource("/io/pgcarry/schema/schema-fixture.sql"));
        SchemaModel model = read(a);
        // clone and restore tests load the fixture as a non-superuser: SupportObjectsIT carries the kinds only a superuser
        // makes, and transforms (whose functions take internal, which a backup refuses); the database-wide kinds have a
        // fixture of their own (DatabaseObjectsIT), which checks it holds each
        Set<ObjectKind> elsewhere = EnumSet.of(ObjectKind.LANGUAGE, ObjectKind.ACCESS_METHOD, ObjectKind.OPERATOR_FAMILY,
                ObjectKind.OPERATOR_CLASS, ObjectKind.TRANSFORM, ObjectKind.TEXT_SEARCH_PARSER, ObjectKind.TEXT_SEARCH_TEMPLATE);
        elsewhere.addAll(DatabaseObjectsIT.KINDS);
        // base and shell types have their own fixture (BaseTypesIT): creating them takes a superuser, and a base type's
        // functions are C or internal, which archives refuse
        elsewhere.addAll(EnumSet.of(ObjectKind.BASE_TYPE, ObjectKind.SHELL_TYPE));
        // privileges changed on pg_catalog objects and extension members: AllKindsIT (they are read with privileges only)
        elsewhere.add(ObjectKind.PRIVILEGES);
        // subscriptions: SubscriptionsIT and AllKindsIT (creating one takes a superuser, and a database holding one cannot
        // be dropped until it is)
        elsewhere.add(ObjectKind.SUBSCRIPTION);
        assertThat(model.objects()).extracting(o -> o.kind())
                .contains(EnumSet.complementOf(EnumSet.copyOf(elsewhere)).toArray(ObjectKind[]::new));

        String b = pg.newDatabase();
        apply(b, SchemaScript.of(model));

        assertThat(PgDumpOracle.schemaOf(pg.server().url(b), false)).isEqualTo(PgDumpOracle.schemaOf(pg.server().url(a), false));
        assertThat(read(b)).usingRecursiveComparison().ignoringFields("database").isEqualTo(model);
    }

    @Test
    void theDemoSchemaRoundTripsExactly() throws Exception {
        String a = pg.database();
        execute(a, resource("/io/pgcarry/demo/v2-schema.sql"));
        SchemaModel model = read(a);
        String b = pg.newDatabase();
        apply(b, SchemaScript.of(model));
        assertThat(PgDumpOracle.schemaOf(pg.server().url(b), false)).isEqualTo(PgDumpOracle.schemaOf(pg.server().url(a), false));
    }

    @Test
    void ownersAndGrantsRoundTripWithPrivileges() throws Exception {
        String a = pg.database();
        execute(a, """
                DO $$ BEGIN CREATE ROLE app_owner; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
                DO $$ BEGIN CREATE ROLE "report-reader"; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
                CREATE SCHEMA app AUTHORIZATION app_owner;
                CREATE TABLE app.invoice (id int PRIMARY KEY, total numeric, secret text);
                ALTER TABLE app.invoice OWNER TO app_owner;
                GRANT SELECT ON app.invoice TO "report-reader";
                GRANT UPDATE (total) ON app.invoice TO "report-reader";
                CREATE FUNCTION app.double(x int) RETURNS int LANGUAGE sql AS 'SELECT x * 2';
                REVOKE EXECUTE ON FUNCTION app.double(int) FROM PUBLIC;
                GRANT EXECUTE ON FUNCTION app.double(int) TO "report-reader" WITH GRANT OPTION;
                GRANT USAGE ON SCHEMA app TO "report-reader";
                """);
        SchemaModel model;
        try (Connection c = pg.server().connect(a)) {
            model = SchemaReader.read(c, true);
        }
        String b = pg.newDatabase();
        apply(b, SchemaScript.of(model));
        assertThat(PgDumpOracle.schemaOf(pg.server().url(b), true)).isEqualTo(PgDumpOracle.schemaOf(pg.server().url(a), true));
    }

    private SchemaModel read(String database) throws Exception {
        try (Connection c = pg.server().connect(database)) {
            return SchemaReader.read(c, false);
        }
    }

    private void apply(String database, SchemaScript script) throws Exception {
        try (Connection c = pg.server().connect(database)) {
            c.setAutoCommit(false);
            ScriptRunner.run(c, script.statements());
            // as clone and restore do once the data is in: a view populated in the source is populated again
            try (Statement s = c.createStatement()) {
                for (String refresh : SchemaScript.refreshes(script.statements())) {
                    s.execute(refresh);
                }
            }
            c.commit();
        }
    }

    private void execute(String database, String sql) throws Exception {
        try (Connection c = pg.server().connect(database); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    static String resource(String name) throws Exception {
        try (InputStream in = SchemaDumpIT.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
