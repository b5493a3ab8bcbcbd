package io.pgcarry.migrate.tools;

import io.pgcarry.catalog.QualifiedName;
import io.pgcarry.error.ConfigurationException;
import io.pgcarry.migrate.Layout;
import io.pgcarry.migrate.LedgerEntry;
import io.pgcarry.migrate.LedgerTable;
import io.pgcarry.migrate.LocalMigration;
import io.pgcarry.migrate.MigrationTool;
import io.pgcarry.migrate.OrderPolicy;
import io.pgcarry.migrate.ToolSupport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Optional;

/**
 * A tool pgcarry recognises (by its files and its ledger, so that detection names it rather than guessing another) but
 * does not read yet: reading its directory says so. Each is replaced by a real {@link ToolSupport} in
 * {@link ToolSupports} once written.
 *
 * @param tool    the tool
 * @param markers paths under the directory given whose existence gives the tool away
 * @param ledger  its ledger table
 */
record NotYetSupported(MigrationTool tool, List<String> markers, LedgerTable ledger) implements ToolSupport {
    static NotYetSupported liquibase() {
        return new NotYetSupported(MigrationTool.LIQUIBASE, List.of("db.changelog-master.xml", "db.changelog-master.yaml",
                "db/changelog/db.changelog-master.xml", "db/changelog/db.changelog-master.yaml",
                "src/main/resources/db/changelog/db.changelog-master.xml",
                "src/main/resources/db/changelog/db.changelog-master.yaml", "changelog.xml", "changelog.yaml", "changelog.sql"),
                LedgerTable.anySchema("databasechangelog", "id", "author", "filename", "md5sum"));
    }

    static NotYetSupported atlas() {
        return new NotYetSupported(MigrationTool.ATLAS, List.of("atlas.sum", "migrations/atlas.sum"),
                new LedgerTable("atlas_schema_revisions", "atlas_schema_revisions", List.of("version", "hash"), List.of()));
    }

    static NotYetSupported sqitch() {
        return new NotYetSupported(MigrationTool.SQITCH, List.of("sqitch.plan"),
                new LedgerTable("sqitch", "changes", List.of("change_id", "script_hash"), List.of()));
    }

    static NotYetSupported graphile() {
        return new NotYetSupported(MigrationTool.GRAPHILE, List.of("migrations/committed", "committed", ".gmrc"),
                new LedgerTable("graphile_migrate", "migrations", List.of("hash", "previous_hash", "filename"), List.of()));
    }

    @Override
    public Optional<Layout> detect(Path dir) {
        return markers.stream().filter(m -> Files.exists(dir.resolve(m))).findFirst().map(m -> new Layout(dir, m));
    }

    @Override
    public Path locate(Path dir) {
        return dir;
    }

    @Override
    public List<LedgerTable> ledgerTables() {
        return List.of(ledger);
    }

    @Override
    public OrderPolicy orderPolicy() {
        return OrderPolicy.SET_BASED;
    }

    @Override
    public String lateNote() {
        return "";
    }

    @Override
    public List<LocalMigration> readDirectory(Path directory) {
        throw new ConfigurationException("pgcarry migrate does not read " + tool + " migrations yet; it reads "
                + ToolSupports.supportedNames());
    }

    @Override
    public List<LedgerEntry> readLedger(Connection connection, QualifiedName table, List<LocalMigration> local) {
        throw new ConfigurationException("pgcarry migrate does not read the " + tool + " ledger yet");
    }
}
