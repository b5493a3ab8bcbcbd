package io.pgcarry.clone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgcarry.connect.ConnectionResolver;
import io.pgcarry.connect.ConnectionSpec;
import io.pgcarry.connect.Connector;
import io.pgcarry.connect.EndpointSource;
import io.pgcarry.copy.CopyProgress;
import io.pgcarry.embedded.junit.PostgresExtension;
import io.pgcarry.error.ConfigurationException;
import io.pgcarry.schema.SchemaDiff;
import io.pgcarry.schema.SchemaModel;
import io.pgcarry.schema.SchemaSource;
import io.pgcarry.verify.ValidationLevel;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A clone from 13 into an empty 17: the same schema, the same rows, triggers not fired by the load. */
class CloneIT {
    @RegisterExtension
    static final PostgresExtension pg13 = PostgresExtension.major(13);
    @RegisterExtension
    static final PostgresExtension pg17 = PostgresExtension.major(17);

    @Test
    void theFixtureClonesWithItsSchemaAndDataAndValidates() throws Exception {
        execute(pg13, pg13.database(), resource("/io/pgcarry/schema/schema-fixture.sql")
                + "; CREATE TABLE public._prisma_migrations (id text PRIMARY KEY); INSERT INTO public._prisma_migrations VALUES ('m1');");

        CloneResult result = new Clone(new Connector()).run(request(), CopyProgress.NONE);

        assertThat(result.passed()).as("%s %s", result.schema(), result.move().validation()).isTrue();
        assertThat(result.warnings()).isEmpty();
        assertThat(result.schemaStatements()).isPositive();
        assertThat(result.refreshed()).isEqualTo(1);
        SchemaModel source = read(pg13, pg13.database());
        SchemaModel target = read(pg17, pg17.database());
        assertThat(SchemaDiff.compare(source, target).differences()).isEmpty();
        assertThat(value(pg17, pg17.database(), "SELECT count(*) FROM pg_namespace WHERE nspname = 'pgcarry'"))
                .as("the journal is removed").isEqualTo("0");
        for (String query : new String[] {"SELECT count(*) FROM \"Zoo\".animal", "SELECT count(*) FROM public._prisma_migrations",
                "SELECT count(*) FROM \"bazaar-vid\".export_stats", "SELECT string_agg(badge, ',' ORDER BY id) FROM \"Zoo\".keeper",
                "SELECT string_agg(tgname || ':' || tgenabled::text, ',' ORDER BY tgname) FROM pg_trigger WHERE NOT tgisinternal",
                "SELECT last_value FROM \"Zoo\".badge_seq"}) {
            assertThat(value(pg17, pg17.database(), query)).as(query).isEqualTo(value(pg13, pg13.database(), query));
        }
    }

    @Test
    void anInheritanceParentCarriesOnlyItsOwnRows() throws Exception {
        execute(pg13, pg13.database(), """
                CREATE TABLE vehicle (id int PRIMARY KEY, name text);
                CREATE TABLE truck (payload int) INHERITS (vehicle);
                ALTER TABLE truck ADD PRIMARY KEY (id);
                INSERT INTO vehicle VALUES (1, 'bike'), (2, 'car');
                INSERT INTO truck VALUES (3, 'small', 1), (4, 'big', 2), (5, 'huge', 3);
                """);

        CloneResult result = new Clone(new Connector()).run(request(), CopyProgress.NONE);

        assertThat(result.passed()).as("%s", result.move().validation()).isTrue();
        assertThat(value(pg17, pg17.database(), "SELECT string_agg(id::text, ',' ORDER BY id) FROM ONLY vehicle")).isEqualTo("1,2");
        assertThat(value(pg17, pg17.database(), "SELECT string_agg(id::text, ',' ORDER BY id) FROM truck")).isEqualTo("3,4,5");
        assertThat(value(pg17, pg17.database(), "SELECT count(*) FROM vehicle")).as("the children seen through the parent")
                .isEqualTo(value(pg13, pg13.database(), "SELECT count(*) FROM vehicle"));
    }

