package io.pgcarry.backup;

import io.pgcarry.catalog.QualifiedName;
import io.pgcarry.error.Setting;
import io.pgcarry.schema.ObjectId;
import io.pgcarry.schema.ObjectKind;
import io.pgcarry.schema.ScriptStatement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The manifest against itself: what pgcarry backup always writes consistently. A manifest that contradicts itself
 * was edited, and restoring it would fail half-way (a table listed twice) or restore a table empty with a pass (a
 * table whose entry was removed), so every inconsistency is refused before the target is touched.
 */
final class ManifestChecks {
    /** Data files are written as {@code data/NNNNN.NNN.copy[.zst|.gz]}; anything else could point outside the archive. */
    private static final Pattern FILE_NAME = Pattern.compile("data/[0-9]{5,}\\.[0-9]{3,}\\.copy(\\.zst|\\.gz)?");

    private ManifestChecks() {
    }

    static List<String> problems(Manifest manifest) {
        List<String> problems = new ArrayList<>();
        Set<QualifiedName> listed = new LinkedHashSet<>();
        // Shared with the large objects' check: no two entries of either kind may name the same file.
        Set<String> files = new HashSet<>();
        for (Manifest.Table table : manifest.tables()) {
            String where = Manifest.FILE + ": table " + table.qualifiedName();
            if (!listed.add(table.qualifiedName())) {
                problems.add(where + " is listed twice");
            }
            dataFiles(table, where, files, problems);
            figures(table, where, problems);
        }
        tablesAgainstPreData(manifest, listed, problems);
        problems.addAll(largeObjects(manifest, files));
        duplicates(manifest.sequences().stream().map(s -> new QualifiedName(s.schema(), s.name()).toString()).toList(), "sequence", problems);
        duplicates(manifest.extensions().stream().map(Manifest.Extension::name).toList(), "extension", problems);
        return problems;
    }

    /** Each data file named as pgcarry backup names it, named by no other entry, and of no negative size. */
    private static void dataFiles(Manifest.Table table, String where, Set<String> files, List<String> problems) {
        for (Manifest.DataFile file : table.files()) {
            if (!FILE_NAME.matcher(file.name()).matches()) {
                problems.add(where + " names data file '" + file.name() + "', which is not a name pgcarry backup writes");
            }
            if (!files.add(file.name())) {
                problems.add(where + " names data file " + file.name() + ", which another entry names too");
            }
            if (file.rows() < 0 || file.bytes() < 0) {
                problems.add(where + ": data file " + file.name() + " has a negative size");
            }
        }
    }

    /** A table's row count against its files' and its content hash's, and a left-out table without files. */
    private static void figures(Manifest.Table table, String where, List<String> problems) {
        long fileRows = table.files().stream().mapToLong(Manifest.DataFile::rows).sum();
        if (fileRows != table.rows()) {
            problems.add(where + " says " + table.rows() + " rows where its data files add up to " + fileRows);
        }
        if (table.contentHash() == null || !table.contentHash().startsWith(table.rows() + ":")) {
            problems.add(where + " has a content hash (" + table.contentHash() + ") that does not count its " + table.rows() + " rows");
        }
        if (table.dataExcluded() && !table.files().isEmpty()) {
            problems.add(where + " is marked as left out (" + Setting.EXCLUDE_TABLE_DATA.mention() + ") but names data files");
        }
        // A table without columns may hold rows (CREATE TABLE t (); INSERT INTO t DEFAULT VALUES): not a contradiction.
    }

    /** Every table the pre-data creates has an entry, and every entry names a table that is created. */
    private static void tablesAgainstPreData(Manifest manifest, Set<QualifiedName> listed, List<String> problems) {
        Set<QualifiedName> created = createdTables(manifest.preData());
        for (QualifiedName table : created) {
            if (!listed.contains(table)) {
                problems.add(Manifest.FILE + ": pre-data creates table " + table + " but no table entry lists it (an entry was removed?)");
            }
        }
        for (Manifest.Table table : manifest.tables()) {
            if (!created.contains(table.qualifiedName()) && !extensionMade(manifest, table)) {
                problems.add(Manifest.FILE + ": table entry " + table.qualifiedName() + " names a table the pre-data does not create");
            }
        }
    }

    /**
     * Large objects: each once, in the file named after its OID (and in no other entry's), a content hash that starts
     * with its size, and an owner or grants only in an archive taken with privileges.
     */
    private static List<String> largeObjects(Manifest manifest, Set<String> files) {
        List<String> problems = new ArrayList<>();
        Set<Long> oids = new HashSet<>();
        for (Manifest.LargeObjectFile object : manifest.largeObjects()) {
            String where = Manifest.FILE + ": large object " + object.oid();
            if (!oids.add(object.oid())) {
                problems.add(where + " is listed twice");
            }
            if (!LargeObjectDump.fileName(object.oid(), Compression.ofFile(object.file())).equals(object.file())) {
                problems.add(where + " names file '" + object.file() + "', which is not the name pgcarry backup writes for it");
            }
            if (!files.add(object.file())) {
                problems.add(where + " names file " + object.file() + ", which another entry names too");
            }
            if (object.size() < 0 || object.bytes() < 0) {
                problems.add(where + " has a negative size");
            }
            if (object.contentHash() == null || !object.contentHash().startsWith(object.size() + ":")) {
                problems.add(where + " has a content hash (" + object.contentHash() + ") that does not state its size " + object.size());
            }
            if (!manifest.withPrivileges() && (object.owner() != null || object.grants() != null)) {
                problems.add(where + " has an owner or grants, which an archive taken without " + Setting.WITH_PRIVILEGES.mention() + " never holds");
            }
        }
        return problems;
    }

    /**
     * An extension's configuration table is made by {@code CREATE EXTENSION}, not by a statement of its own; its entry
     * is marked so, and only an archive that creates an extension can hold one.
     */
    private static boolean extensionMade(Manifest manifest, Manifest.Table table) {
        return table.extensionFilter() != null && !manifest.extensions().isEmpty();
    }

    private static Set<QualifiedName> createdTables(List<ScriptStatement> preData) {
        Set<QualifiedName> tables = new LinkedHashSet<>();
        Set<QualifiedName> partitions = new HashSet<>();
        for (ScriptStatement statement : preData) {
            ObjectId id = statement.object();
            if (id == null || id.kind() != ObjectKind.TABLE) {
                continue;
            }
            QualifiedName name = new QualifiedName(id.schema(), id.name());
            String sql = statement.sql();
            // A partition's rows are archived in its partitioned root's files, so it has no entry of its own; one created
            // on its own (schema.ColumnOrder) is attached right after.
            if (sql.contains(id.sqlName() + " PARTITION OF ") || sql.startsWith("ALTER TABLE ONLY ")
                    && sql.contains(" ATTACH PARTITION " + id.sqlName() + " ")) {
                partitions.add(name);
            } else if (sql.startsWith("CREATE TABLE ") || sql.startsWith("CREATE UNLOGGED TABLE ")) {
                tables.add(name);
            }
        }
        tables.removeAll(partitions);
        return tables;
    }

    private static void duplicates(List<String> names, String kind, List<String> problems) {
        Set<String> seen = new HashSet<>();
        for (String name : names) {
            if (!seen.add(name)) {
                problems.add(Manifest.FILE + ": " + kind + " " + name + " is listed twice");
            }
        }
    }
}
