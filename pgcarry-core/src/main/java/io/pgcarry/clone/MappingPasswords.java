package io.pgcarry.clone;

import io.pgcarry.error.DatabaseException;
import io.pgcarry.schema.ObjectId;
import io.pgcarry.schema.ObjectKind;
import io.pgcarry.schema.SchemaModel;
import io.pgcarry.schema.SchemaObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.postgresql.util.PSQLException;

/**
 * Carries the password options of user mappings, which the schema model and script never hold, from the source to the
 * target, database to database. The value travels only as a query result and a bound parameter, never in the text of a
 * statement, so {@code --verbose}'s statement log and the server's statement log do not see it, and an error names the
 * mapping, never the value.
 */
final class MappingPasswords {
    private static final String READ = """
            SELECT o.option_name, o.option_value
              FROM pg_catalog.pg_user_mappings u, pg_catalog.pg_options_to_table(u.umoptions) o
             WHERE u.srvname = ? AND CASE WHEN u.umuser = 0 THEN 'PUBLIC' ELSE pg_catalog.quote_ident(u.usename) END = ?
               AND o.option_name ~* 'password'""";
    private static final String SET = "SELECT pg_catalog.set_config('pgcarry.mapping_' || ?, ?, true)";
    /** The mapping's role is already SQL (a quoted name or PUBLIC), as the model holds it. */
    private static final String ADD = """
            DO $$BEGIN EXECUTE pg_catalog.format('ALTER USER MAPPING FOR %s SERVER %I OPTIONS (ADD %I %L)',
                pg_catalog.current_setting('pgcarry.mapping_role'), pg_catalog.current_setting('pgcarry.mapping_server'),
                pg_catalog.current_setting('pgcarry.mapping_option'), pg_catalog.current_setting('pgcarry.mapping_value')); END$$""";

    private MappingPasswords() {
    }

    /** Adds each withheld option of {@code source}'s user mappings to the target's; returns how many. */
    static int copy(Connection from, Connection to, SchemaModel source) throws SQLException {
        int copied = 0;
        to.setAutoCommit(false);
        try (PreparedStatement read = from.prepareStatement(READ); PreparedStatement set = to.prepareStatement(SET);
             Statement add = to.createStatement()) {
            for (SchemaObject mapping : source.ofKind(ObjectKind.USER_MAPPING)) {
                if (mapping.attribute("withheld") == null) {
                    continue;
                }
                read.setString(1, mapping.id().parent());
                read.setString(2, mapping.id().name());
                try (ResultSet rs = read.executeQuery()) {
                    while (rs.next()) {
                        bind(set, "role", mapping.id().name());
                        bind(set, "server", mapping.id().parent());
                        bind(set, "option", rs.getString(1));
                        bind(set, "value", rs.getString(2));
                        execute(add, mapping.id());
                        copied++;
                    }
                }
            }
            to.commit();
        } finally {
            if (!to.getAutoCommit()) {
                to.rollback();
                to.setAutoCommit(true);
            }
        }
        return copied;
    }

    private static void bind(PreparedStatement set, String name, String value) throws SQLException {
        set.setString(1, name);
        set.setString(2, value);
        set.execute();
    }

    /** PostgreSQL's context of a failure inside the DO block quotes the statement, value and all: it is left out. */
    private static void execute(Statement add, ObjectId mapping) {
        try {
            add.execute(ADD);
        } catch (SQLException e) {
            String message = e instanceof PSQLException p && p.getServerErrorMessage() != null
                    ? p.getServerErrorMessage().getMessage() : "the statement failed";
            throw new DatabaseException("setting the password options of " + mapping + " on the target failed: ["
                    + e.getSQLState() + "] " + message, e.getSQLState(), null);
        }
    }
}
