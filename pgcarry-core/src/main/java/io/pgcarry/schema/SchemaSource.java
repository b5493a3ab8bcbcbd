package io.pgcarry.schema;

import io.pgcarry.connect.ConnectionSpec;
import io.pgcarry.connect.Connector;
import io.pgcarry.connect.Sessions;
import io.pgcarry.error.SqlErrors;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** Reads the schema of a live database in one consistent, read-only snapshot. */
public final class SchemaSource {
    private final Connector connector;

    public SchemaSource(Connector connector) {
        this.connector = connector;
    }

    public SchemaModel read(ConnectionSpec spec, boolean withPrivileges) {
        try (Connection connection = Sessions.prepare(connector.open(spec))) {
            return read(connection, withPrivileges);
        } catch (SQLException e) {
            throw SqlErrors.translate("reading the schema", e);
        }
    }

    /** Reads on an open connection, in a repeatable-read transaction of its own. */
    public static SchemaModel read(Connection connection, boolean withPrivileges) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement s = connection.createStatement()) {
            s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            SchemaModel model = SchemaReader.read(connection, withPrivileges);
            connection.commit();
            return model;
        } finally {
            if (connection.getAutoCommit() != autoCommit) {
                connection.rollback();
                connection.setAutoCommit(autoCommit);
            }
        }
    }
}
