package io.pgcarry.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgcarry.connect.ConnectionResolver;
import io.pgcarry.connect.ConnectionSpec;
import io.pgcarry.connect.EndpointSource;
import io.pgcarry.embedded.junit.PostgresExtension;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

/** What the schema integration tests do to their databases: run SQL, read a model, apply a script, read one row. */
final class SchemaTestDatabases {
    private SchemaTestDatabases() {
    }

    static void execute(PostgresExtension pg, String database, String sql) throws Exception {
        try (Connection c = pg.server().connect(database); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    static SchemaModel read(PostgresExtension pg, String database, boolean withPrivileges) throws Exception {
        try (Connection c = pg.server().connect(database)) {
            return SchemaReader.read(c, withPrivileges);
        }
    }

    /** Runs a schema script's statements in one transaction. */
    static void apply(PostgresExtension pg, String database, List<ScriptStatement> statements) throws Exception {
        try (Connection c = pg.server().connect(database)) {
            c.setAutoCommit(false);
            ScriptRunner.run(c, statements);
            c.commit();
        }
    }

    /** The first row of {@code sql}, its columns joined by " | ". */
    static String value(PostgresExtension pg, String database, String sql) throws Exception {
        try (Connection c = pg.server().connect(database); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            StringBuilder row = new StringBuilder();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                row.append(i > 1 ? " | " : "").append(rs.getString(i));
            }
            return row.toString();
        }
    }

    /**
     * Runs {@code model}'s schema script (read from {@code source}) in a new database and checks that pg_dump and the
     * model see the copy as the original; returns the copy.
     */
    static String assertScriptRecreates(PostgresExtension pg, String source, SchemaModel model, boolean withPrivileges)
            throws Exception {
        String copy = pg.newDatabase();
        apply(pg, copy, SchemaScript.of(model).statements());
        assertThat(PgDumpOracle.schemaOf(pg.server().url(copy), withPrivileges))
                .isEqualTo(PgDumpOracle.schemaOf(pg.server().url(source), withPrivileges));
        assertThat(SchemaDiff.compare(model, read(pg, copy, withPrivileges)).none()).isTrue();
        return copy;
    }

    static ConnectionSpec spec(PostgresExtension pg, String database) {
        return new ConnectionResolver(Map.of(), Path.of("/nonexistent")).resolve(new EndpointSource.Url(pg.server().url(database)));
    }
}
