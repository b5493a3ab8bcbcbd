package io.pgcarry.tables;

import io.pgcarry.catalog.Catalog;
import io.pgcarry.catalog.QualifiedName;
import io.pgcarry.catalog.SqlResource;
import io.pgcarry.catalog.Table;
import io.pgcarry.catalog.Trigger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads, in the caller's transaction, what uses each of a list of tables: their statistics (read before anything
 * else, since {@code --exact}'s counts are scans that the statistics count too), what {@code pg_depend} records as
 * using them, their policies and the function bodies that name them. Foreign keys and triggers come from the
 * {@link Catalog} already read.
 */
public final class TableUsageReader {
    private static final SqlResource SQL = SqlResource.of(TableUsageReader.class);

    private final Connection connection;
    private final Catalog catalog;
    private final List<Table> tables;

    /**
     * What was read.
     *
     * @param tables one entry per table, in the order asked, not yet marked against a SOURCE
     * @param notes  what could not be seen or counted
     */
    public record Reading(int serverVersion, Instant statsReset, boolean trackCounts, String user, List<TableUsage> tables,
                          List<String> notes) {
        public Reading {
            tables = List.copyOf(tables);
            notes = List.copyOf(notes);
        }
    }

    private TableUsageReader(Connection connection, Catalog catalog, List<Table> tables) {
        this.connection = connection;
        this.catalog = catalog;
        this.tables = List.copyOf(tables);
    }

    /** Reads the usage of {@code tables} (of {@code catalog}) through {@code connection}; {@code exact} counts their rows. */
    public static Reading read(Connection connection, Catalog catalog, List<Table> tables, boolean exact) throws SQLException {
        return new TableUsageReader(connection, catalog, tables).read(exact);
    }

    private Reading read(boolean exact) throws SQLException {
        Reading database = database();
        Map<QualifiedName, TableStats> stats = stats();
        Map<QualifiedName, List<Dependent>> dependents = dependents();
        Map<QualifiedName, List<String>> policies = policies();
        FunctionBodies bodies = new FunctionBodies(functions());
        List<String> notes = new ArrayList<>();
        Map<QualifiedName, Long> counted = exact ? count(stats, notes) : Map.of();
        String since = database.statsReset() == null ? "since the statistics began" : "since the statistics reset";
        List<TableUsage> result = new ArrayList<>();
        for (Table table : tables) {
            QualifiedName name = table.name();
            List<Dependent> uses = withMentions(dependents.getOrDefault(name, List.of()), bodies.mentioning(name.name()));
            result.add(usage(table, stats.get(name), counted.get(name), uses, policies.getOrDefault(name, List.of()), since));
        }
        return new Reading(database.serverVersion(), database.statsReset(), database.trackCounts(), database.user(), result, notes);
    }

    private TableUsage usage(Table table, TableStats stats, Long counted, List<Dependent> dependents, List<String> policies,
                             String since) {
        QualifiedName name = table.name();
        List<ForeignKeyLink> in = catalog.foreignKeys().stream().filter(k -> name.equals(k.references())).map(ForeignKeyLink::of).toList();
        List<ForeignKeyLink> out = catalog.foreignKeys().stream().filter(k -> k.table().equals(name))
                .map(ForeignKeyLink::of).filter(k -> !k.selfReference()).toList();
        List<String> triggers = catalog.triggersOf(name).stream().map(Trigger::name).toList();
        Verdicts.Judgement judgement = Verdicts.judge(stats.activity(), in, dependents, since);
        return new TableUsage(name.schema(), name.name(), table.partitioned(), stats.partitions(),
                counted != null ? counted : stats.rows(), counted != null ? RowSource.EXACT : stats.rowSource(), stats.bytes(),
                stats.activity(), stats.maintenance(), in, out, dependents, triggers, policies, null, judgement.verdict(),
                judgement.reasons());
    }

    /** What pg_depend recorded, then the functions whose bodies name the table and that pg_depend did not already name. */
    private static List<Dependent> withMentions(List<Dependent> recorded, List<Dependent> mentioned) {
        Set<String> known = recorded.stream().map(Dependent::object).collect(Collectors.toSet());
        List<Dependent> all = new ArrayList<>(recorded);
        mentioned.stream().filter(d -> !known.contains(d.object())).forEach(all::add);
        return all;
    }

