package io.pgcarry.tables;

import io.pgcarry.catalog.Catalog;
import io.pgcarry.catalog.CatalogReader;
import io.pgcarry.catalog.QualifiedName;
import io.pgcarry.catalog.Table;
import io.pgcarry.connect.ConnectionSpec;
import io.pgcarry.connect.Connector;
import io.pgcarry.error.SqlErrors;
import io.pgcarry.plan.Mapping;
import io.pgcarry.schema.ObjectKind;
import io.pgcarry.schema.SchemaSnapshots;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code pgcarry tables}: each table of a database with what uses it, those nothing uses first, and, when SOURCE is
 * given, whether SOURCE has it. Reads the target in one read-only transaction; writes nothing.
 */
public final class Tables {
    private static final Comparator<TableUsage> ORDER = Comparator.comparing(TableUsage::verdict)
            .thenComparing(t -> Boolean.TRUE.equals(t.inSource()))
            .thenComparing(TableUsage::qualifiedName);

    private final Connector connector;

    public Tables(Connector connector) {
        this.connector = connector;
    }

    public TablesReport read(TablesRequest request) {
        Set<QualifiedName> source = request.hasSource() ? sourceTables(request) : null;
        ConnectionSpec target = request.target();
        try (Connection c = connector.open(target)) {
            c.setReadOnly(true);
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            TablesReport report = read(c, request, source);
            c.commit();
            return report;
        } catch (SQLException e) {
            throw SqlErrors.translate("reading the tables of " + target.address(), e);
        }
    }

    private static TablesReport read(Connection c, TablesRequest request, Set<QualifiedName> source) throws SQLException {
        Catalog catalog = CatalogReader.read(c);
        request.selection().requireEveryPatternMatches(catalog.tables().keySet(), Mapping.EMPTY, "the target");
        List<Table> chosen = new ArrayList<>();
        List<String> leftOut = new ArrayList<>();
        for (Table table : catalog.tables().values()) {
            if (request.selection().isDefaultExcluded(table.name()) && request.selection().isIncluded(table.name())) {
                leftOut.add(table.name().toString());
            } else if (request.selection().selects(table.name(), Mapping.EMPTY)) {
                chosen.add(table);
            }
        }
        TableUsageReader.Reading reading = TableUsageReader.read(c, catalog, chosen, request.exact());
        List<TableUsage> tables = reading.tables().stream()
                .map(t -> source == null ? t : t.withInSource(source.contains(t.qualifiedName())))
                .sorted(ORDER).toList();
        return new TablesReport(request.target().redactedUrl(), sourceLabel(request), reading.serverVersion(), reading.user(),
                reading.statsReset(), reading.trackCounts(), tables, leftOut, notes(reading));
    }

    private static List<String> notes(TableUsageReader.Reading reading) {
        List<String> notes = new ArrayList<>(reading.notes());
        if (!reading.trackCounts()) {
            notes.add("track_counts is off on this server: nothing counts writes or scans, so no table shows as read or "
                    + "written, and unused only means that nothing in the database refers to it");
        }
        return notes;
    }

    /** The tables SOURCE has: a live database's, read as the target's are, or a snapshot's. */
    private Set<QualifiedName> sourceTables(TablesRequest request) {
        if (request.sourceSnapshot() != null) {
            return SchemaSnapshots.read(request.sourceSnapshot()).ofKind(ObjectKind.TABLE).stream()
                    .map(o -> new QualifiedName(o.id().schema(), o.id().name())).collect(Collectors.toSet());
        }
        ConnectionSpec spec = request.sourceDatabase();
        try (Connection c = connector.open(spec)) {
            c.setReadOnly(true);
            return Set.copyOf(CatalogReader.read(c).tables().keySet());
        } catch (SQLException e) {
            throw SqlErrors.translate("reading the tables of " + spec.address(), e);
        }
    }

    private static String sourceLabel(TablesRequest request) {
        return request.sourceSnapshot() != null ? request.sourceSnapshot().toString()
                : request.sourceDatabase() != null ? request.sourceDatabase().redactedUrl() : null;
    }
}
