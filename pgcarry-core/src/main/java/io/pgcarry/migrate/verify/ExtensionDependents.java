package io.pgcarry.migrate.verify;

import io.pgcarry.catalog.SqlResource;
import io.pgcarry.connect.ConnectionSpec;
import io.pgcarry.connect.Connector;
import io.pgcarry.error.SqlErrors;
import io.pgcarry.schema.ObjectId;
import io.pgcarry.schema.ObjectKind;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The target's objects that depend directly on what an extension made (a column of its type, an index of its operator
 * class, a view calling its function), named as {@link io.pgcarry.schema.SchemaReader} names them: the throw-away
 * server, which lacks the extension, cannot have them. Read-only.
 */
final class ExtensionDependents {
    private static final SqlResource SQL = SqlResource.of(ExtensionDependents.class);

    private ExtensionDependents() {
    }

    static Set<ObjectId> read(Connector connector, ConnectionSpec target, List<String> extensions) {
        if (extensions.isEmpty()) {
            return Set.of();
        }
        try (Connection c = connector.open(target)) {
            c.setReadOnly(true);
            return read(c, extensions);
        } catch (SQLException e) {
            throw SqlErrors.translate("reading what depends on " + String.join(", ", extensions) + " in " + target.address(), e);
        }
    }

    static Set<ObjectId> read(Connection c, List<String> extensions) throws SQLException {
        Set<ObjectId> dependents = new LinkedHashSet<>();
        try (PreparedStatement ps = c.prepareStatement(SQL.get("dependents"))) {
            Array names = c.createArrayOf("text", extensions.toArray());
            ps.setArray(1, names);
            ps.setArray(2, names);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (rs.getString(1) != null) {
                        dependents.add(new ObjectId(ObjectKind.valueOf(rs.getString(1)), rs.getString(2), rs.getString(3),
                                rs.getString(4)));
                    }
                }
            }
        }
        return dependents;
    }
}
