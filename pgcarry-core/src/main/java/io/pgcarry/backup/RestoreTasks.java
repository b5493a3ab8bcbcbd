package io.pgcarry.backup;

import io.pgcarry.move.CopyProgress;
import io.pgcarry.parallel.TaskGraph;
import io.pgcarry.parallel.TaskGraph.Task;
import io.pgcarry.schema.LoadRole;
import io.pgcarry.schema.ScriptRunner;
import io.pgcarry.schema.ScriptStatement;
import io.pgcarry.verify.ContentHash;
import io.pgcarry.verify.ContentTotals;
import io.pgcarry.verify.TextHash;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * What a restore does between the pre-data and the row-security switches, as one {@link TaskGraph}, so no worker
 * idles while another builds a big table's key: every data file is a task, biggest first; keys and indexes of a
 * plain table start once its files are in (a plain key as a unique index first, see {@link KeyInTwoSteps}); a table
 * is counted and hashed against the manifest as soon as its files are in, beside its own index builds and those of
 * other tables, and analysed once its indexes exist; the rest of post-data (foreign keys, which need those keys and
 * whose checks the statistics help plan, partition indexes, triggers, policies, comments) runs in one transaction
 * once every plain table is built and analysed.
 * <p>
 * Tasks that would only wait on the server for another one's lock do not start together: adding a key in one
 * statement locks its table exclusively, so the table's validation and its other builds wait for it on the client,
 * and the worker takes something else; a key built in two steps takes the table only at its end, briefly. Partitioned
 * tables, whose queries lock every partition, are validated and analysed after post-data, so no two tasks ever wait
 * for each other's locks.
 */
final class RestoreTasks {
    private static final String POST_DATA = "post-data";

