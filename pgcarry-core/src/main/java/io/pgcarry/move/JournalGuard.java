package io.pgcarry.move;

import io.pgcarry.catalog.Identifiers;
import io.pgcarry.catalog.SqlResource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes sure the journal is pgcarry's alone before pgcarry reads or writes it. A role that could create schema
 * {@code pgcarry} first, or change what is in it, could otherwise make the role running pgcarry (often a superuser)
 * fire its trigger or execute its text. So the schema and every relation in it must be owned by the current role,
 * grant nothing to any other role, and hold no trigger, rule, policy or object pgcarry did not create.
 */
public final class JournalGuard {
    private static final SqlResource SQL = SqlResource.of(JournalGuard.class);
    /** How many offenders the message names; the rest are counted. */
    private static final int NAMED = 3;

    private JournalGuard() {
    }

    /** Refuses, naming what is wrong, unless schema {@code pgcarry} (which must exist) is pgcarry's own. */
    public static void verify(Connection c) throws SQLException {
        List<String> offenders = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(SQL.get("offenders"))) {
            while (rs.next()) {
                offenders.add(rs.getString(2) + " " + rs.getString(3));
            }
        }
        if (offenders.isEmpty()) {
            return;
        }
        String named = String.join("; ", offenders.subList(0, Math.min(NAMED, offenders.size())))
                + (offenders.size() > NAMED ? "; and " + (offenders.size() - NAMED) + " more" : "");
        throw new UnsafeJournalException("pgcarry's journal (schema pgcarry in the target) is not pgcarry's alone: " + named
                + ". pgcarry refuses to use it, since whoever made this could run their code as " + currentUser(c)
                + ". Find out who did; then drop what pgcarry did not create (or DROP SCHEMA pgcarry CASCADE when no pgcarry"
                + " run is unfinished), or make the schema and its tables owned by " + currentUser(c) + " with no grants");
    }

    private static String currentUser(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT CURRENT_USER")) {
            rs.next();
            return Identifiers.display(rs.getString(1));
        }
    }
}
