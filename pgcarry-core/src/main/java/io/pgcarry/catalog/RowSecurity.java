package io.pgcarry.catalog;

import io.pgcarry.error.DatabaseException;
import io.pgcarry.error.SqlErrors;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Which tables row-level security policies apply to for the connected role. Such a role sees and writes only the
 * rows its policies allow: a copy, a backup or a hash of such a table would silently miss rows, and a comparison of
 * two filtered sides would pass. pgcarry's sessions run with {@code row_security = off}, so a read the policies would
 * filter fails instead (as pg_dump's do); this class names those tables all at once, before any work starts.
 */
public final class RowSecurity {
    // Tables found by schema and name in the catalog, not through regclass, whose name lookup fails in a schema the
    // role may not use: check lists that schema as a problem of its own and must get this far.
    private static final String FILTERED = """
            SELECT u.n FROM unnest(?::text[], ?::text[]) WITH ORDINALITY AS u(s, t, n)
              JOIN pg_namespace ns ON ns.nspname = u.s
              JOIN pg_class c ON c.relnamespace = ns.oid AND c.relname = u.t
             WHERE row_security_active(c.oid)
             ORDER BY u.n
            """;

    private RowSecurity() {
    }

    /** The given tables whose rows policies filter for the connected role, in the given order. */
    public static List<QualifiedName> filtered(Connection c, Collection<QualifiedName> tables) {
        if (tables.isEmpty()) {
            return List.of();
        }
        List<QualifiedName> names = List.copyOf(tables);
        try (PreparedStatement ps = c.prepareStatement(FILTERED)) {
            Array schemas = c.createArrayOf("text", names.stream().map(QualifiedName::schema).toArray());
            Array relations = c.createArrayOf("text", names.stream().map(QualifiedName::name).toArray());
            ps.setArray(1, schemas);
            ps.setArray(2, relations);
            List<QualifiedName> result = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.add(names.get(rs.getInt(1) - 1));
                }
            }
            return result;
        } catch (SQLException e) {
            throw SqlErrors.translate("looking for row-level security", e);
        }
    }

    /** What to do about a table whose rows policies filter for the connected role. */
    public static String advice() {
        return "connect as a role with BYPASSRLS, or as the table's owner when the table does not FORCE ROW LEVEL SECURITY";
    }

    /**
     * Fails, naming every such table, when policies filter rows of any of {@code tables} on this side.
     *
     * @param side  how the message names the database, e.g. "the source"
     */
    public static void require(Connection c, Collection<QualifiedName> tables, String side) {
        List<QualifiedName> filtered = filtered(c, tables);
        if (!filtered.isEmpty()) {
            throw new DatabaseException("row-level security policies filter the rows of " + filtered.stream().map(QualifiedName::toString)
                    .collect(Collectors.joining(", ")) + " on " + side + " for this role, so rows would be missed; " + advice(),
                    "42501", null);
        }
    }
}
