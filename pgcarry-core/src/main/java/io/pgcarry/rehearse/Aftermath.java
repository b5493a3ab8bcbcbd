package io.pgcarry.rehearse;

import io.pgcarry.catalog.SqlResource;
import io.pgcarry.connect.ConnectionSpec;
import io.pgcarry.connect.Connector;
import io.pgcarry.connect.Sessions;
import io.pgcarry.error.SqlErrors;
import io.pgcarry.plan.Mapping;
import io.pgcarry.plan.TableSelection;
import io.pgcarry.schema.SchemaDiff;
import io.pgcarry.schema.SchemaModel;
import io.pgcarry.schema.SchemaSource;
import io.pgcarry.verify.TableValidation;
import io.pgcarry.verify.Validate;
import io.pgcarry.verify.ValidateRequest;
import io.pgcarry.verify.ValidationLevel;
import io.pgcarry.verify.ValidationReport;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Before and after the migration on the scratch database: the INVALID indexes and NOT VALID constraints it adds, the
 * schema read by {@code pgcarry diff}'s reader and compared by its {@link SchemaDiff}, and, through {@code validate}'s
 * content hash, the untouched tables compared with the live database.
 */
final class Aftermath {
    private static final SqlResource SQL = SqlResource.of(Aftermath.class);

    private final Connector connector;
    private final ConnectionSpec scratch;

    Aftermath(Connector connector, ConnectionSpec scratch) {
        this.connector = connector;
        this.scratch = scratch;
    }

    /** What needs a hand afterwards: what is INVALID or NOT VALID now and was not {@code before}. */
    static Leftovers leftovers(Connection session, Snapshot before, Map<String, Long> deadRows) throws SQLException {
        Snapshot after = snapshot(session);
        return new Leftovers(after.invalid().stream().filter(i -> !before.invalid().contains(i)).toList(),
                after.notValid().stream().filter(k -> !before.notValid().contains(k)).toList(), deadRows);
    }

    /** The INVALID indexes and NOT VALID constraints there are now, read on the rehearsal's own session. */
    static Snapshot snapshot(Connection session) throws SQLException {
        return new Snapshot(strings(session, "invalid-indexes"), strings(session, "not-valid"));
    }

    SchemaModel schema() {
        try (Connection c = Sessions.prepare(connector.open(scratch))) {
            Connector.pinSearchPath(c);
            return SchemaSource.read(c, false);
        } catch (SQLException e) {
            throw SqlErrors.translate("reading the schema of the scratch database", e);
        }
    }

    /** The schema changes since {@code before}, and the untouched tables compared with {@code on}. */
    PostState postState(SchemaModel before, ConnectionSpec on, Set<String> touched) {
        List<String> changes = SchemaDiff.compare(before, schema()).differences().stream()
                .map(d -> d.change().name().toLowerCase(java.util.Locale.ROOT).replace("missing", "removed").replace("extra", "added")
                        + ": " + d.id()).toList();
        ValidationReport report = new Validate(connector).run(new ValidateRequest(on, scratch, Mapping.EMPTY,
                TableSelection.everythingBut(List.copyOf(touched)), ValidationLevel.HASH, 2, 10, false));
        List<String> changed = report.tables().stream().filter(t -> !t.passed()).map(TableValidation::table).toList();
        return new PostState(changes, report.tables().size(), changed);
    }

    /** INVALID indexes and NOT VALID constraints, each sorted. */
    record Snapshot(List<String> invalid, List<String> notValid) {
    }

    private static List<String> strings(Connection c, String query) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(SQL.get(query))) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }
}