    private Reading database() throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(SQL.get("database"))) {
            rs.next();
            return new Reading(rs.getInt(1), instant(rs, 2), rs.getBoolean(3), rs.getString(4), List.of(), List.of());
        }
    }

    private Map<QualifiedName, TableStats> stats() throws SQLException {
        Map<QualifiedName, TableStats> result = new HashMap<>();
        try (PreparedStatement s = ofTables("tables"); ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                Activity activity = new Activity(rs.getLong(9), rs.getLong(10), rs.getLong(11), rs.getLong(12), rs.getLong(13),
                        instant(rs, 14));
                Maintenance maintenance = new Maintenance(instant(rs, 15), instant(rs, 16), instant(rs, 17), instant(rs, 18));
                result.put(name(rs), new TableStats(rs.getInt(3), rs.getLong(4), rs.getBoolean(5), rs.getBoolean(6),
                        rs.getLong(8), activity, maintenance, rs.getBoolean(19)));
            }
        }
        return result;
    }

    private Map<QualifiedName, List<Dependent>> dependents() throws SQLException {
        Map<QualifiedName, List<Dependent>> result = new HashMap<>();
        try (PreparedStatement s = ofTables("dependents"); ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                result.computeIfAbsent(name(rs), n -> new ArrayList<>()).add(new Dependent(Dependent.Kind.of(rs.getString(3)),
                        rs.getString(4), Dependent.Evidence.CATALOG, List.of()));
            }
        }
        return result;
    }

    private Map<QualifiedName, List<String>> policies() throws SQLException {
        Map<QualifiedName, List<String>> result = new HashMap<>();
        try (PreparedStatement s = ofTables("policies"); ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                result.computeIfAbsent(name(rs), n -> new ArrayList<>()).add(rs.getString(3));
            }
        }
        return result;
    }

    private List<FunctionBodies.Function> functions() throws SQLException {
        List<FunctionBodies.Function> result = new ArrayList<>();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(SQL.get("functions"))) {
            while (rs.next()) {
                result.add(new FunctionBodies.Function(rs.getString(1), rs.getString(2),
                        Arrays.asList((String[]) rs.getArray(3).getArray())));
            }
        }
        return result;
    }

    /** {@code count(*)} of each table the role may read; the others keep their estimates, named in a note. */
    private Map<QualifiedName, Long> count(Map<QualifiedName, TableStats> stats, List<String> notes) throws SQLException {
        Map<QualifiedName, Long> result = new HashMap<>();
        List<String> unreadable = new ArrayList<>();
        try (Statement s = connection.createStatement()) {
            for (Table table : tables) {
                if (!stats.get(table.name()).canSelect()) {
                    unreadable.add(table.name().toString());
                    continue;
                }
                try (ResultSet rs = s.executeQuery("select count(*) from " + Table.rowsSql(table.name(), table.partitioned()))) {
                    rs.next();
                    result.put(table.name(), rs.getLong(1));
                }
            }
        }
        if (!unreadable.isEmpty()) {
            notes.add("no SELECT privilege on " + String.join(", ", unreadable) + ": their rows are estimates, not counts");
        }
        return result;
    }

    /** A statement of the resource run over the tables asked for, bound as arrays of schemas and names. */
    private PreparedStatement ofTables(String name) throws SQLException {
        PreparedStatement s = connection.prepareStatement(SQL.get("members") + "\n" + SQL.get(name));
        try {
            s.setArray(1, connection.createArrayOf("text", tables.stream().map(t -> t.name().schema()).toArray()));
            s.setArray(2, connection.createArrayOf("text", tables.stream().map(t -> t.name().name()).toArray()));
            return s;
        } catch (SQLException e) {
            s.close();
            throw e;
        }
    }

    private static QualifiedName name(ResultSet rs) throws SQLException {
        return new QualifiedName(rs.getString(1), rs.getString(2));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
