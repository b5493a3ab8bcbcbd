package io.pgcarry.ping;

import io.pgcarry.connect.ConnectionSpec;
import io.pgcarry.connect.Connector;
import io.pgcarry.error.SqlErrors;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Connects once and reads the server's version, the role's powers and the database's size. */
public final class Ping {
    private static final String QUERY = """
            select current_setting('server_version'),
                   current_setting('server_version_num')::int,
                   current_user,
                   (select rolsuper from pg_roles where rolname = current_user),
                   current_database(),
                   pg_encoding_to_char(d.encoding),
                   pg_database_size(d.oid)
              from pg_database d
             where d.datname = current_database()
            """;

    private final Connector connector;

    public Ping(Connector connector) {
        this.connector = connector;
    }

    public PingResult ping(ConnectionSpec spec) {
        try (Connection c = connector.open(spec); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(QUERY)) {
            rs.next();
            return new PingResult(spec.redactedUrl(), rs.getString(1), rs.getInt(2), rs.getString(3), rs.getBoolean(4),
                    rs.getString(5), rs.getString(6), rs.getLong(7), spec.warnings());
        } catch (SQLException e) {
            throw SqlErrors.translate("reading server information from " + spec.address(), e);
        }
    }
}
