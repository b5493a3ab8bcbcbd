package io.pgcarry.schema;

import io.pgcarry.catalog.SqlResource;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The catalog side of subscriptions: whether this role may read them, the query that reads them in the shape of
 * {@link SchemaReader}'s object queries, and what is refused instead of read. A subscription is refused, named, when
 * this role cannot read its connection string, or when that string holds a password: pgcarry never writes one, and
 * writing the subscription without it would be an altered copy.
 */
final class SubscriptionCatalog {
    static final SqlResource SQL = SqlResource.of(SubscriptionCatalog.class);

    private SubscriptionCatalog() {
    }

    /** Whether this role may read every column of {@code pg_subscription}, the connection string included. */
    static boolean readable(Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery(SQL.get("readable"))) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    /**
     * What is refused, each as "kind name (why)": with {@code readable}, the subscriptions read into {@code attributes}
     * whose connection string holds a password, taken out of it (nothing of them stays in the model); otherwise every
     * subscription of the database, by name.
     */
    static List<String> refused(Statement s, boolean readable, Map<ObjectId, Map<String, String>> attributes) throws SQLException {
        return readable ? withholdPasswords(attributes) : unreadable(s);
    }

    private static List<String> withholdPasswords(Map<ObjectId, Map<String, String>> attributes) {
        List<String> refused = new ArrayList<>();
        for (Iterator<Map.Entry<ObjectId, Map<String, String>>> it = attributes.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<ObjectId, Map<String, String>> entry = it.next();
            if (entry.getKey().kind() == ObjectKind.SUBSCRIPTION && Conninfo.holdsPassword(entry.getValue().get("conninfo"))) {
                it.remove();
                refused.add(entry.getKey() + " (its connection string holds a password, which pgcarry never writes: move the"
                        + " password to the subscriber's password file, ~/.pgpass or passfile=, so that the connection string holds none)");
            }
        }
        return refused;
    }

    private static List<String> unreadable(Statement s) throws SQLException {
        List<String> refused = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(SQL.get("unreadable"))) {
            while (rs.next()) {
                refused.add(new ObjectId(ObjectKind.SUBSCRIPTION, null, rs.getString(1), null)
                        + " (its connection string is readable by superusers only: a superuser is needed to carry it)");
            }
        }
        return refused;
    }
}