    @Test
    void aCloneThatStopsAfterTheCopyIsFinishedByResume() throws Exception {
        execute(pg13, pg13.database(), resource("/io/pgcarry/schema/schema-fixture.sql"));
        CopyProgress crashBeforeKeys = new CopyProgress() {
            @Override
            public void phase(String name) {
                if (name.equals("indexes")) {
                    throw new IllegalStateException("simulated crash with keys and indexes set aside");
                }
            }
        };
        assertThatThrownBy(() -> new Clone(new Connector()).run(request(), crashBeforeKeys)).hasMessageContaining("simulated crash");
        SchemaModel source = read(pg13, pg13.database());
        assertThat(SchemaDiff.compare(source, read(pg17, pg17.database())).differences()).as("keys are set aside").isNotEmpty();

        CloneResult resumed = new Clone(new Connector()).resume(request(), CopyProgress.NONE);

        assertThat(resumed.passed()).isTrue();
        assertThat(resumed.move().resumed()).isTrue();
        assertThat(value(pg17, pg17.database(), "SELECT count(*) FROM pg_namespace WHERE nspname = 'pgcarry'"))
                .as("the journal is removed").isEqualTo("0");
        assertThat(SchemaDiff.compare(source, read(pg17, pg17.database())).differences()).isEmpty();
    }

    @Test
    void aTargetThatIsNotEmptyIsRefusedAndLeftAlone() throws Exception {
        execute(pg13, pg13.database(), "CREATE TABLE t (id int PRIMARY KEY); INSERT INTO t VALUES (1);");
        execute(pg17, pg17.database(), "CREATE TABLE keep_me (id int);");

        assertThatThrownBy(() -> new Clone(new Connector()).run(request(), CopyProgress.NONE))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("not empty").hasMessageContaining("keep_me");
        assertThat(value(pg17, pg17.database(), "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")).isEqualTo("1");
    }

    @Test
    void aSchemaThatFailsOnTheTargetLeavesItEmpty() throws Exception {
        // The role exists only on the source server: creating its policy fails on the target, after the tables.
        execute(pg13, pg13.database(), "DO $$ BEGIN CREATE ROLE clone_only_here; EXCEPTION WHEN duplicate_object THEN NULL; END $$;"
                + "CREATE TABLE t (id int PRIMARY KEY); CREATE POLICY p ON t TO clone_only_here USING (true);");

        assertThatThrownBy(() -> new Clone(new Connector()).run(request(), CopyProgress.NONE))
                .hasMessageContaining("policy p on public.t").hasMessageContaining("clone_only_here");
        assertThat(value(pg17, pg17.database(), "SELECT count(*) FROM pg_class WHERE relnamespace = 'public'::regnamespace")).isEqualTo("0");
    }

