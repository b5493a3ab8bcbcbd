package io.pgcarry.migrate.verify;

import io.pgcarry.connect.ConnectionSpec;
import io.pgcarry.connect.Connector;
import io.pgcarry.connect.Sessions;
import io.pgcarry.error.SqlErrors;
import io.pgcarry.schema.SchemaModel;
import io.pgcarry.schema.SchemaSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code migrate verify} reads of the target, read-only: its major version, its roles (the throw-away server gets
 * them, so that a migration's {@code GRANT} or {@code OWNER TO} runs there as it did here) and its schema.
 *
 * @param major the target's major version
 * @param roles the names of the target's roles, PostgreSQL's own ({@code pg_*}) left out
 * @param model the target's schema, without privileges
 */
record TargetSchema(int major, List<String> roles, SchemaModel model) {
    private static final String ROLES = "SELECT rolname FROM pg_catalog.pg_roles WHERE rolname !~ '^pg_' ORDER BY 1";

    TargetSchema {
        roles = List.copyOf(roles);
    }

    /** The target's major version, read first: the throw-away server of that major starts while the rest is read. */
    static int major(Connector connector, ConnectionSpec target) {
        try (Connection c = connector.open(target); Statement s = c.createStatement()) {
            return major(s);
        } catch (SQLException e) {
            throw SqlErrors.translate("reading the server version of " + target.address(), e);
        }
    }

    private static int major(Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery("SHOW server_version_num")) {
            rs.next();
            return Integer.parseInt(rs.getString(1)) / 10000;
        }
    }

    static TargetSchema read(Connector connector, ConnectionSpec target) {
        try (Connection c = Sessions.prepare(connector.open(target))) {
            c.setReadOnly(true);
            int major;
            List<String> roles = new ArrayList<>();
            try (Statement s = c.createStatement()) {
                major = major(s);
                try (ResultSet rs = s.executeQuery(ROLES)) {
                    while (rs.next()) {
                        roles.add(rs.getString(1));
                    }
                }
            }
            return new TargetSchema(major, roles, SchemaSource.read(c, false));
        } catch (SQLException e) {
            throw SqlErrors.translate("reading the schema of " + target.address(), e);
        }
    }
}
