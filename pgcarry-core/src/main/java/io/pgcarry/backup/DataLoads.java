package io.pgcarry.backup;

import io.pgcarry.catalog.Identifiers;
import io.pgcarry.catalog.QualifiedName;
import io.pgcarry.connect.Sessions;
import io.pgcarry.copy.CopyProgress;
import io.pgcarry.error.DatabaseException;
import io.pgcarry.error.ErrorCode;
import io.pgcarry.error.PgCarryException;
import io.pgcarry.error.Setting;
import io.pgcarry.error.SqlErrors;
import io.pgcarry.load.LoadGraph.Step;
import io.pgcarry.load.LoadGraph;
import io.pgcarry.copy.FrozenLoad;
import io.pgcarry.report.Counts;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.postgresql.PGConnection;

/**
 * The data files of an archive loaded into the target, as steps of the {@link LoadGraph}: one step per
 * table, loading its files one after the other in one transaction, frozen where that is safe ({@link FrozenLoad}):
 * a frozen load costs the server less, and several loads into one table would contend for its extension. Only a
 * table much bigger than a worker's share of the data (so that loading it alone would leave other workers idle) is
 * loaded a file per task, as are partitioned tables, whose rows go to several partitions anyway. Every file's rows
 * are checked against the manifest.
 */
final class DataLoads {
    private final Archive archive;
    private final Manifest manifest;
    private final CopyProgress progress;
    private final int jobs;
    private final Map<String, Long> loaded = new ConcurrentHashMap<>();

    DataLoads(Archive archive, Manifest manifest, CopyProgress progress, int jobs) {
        this.archive = archive;
        this.manifest = manifest;
        this.progress = progress;
        this.jobs = jobs;
    }

    /** Rows loaded per table, by quoted qualified name. */
    Map<String, Long> loaded() {
        return loaded;
    }

    /** Adds the loads to {@code graph}, biggest first. */
    void addTo(LoadGraph graph) {
        record Load(Manifest.Table table, List<Manifest.DataFile> files, long bytes) {
        }
        long total = manifest.tables().stream().flatMap(t -> t.files().stream()).mapToLong(Manifest.DataFile::bytes).sum();
        long share = total / jobs;
        List<Load> units = new ArrayList<>();
        for (Manifest.Table table : manifest.tables()) {
            long bytes = table.files().stream().mapToLong(Manifest.DataFile::bytes).sum();
            if (table.partitioned() || (table.files().size() > 1 && bytes > share + share / 2)) {
                table.files().forEach(f -> units.add(new Load(table, List.of(f), f.bytes())));
            } else {
                units.add(new Load(table, table.files(), bytes));
            }
        }
        units.sort(Comparator.comparingLong((Load l) -> -l.bytes()).thenComparing(l -> l.files().get(0).name()));
        Map<String, AtomicLong> remaining = new ConcurrentHashMap<>();
        Map<String, Long> bytes = new ConcurrentHashMap<>();
        long started = System.nanoTime();
        for (Load load : units) {
            if (load.files().isEmpty()) {
                continue;
            }
            String table = key(load.table());
            String name = "load " + load.files().get(0).name();
            remaining.computeIfAbsent(table, t -> new AtomicLong()).addAndGet(load.files().size());
            graph.add(Step.LOAD, load.table().qualifiedName(), name, c -> {
                long rows = load(c, load.table(), load.files());
                loaded.merge(table, rows, Long::sum);
                bytes.merge(table, load.bytes(), Long::sum);
                if (remaining.get(table).addAndGet(-load.files().size()) == 0) {
                    progress.tableCopied(load.table().qualifiedName(), loaded.get(table), bytes.get(table), (System.nanoTime() - started) / 1e9);
                }
            });
        }
    }

    /** Loads {@code files} of a table; all of a plain table's files go in one transaction, frozen where safe. */
    private long load(Connection c, Manifest.Table table, List<Manifest.DataFile> files) throws SQLException {
        boolean whole = files.size() == table.files().size() && !table.partitioned();
        if (!whole) {
            long rows = 0;
            for (Manifest.DataFile file : files) {
                rows += load(c, table, file, false);
            }
            return rows;
        }
        c.setAutoCommit(false);
        try {
            boolean freeze = FrozenLoad.prepare(c, table.qualifiedName());
            long rows = 0;
            for (Manifest.DataFile file : files) {
                rows += load(c, table, file, freeze);
            }
            c.commit();
            return rows;
        } catch (SQLException | RuntimeException e) {
            Sessions.rollbackAfterFailure(c);
            throw e;
        } finally {
            if (!c.isClosed()) {
                c.setAutoCommit(true);
            }
        }
    }

    private long load(Connection c, Manifest.Table table, Manifest.DataFile file, boolean freeze) {
        QualifiedName name = table.qualifiedName();
        String list = table.columns().stream().map(col -> Identifiers.quote(col.name())).collect(Collectors.joining(", "));
        // a table without columns takes no column list: "()" is a syntax error
        String sql = "COPY " + name.sql() + (list.isEmpty() ? "" : " (" + list + ")") + " FROM STDIN" + (freeze ? " (FREEZE)" : "");
        long rows;
        try (InputStream data = Compression.ofFile(file.name()).decompress(archive.open(file.name()))) {
            rows = c.unwrap(PGConnection.class).getCopyAPI().copyIn(sql, data, 1 << 16);
        } catch (IOException e) {
            throw new PgCarryException(ErrorCode.IO, "cannot read " + file.name() + " of " + archive.location() + ": " + e.getMessage(), e);
        } catch (SQLException e) {
            throw new DatabaseException("loading " + file.name() + " into " + name + " failed: " + SqlErrors.describe(e)
                    + "; run the restore again with " + Setting.CLEAN.mention(), e.getSQLState(), e);
        }
        if (rows != file.rows()) {
            throw new ArchiveException("loading " + file.name() + " into " + name + " gave " + Counts.of(rows, "row") + " where the manifest says "
                    + file.rows() + "; run the restore again with " + Setting.CLEAN.mention());
        }
        progress.streamed(name, rows, file.bytes());
        return rows;
    }

    private static String key(Manifest.Table table) {
        return table.qualifiedName().sql();
    }
}
