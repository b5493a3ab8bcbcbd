package io.pgcarry.backup;

import io.pgcarry.catalog.QualifiedName;
import io.pgcarry.copy.CopyProgress;
import io.pgcarry.hash.ContentHash;
import io.pgcarry.hash.ContentTotals;
import io.pgcarry.hash.TextHash;
import io.pgcarry.load.LoadGraph.Step;
import io.pgcarry.load.LoadGraph;
import io.pgcarry.parallel.TaskGraph.Task;
import io.pgcarry.schema.LoadRole;
import io.pgcarry.schema.ScriptRunner;
import io.pgcarry.schema.ScriptStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * What a restore does between the pre-data and the row-security switches, as one {@link LoadGraph}, so no worker
 * idles while another builds a big table's key: every data file is a load, biggest first; keys, indexes and foreign
 * keys between plain tables are scheduled from the structure the archive records for them ({@link LoadRole}); each
 * table is counted and hashed against the manifest once its files are in, and analysed once its indexes exist; the
 * rest of post-data (partition indexes, triggers, policies, comments, what older archives do not describe) runs in one
 * transaction after all of that. Partitioned tables, whose queries lock every partition, are validated and analysed
 * after post-data.
 */
final class RestoreTasks {
    private static final String POST_DATA = "post-data";

    private final DataLoads loader;
    private final Manifest manifest;
    private final CopyProgress progress;
    private final Map<String, RestoredTable> validated = new ConcurrentHashMap<>();

    /** The encoding the manifest's row hashes were taken in, when the target's differs; else null. */
    private final String hashEncoding;
    private final String targetEncoding;

    RestoreTasks(Archive archive, Manifest manifest, CopyProgress progress, String targetEncoding, int jobs) {
        this.loader = new DataLoads(archive, manifest, progress, jobs);
        this.manifest = manifest;
        this.progress = progress;
        String archived = manifest.source().encoding();
        this.hashEncoding = archived == null || archived.equalsIgnoreCase(targetEncoding) ? null : archived;
        this.targetEncoding = targetEncoding;
    }

    /** The tasks, in the order a free worker prefers them; {@code postData} leaves out the row-security switches. */
    List<Task> tasks(List<ScriptStatement> postData) {
        Map<QualifiedName, Long> plainTableBytes = manifest.tables().stream().filter(t -> !t.partitioned())
                .collect(Collectors.toMap(Manifest.Table::qualifiedName, Manifest.Table::sizeBytes));
        LoadGraph graph = new LoadGraph(plainTableBytes, progress::phase);
        loader.addTo(graph);
        List<ScriptStatement> rest = new ArrayList<>();
        int number = 0;
        for (ScriptStatement statement : postData) {
            LoadRole load = statement.load();
            QualifiedName table = load == null ? null : new QualifiedName(statement.object().schema(), statement.object().table().name());
            boolean scheduled = load != null && plainTableBytes.containsKey(table)
                    && (load.kind() != LoadRole.Kind.FOREIGN_KEY || plainTableBytes.containsKey(load.references()));
            if (scheduled) {
                schedule(graph, statement, load, table, number++);
            } else {
                rest.add(statement);
            }
        }
        for (Manifest.Table table : manifest.tables()) {
            // A partitioned table's queries lock every partition: it is validated and analysed after post-data, so that
            // no two tasks wait for each other's locks.
            QualifiedName name = table.qualifiedName();
            if (table.partitioned()) {
                graph.afterThat(Step.ANALYZE, name, "analyze " + name.sql(), c -> analyze(c, table));
                graph.afterThat(Step.READ, name, "validate " + name.sql(), c -> validate(c, table));
            } else {
                graph.add(Step.READ, name, "validate " + name.sql(), c -> validate(c, table));
                graph.add(Step.ANALYZE, name, "analyze " + name.sql(), c -> analyze(c, table));
            }
        }
        graph.afterAll(POST_DATA, "constraints, triggers and policies", c -> ScriptRunner.runAndCommit(c, rest));
        return graph.tasks();
    }