    private final DataLoads loader;
    private final Manifest manifest;
    private final CopyProgress progress;
    private final Map<String, RestoredTable> validated = new ConcurrentHashMap<>();
    private final Set<String> stagesStarted = ConcurrentHashMap.newKeySet();

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
        Map<String, Set<String>> loadsOf = new TreeMap<>();
        List<Task> loads = loader.tasks(loadsOf);
        Map<String, Long> plainTableBytes = manifest.tables().stream().filter(t -> !t.partitioned())
                .collect(Collectors.toMap(RestoreTasks::key, Manifest.Table::sizeBytes));
        List<Build> builds = new ArrayList<>();
        List<ScriptStatement> rest = new ArrayList<>();
        Map<ScriptStatement, String> foreignKeys = new java.util.LinkedHashMap<>();
        for (ScriptStatement statement : postData) {
            LoadRole load = statement.load();
            String table = load == null ? null : statement.object().sqlTable();
            if (load == null || !plainTableBytes.containsKey(table)) {
                rest.add(statement);
            } else if (load.kind() == LoadRole.Kind.FOREIGN_KEY) {
                if (plainTableBytes.containsKey(load.references())) {
                    foreignKeys.put(statement, load.references());
                } else {
                    rest.add(statement);
                }
            } else {
                builds.add(build(statement, load, table, builds.size(), loadsOf.getOrDefault(table, Set.of()), plainTableBytes.get(table)));
            }
        }
        List<Task> tasks = new ArrayList<>(loads);
        // Keys first (they hold their table), then biggest table first.
        builds.stream().sorted(Comparator.comparing((Build b) -> !b.key()).thenComparingLong(b -> -b.tableBytes()))
                .forEach(b -> tasks.add(b.task()));
        Map<String, Set<String>> buildsOf = new TreeMap<>();
        builds.forEach(b -> buildsOf.computeIfAbsent(b.table(), k -> new java.util.HashSet<>()).add(b.task().name()));
        Set<String> beforePostData = new java.util.HashSet<>();
        tasks.forEach(t -> beforePostData.add(t.name()));
        List<Manifest.Table> bySize = manifest.tables().stream()
                .sorted(Comparator.comparingLong((Manifest.Table t) -> -t.sizeBytes()).thenComparing(RestoreTasks::key)).toList();
        List<Task> afterPostData = new ArrayList<>();
        Map<String, Set<String>> readyOf = new TreeMap<>();
        for (Manifest.Table table : bySize) {
            Task analyze = Task.of("analyze " + key(table), c -> stage("statistics", () -> analyze(c, table))).shared(key(table));
            if (table.partitioned()) {
                afterPostData.add(analyze.after(Set.of(POST_DATA)));
            } else {
                // A plain table's statistics are taken once its indexes exist (expression indexes have statistics of their
                // own), while other tables still build, and before the foreign keys are checked, whose scans they help plan;
                // they come before the validations in a worker's preference, since post-data waits for them.
                Set<String> before = new java.util.HashSet<>(loadsOf.getOrDefault(key(table), Set.of()));
                before.addAll(buildsOf.getOrDefault(key(table), Set.of()));
                tasks.add(analyze.after(before));
                beforePostData.add(analyze.name());
                before.add(analyze.name());
                readyOf.put(key(table), before);
            }
        }
        // A foreign key between plain tables is added as soon as both are loaded, built and analysed, while other
        // tables still load; two that share a table never run together, as each locks both of its tables.
        int number = 0;
        for (Map.Entry<ScriptStatement, String> entry : foreignKeys.entrySet()) {
            String table = entry.getKey().object().sqlTable();
            String references = entry.getValue();
            Set<String> before = new java.util.HashSet<>(readyOf.getOrDefault(table, Set.of()));
            before.addAll(readyOf.getOrDefault(references, Set.of()));
            Task add = Task.of("foreign key " + number++ + " " + entry.getKey().object(),
                    c -> stage("foreign keys", () -> ScriptRunner.runAndCommit(c, List.of(entry.getKey()))))
                    .after(before).exclusive("fk:" + table).exclusive("fk:" + references);
            tasks.add(add);
            beforePostData.add(add.name());
        }
        for (Manifest.Table table : bySize) {
            Task validate = Task.of("validate " + key(table), c -> stage("validating", () -> validate(c, table))).shared(key(table));
            if (table.partitioned()) {
                afterPostData.add(validate.after(Set.of(POST_DATA)));
            } else {
                tasks.add(validate.after(loadsOf.getOrDefault(key(table), Set.of())));
            }
        }
        tasks.add(Task.of(POST_DATA, c -> stage("constraints, triggers and policies", () -> ScriptRunner.runAndCommit(c, rest)))
                .after(beforePostData));
        tasks.addAll(afterPostData);
        return tasks;
    }

    /** A key or index build of a plain table; keys go first, as they end by taking their table. */
    private record Build(boolean key, long tableBytes, String table, Task task) {
    }

    /**
     * Adding a key in one statement locks its table exclusively; CREATE INDEX lets other readers and index builds in.
     * A key that can be is therefore built as its unique index first, beside the table's validation, and becomes the
     * key at the end (one key of a table at a time, as each ends by taking the table).
     */
    private Build build(ScriptStatement statement, LoadRole load, String table, int number, Set<String> loads, long tableBytes) {
        List<ScriptStatement> steps = load.inTwoSteps()
                ? load.twoSteps().stream().map(sql -> new ScriptStatement(sql, statement.section(), statement.object())).toList()
                : List.of(statement);
        Task task = Task.of("build " + number + " " + statement.object(), c -> stage("indexes", () -> build(c, steps))).after(loads);
        boolean key = load.kind() == LoadRole.Kind.KEY;
        return new Build(key, tableBytes, table, !key ? task.shared(table)
                : load.inTwoSteps() ? task.shared(table).exclusive("key:" + table) : task.exclusive(table));
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
        String from = io.pgcarry.catalog.Table.rowsSql(table.qualifiedName(), table.partitioned());
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
    }

    private interface Step {
        void run() throws SQLException;
    }

    /** Runs a step, first telling the progress when it is the first of its stage to start. */
    private void stage(String name, Step step) throws SQLException {
        if (stagesStarted.add(name)) {
            progress.phase(name);
        }
        step.run();
    }

    /** A table's name as resources and maps know it: quoted, so no two tables can share it. */
    private static String key(Manifest.Table table) {
        return table.qualifiedName().sql();
    }
}
