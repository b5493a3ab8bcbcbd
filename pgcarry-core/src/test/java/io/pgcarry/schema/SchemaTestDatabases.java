package io.pgcarry.schema;

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

    static ConnectionSpec spec(PostgresExtension pg, String database) {
        return new ConnectionResolver(Map.of(), Path.of("/nonexistent")).resolve(new EndpointSource.Url(pg.server().url(database)));
    }
}
