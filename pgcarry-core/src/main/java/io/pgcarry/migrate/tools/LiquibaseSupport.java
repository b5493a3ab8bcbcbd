package io.pgcarry.migrate.tools;

import io.pgcarry.catalog.QualifiedName;
import io.pgcarry.migrate.FileChecksum;
import io.pgcarry.migrate.Layout;
import io.pgcarry.migrate.LedgerEntry;
import io.pgcarry.migrate.LedgerTable;
import io.pgcarry.migrate.LocalMigration;
import io.pgcarry.migrate.MigrationTool;
import io.pgcarry.migrate.OrderPolicy;
import io.pgcarry.migrate.ToolSupport;
import io.pgcarry.migrate.checksum.LiquibaseChangeSet;
import io.pgcarry.migrate.checksum.LiquibaseChecksum;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Liquibase with formatted SQL changelogs: a master changelog ({@code db.changelog-master.yaml}, {@code changelog.xml}...)
 * including them, or the {@code --liquibase formatted sql} files of a directory, and the ledger {@code databasechangelog}
 * ({@link LiquibaseLedgerReader}). A change set is known by its changelog path, id and author, as Liquibase knows it;
 * its checksum is Liquibase's MD5SUM ({@link LiquibaseChecksum}: version 9 since Liquibase 4.24, 8 before), which
 * ignores white space, so a change of line endings leaves it as it was. {@code liquibase update} runs every change set
 * not in the ledger, wherever it stands in the changelog, and runs a {@code runOnChange} change set again when its
 * checksum changes; a changed checksum of any other is a validation error.
 */
final class LiquibaseSupport implements ToolSupport {
    private static final List<String> PLACES = List.of("db/changelog", "src/main/resources/db/changelog", "src/main/resources",
            "changelog", "db");

    @Override
    public MigrationTool tool() {
        return MigrationTool.LIQUIBASE;
    }

    @Override
    public Optional<Layout> detect(Path dir) {
        return MigrationFiles.firstPlace(dir, PLACES, d -> LiquibaseChangelogs.master(d) != null
                || !LiquibaseChangelogs.formattedSql(d).isEmpty()).map(LiquibaseSupport::layout);
    }

    private static Layout layout(Path dir) {
        Path master = LiquibaseChangelogs.master(dir);
        return master != null ? new Layout(dir, "master changelog " + master.getFileName())
                : new Layout(dir, LiquibaseChangelogs.formattedSql(dir).size() + " --liquibase formatted sql changelogs");
    }

    @Override
    public Path locate(Path dir) {
        return detect(dir).map(Layout::directory).orElse(dir);
    }

    @Override
    public List<LedgerTable> ledgerTables() {
        return List.of(LedgerTable.anySchema("databasechangelog", "id", "author", "filename", "dateexecuted", "orderexecuted",
                "exectype", "md5sum"));
    }

    @Override
    public OrderPolicy orderPolicy() {
        return OrderPolicy.SET_BASED;
    }

    @Override
    public String lateNote() {
        return "liquibase update runs it after change sets that follow it in the changelog";
    }

    @Override
    public List<LocalMigration> readDirectory(Path directory) {
        List<LiquibaseChangelogs.Entry> entries = LiquibaseChangelogs.read(directory, LiquibaseChangelogs.master(directory));
        List<LocalMigration> migrations = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            migrations.add(migration(entries.get(i), i + 1));
        }
        return migrations;
    }

    private static LocalMigration migration(LiquibaseChangelogs.Entry entry, int position) {
        String key = key(entry.filePath(), entry.id(), entry.author());
        LiquibaseChangeSet changeSet = entry.parsed();
        if (changeSet == null) {
            return new LocalMigration(key, key, "", List.of(entry.file()), RunOrder.position(position, key), null, null, false,
                    entry.unread());
        }
        String unchecked = unchecked(changeSet);
        String note = changeSet.runAlways() ? "runAlways: liquibase runs it at every update" : null;
        return new LocalMigration(key, key, changeSet.comments() == null ? "" : changeSet.comments(), List.of(entry.file()),
                RunOrder.position(position, key), unchecked == null ? checksum(changeSet) : null, null, changeSet.runOnChange(),
                unchecked == null ? note : note == null ? unchecked : note + "; " + unchecked);
    }

    /** Why the change set's checksum cannot be compared, or null when it can. */
    private static String unchecked(LiquibaseChangeSet changeSet) {
        if (changeSet.validCheckSums().stream().anyMatch("ANY"::equalsIgnoreCase)) {
            return "--validCheckSum: ANY, so liquibase accepts any checksum";
        }
        if (changeSet.usesProperties()) {
            return "its SQL uses changelog properties (${...}), whose values pgcarry does not know: checksum not compared";
        }
        return null;
    }

    /**
     * The MD5SUM in both versions Liquibase 4 has written (9 shown) and every {@code --validCheckSum} value, which
     * Liquibase accepts as well; the same for every line-ending form, since Liquibase reads the file line by line.
     */
    private static FileChecksum checksum(LiquibaseChangeSet changeSet) {
        List<String> accepted = Stream.concat(Stream.of(LiquibaseChecksum.v9(changeSet), LiquibaseChecksum.v8(changeSet)),
                changeSet.validCheckSums().stream()).toList();
        return new FileChecksum(accepted, accepted, accepted);
    }

    /** Liquibase's identity of a change set, {@code path::id::author}, the path as Liquibase compares paths. */
    static String key(String filePath, String id, String author) {
        return LiquibaseChangelogs.normalise(filePath) + "::" + id + "::" + author;
    }

    @Override
    public List<LedgerEntry> readLedger(Connection connection, QualifiedName table, List<LocalMigration> local)
            throws SQLException {
        return LiquibaseLedgerReader.read(connection, table, local);
    }
}