    /**
     * A build of a plain table the graph schedules beside the loads: a key (in two steps where it can be, see
     * {@link LoadRole}), an index, or a foreign key between two plain tables, added NOT VALID and then validated.
     */
    private static void schedule(LoadGraph graph, ScriptStatement statement, LoadRole load, QualifiedName table, int number) {
        String name = statement.object().name();
        List<ScriptStatement> steps = load.steps().stream().map(sql -> new ScriptStatement(sql, statement.section(), statement.object()))
                .toList();
        switch (load.kind()) {
            case KEY -> graph.add(load.inTwoSteps() ? Step.KEY_IN_TWO_STEPS : Step.KEY, table, "build " + number + " " + statement.object(),
                    c -> build(c, load.inTwoSteps() ? steps : List.of(statement)));
            case INDEX -> graph.add(Step.INDEX, table, "build " + number + " " + statement.object(), c -> build(c, List.of(statement)));
            case FOREIGN_KEY -> {
                graph.foreignKey(Step.FOREIGN_KEY, table, name, load.references(), "foreign key " + number + " " + statement.object(),
                        c -> ScriptRunner.runAndCommit(c, load.inTwoSteps() ? steps.subList(0, 1) : List.of(statement)));
                if (load.inTwoSteps()) {
                    graph.foreignKey(Step.VALIDATE, table, name, load.references(), "validate foreign key " + number + " "
                            + statement.object(), c -> ScriptRunner.runAndCommit(c, steps.subList(1, 2)));
                }
            }
        }
    }

    /** Rows loaded per table, by qualified name. */
    Map<String, Long> loaded() {
        return loader.loaded();
    }

    /** Every table's comparison with the manifest, by qualified name. */
    List<RestoredTable> validated() {
        return new ArrayList<>(new TreeMap<>(validated).values());
    }

    private static void build(Connection c, List<ScriptStatement> statements) throws SQLException {
        try (Statement s = c.createStatement()) {
            // A key of a big table sorts in memory instead of in temporary files; the session's own setting.
            s.execute("SET maintenance_work_mem = '256MB'");
        }
        ScriptRunner.runAndCommit(c, statements);
    }

    /** Counts and hashes a table on the target and compares both with the manifest. */
    private void validate(Connection c, Manifest.Table table) throws SQLException {
        List<String> names = table.columns().stream().map(Manifest.Column::name).toList();
        String from = table.rowsSql();
        long[] totals;
        if (manifest.formatVersion() == Manifest.ROW_TEXT_HASH_FORMAT) {
            ContentHash hash = ContentHash.ofRowText(names);
            totals = hashEncoding == null ? onTheServer(c, hash, from) : inEncoding(c, hash, from, hashEncoding);
        } else {
            // Strings hash over their UTF8 bytes on both sides, whatever the two encodings.
            ContentHash hash = ContentHash.ofColumns(names, table.columns().stream().map(Manifest.Column::type).toList())
                    .inEncodings(manifest.source().encoding(), targetEncoding);
            totals = onTheServer(c, hash, from);
        }
        long rows = totals[0];
        String value = ContentHash.value(rows, totals[1]);
        validated.put(key(table), new RestoredTable(table.qualifiedName().toString(), table.rows(), rows, table.contentHash(), value,
                rows == table.rows() && value.equals(table.contentHash()) && loader.loaded().getOrDefault(key(table), 0L) == table.rows()));
    }

    private static long[] onTheServer(Connection c, ContentHash hash, String from) throws SQLException {
        ContentTotals totals = hash.totals(c, false, from);
        return new long[] {totals.rows(), totals.sum()};
    }

    /**
     * {rows, row-text hash sum} (archives of format 1) with each row's text converted to {@code encoding} before it
     * is hashed: the source server
     * hashed its own bytes, and a target in another encoding (a LATIN1 archive restored into UTF8) holds the same
     * text in other bytes. The server converts, the client hashes, row by row in a cursor.
     */
    private static long[] inEncoding(Connection c, ContentHash hash, String from, String encoding) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try (PreparedStatement s = c.prepareStatement("SELECT convert_to(" + hash.rowText(false) + ", ?) FROM " + from)) {
            s.setString(1, encoding);
            s.setFetchSize(10_000);
            long rows = 0;
            long sum = 0;
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    byte[] text = rs.getBytes(1);
                    rows++;
                    sum += TextHash.of(text, 0, text.length);
                }
            }
            return new long[] {rows, sum};
        } finally {
            c.commit();
            c.setAutoCommit(autoCommit);
        }
    }

    private static void analyze(Connection c, Manifest.Table table) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("ANALYZE " + table.qualifiedName().sql());
        }
        if (!c.getAutoCommit()) {
            c.commit();
        }
    }

    /** A table's name as resources and maps know it: quoted, so no two tables can share it. */
    private static String key(Manifest.Table table) {
        return table.qualifiedName().sql();
    }
}
