package io.pgcarry.migrate.apply;

import io.pgcarry.connect.Connector;
import io.pgcarry.embedded.EmbeddedPostgres;
import io.pgcarry.embedded.junit.PostgresExtension;
import io.pgcarry.migrate.MigrationFixtures;
import io.pgcarry.migrate.MigrationStatus;
import io.pgcarry.migrate.MigrationTool;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Migration directories, a non-superuser to apply them as, and reading back what apply left, for the apply ITs. */
final class ApplyFixtures {
    /** The columns, constraints and indexes of a table, as text that two databases can compare. */
    private static final String SHAPE = """
            SELECT 'column ' || a.attname || ' ' || pg_catalog.format_type(a.atttypid, a.atttypmod)
                   || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END
                   || COALESCE(' default ' || pg_catalog.pg_get_expr(d.adbin, d.adrelid), '')
              FROM pg_catalog.pg_attribute a
              LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
             WHERE a.attrelid = '%1$s'::pg_catalog.regclass AND a.attnum > 0 AND NOT a.attisdropped
            UNION ALL
            SELECT 'constraint ' || conname || ' ' || pg_catalog.pg_get_constraintdef(oid)
              FROM pg_catalog.pg_constraint WHERE conrelid = '%1$s'::pg_catalog.regclass
            UNION ALL
            SELECT 'index ' || pg_catalog.pg_get_indexdef(indexrelid)
              FROM pg_catalog.pg_index WHERE indrelid = '%1$s'::pg_catalog.regclass
            ORDER BY 1""";

    private ApplyFixtures() {
    }

    /**
     * A role that is no superuser, may create schemas in the current test's database and tables in its public schema (as
     * an application's migration role may), and the URL to log in as it.
     */
    static String appRole(PostgresExtension pg) {
        String role = "app_" + pg.database();
        MigrationFixtures.sql(pg, "CREATE ROLE " + role + " LOGIN; GRANT CREATE ON DATABASE " + pg.database() + " TO " + role
                + "; GRANT CREATE ON SCHEMA public TO " + role);
        return pg.url().replace("//" + EmbeddedPostgres.SUPERUSER + "@", "//" + role + "@");
    }

    static ApplyRequest request(String url, Path dir, MigrationTool tool) {
        return new ApplyRequest(MigrationFixtures.spec(url), dir, tool, null, false, ApplyRequest.DEFAULT_LOCK_TIMEOUT,
                ApplyRequest.DEFAULT_RETRIES, Duration.ofMillis(200), false);
    }

    static ApplyResult apply(String url, Path dir, MigrationTool tool) {
        return apply(request(url, dir, tool));
    }

    static ApplyResult apply(ApplyRequest request) {
        return new MigrateApply(new Connector()).apply(request, ApplyProgress.NONE);
    }

    static MigrationStatus status(String url, Path dir, MigrationTool tool) {
        return MigrationFixtures.status(url, dir, tool, null);
    }

    /** The rows of {@code query} in the current test's database, each as its columns joined by {@code |}. */
    static List<String> rows(PostgresExtension pg, String query) {
        return rows(pg, pg.database(), query);
    }

    static List<String> rows(PostgresExtension pg, String database, String query) {
        List<String> rows = new ArrayList<>();
        try (Connection c = pg.server().connect(database); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    values.add(rs.getString(i));
                }
                rows.add(String.join("|", values));
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code table}'s columns, constraints and indexes in {@code database}. */
    static List<String> shape(PostgresExtension pg, String database, String table) {
        return rows(pg, database, SHAPE.formatted(table));
    }

    /** The same table as the tool creates it ({@code ddl}), in a database of its own: what apply's table must equal. */
    static List<String> referenceShape(PostgresExtension pg, String ddl, String table) {
        String reference = pg.newDatabase();
        try (Connection c = pg.server().connect(reference); Statement s = c.createStatement()) {
            s.execute(ddl);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return shape(pg, reference, table);
    }

    /** Whether any index of the current test's database is INVALID. */
    static List<String> invalidIndexes(PostgresExtension pg) {
        return rows(pg, "SELECT indexrelid::regclass FROM pg_index WHERE NOT indisvalid");
    }
}