    @Test
    void aRoleThatForcedRowLevelSecurityWouldBindIsRefusedBeforeWritingAndOneThatBypassesItClones() throws Exception {
        execute(pg13, pg13.database(), resource("/io/pgcarry/schema/schema-fixture.sql"));
        String role = "cloner_" + pg17.database();
        execute(pg17, "postgres", "CREATE ROLE " + role + " LOGIN NOSUPERUSER; ALTER DATABASE " + pg17.database() + " OWNER TO " + role);
        execute(pg17, pg17.database(), "ALTER SCHEMA public OWNER TO " + role);
        CloneRequest asCloner = new CloneRequest(spec(pg13.url()), spec(pg17.server().url(pg17.database()).replace("//postgres@", "//" + role + "@")),
                2, ValidationLevel.FULL, false);

        // "bazaar-vid"."Export" forces its policies on its owner, which the cloning role would be: COPY would refuse it.
        assertThatThrownBy(() -> new Clone(new Connector()).run(asCloner, CopyProgress.NONE))
                .isInstanceOf(io.pgcarry.error.DatabaseException.class)
                .hasMessageContaining("Export").hasMessageContaining("BYPASSRLS");
        assertThat(value(pg17, pg17.database(), "SELECT count(*) FROM pg_class WHERE relkind = 'r' AND relnamespace NOT IN "
                + "('pg_catalog'::regnamespace, 'information_schema'::regnamespace)")).as("nothing written").isEqualTo("0");

        execute(pg17, "postgres", "ALTER ROLE " + role + " BYPASSRLS");
        CloneResult result = new Clone(new Connector()).run(asCloner, CopyProgress.NONE);

        assertThat(result.passed()).as("%s", result.move().validation()).isTrue();
        assertThat(value(pg17, pg17.database(), "SELECT relforcerowsecurity FROM pg_class WHERE oid = '\"bazaar-vid\".\"Export\"'::regclass"))
                .isEqualTo("t");
        String rows = "SELECT count(*) FROM \"bazaar-vid\".\"Export\"";
        assertThat(value(pg17, pg17.database(), rows)).isEqualTo(value(pg13, pg13.database(), rows)).isNotEqualTo("0");
    }

    @Test
    void excludedTableDataIsNotCopiedWhileItsDefinitionIs() throws Exception {
        execute(pg13, pg13.database(), """
                CREATE TABLE orders (id int PRIMARY KEY, note text);
                CREATE TABLE audit_log (id bigserial PRIMARY KEY, order_id int REFERENCES orders, note text);
                INSERT INTO orders SELECT i, 'order ' || i FROM generate_series(1, 1000) i;
                INSERT INTO audit_log (order_id, note) SELECT 1 + i % 1000, 'touched ' || i FROM generate_series(1, 5000) i;
                """);
        CloneRequest leavingOutAudit = new CloneRequest(spec(pg13.url()), spec(pg17.url()), 2, ValidationLevel.FULL, false, List.of("audit_*"));
        CloneRequest leavingOutOrders = new CloneRequest(spec(pg13.url()), spec(pg17.url()), 2, ValidationLevel.FULL, false, List.of("orders"));

        assertThatThrownBy(() -> new Clone(new Connector()).run(leavingOutOrders, CopyProgress.NONE))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("audit_log_order_id_fkey");
        assertThat(value(pg17, pg17.database(), "SELECT count(*) FROM pg_class WHERE relnamespace = 'public'::regnamespace"))
                .as("refused before the schema").isEqualTo("0");

        CloneResult result = new Clone(new Connector()).run(leavingOutAudit, CopyProgress.NONE);

        assertThat(result.passed()).as("%s", result.move().validation()).isTrue();
        assertThat(value(pg17, pg17.database(), "SELECT count(*) FROM orders")).isEqualTo("1000");
        assertThat(value(pg17, pg17.database(), "SELECT count(*) FROM audit_log")).isEqualTo("0");
        assertThat(SchemaDiff.compare(read(pg13, pg13.database()), read(pg17, pg17.database())).differences()).isEmpty();
    }

    private static CloneRequest request() {
        return new CloneRequest(spec(pg13.url()), spec(pg17.url()), 2, ValidationLevel.FULL, false);
    }

    private static ConnectionSpec spec(String url) {
        return new ConnectionResolver(Map.of(), Path.of("/nonexistent")).resolve(new EndpointSource.Url(url));
    }

    private static SchemaModel read(PostgresExtension pg, String database) throws Exception {
        try (Connection c = pg.server().connect(database)) {
            return SchemaSource.read(c, false);
        }
    }

    private static String value(PostgresExtension pg, String database, String sql) throws Exception {
        try (Connection c = pg.server().connect(database); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static void execute(PostgresExtension pg, String database, String sql) throws Exception {
        try (Connection c = pg.server().connect(database); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static String resource(String name) throws Exception {
        try (InputStream in = CloneIT.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
