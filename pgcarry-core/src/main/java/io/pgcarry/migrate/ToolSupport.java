package io.pgcarry.migrate;

import io.pgcarry.catalog.QualifiedName;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * What pgcarry knows of one migration tool: how its directory looks, where its ledger is, how it reads both, and
 * what it does with a migration older than the newest it applied. One implementation per tool; the
 * {@link StatusClassifier} does the rest for all of them alike. Implementations hold no state.
 */
public interface ToolSupport {
    /** The tool. */
    MigrationTool tool();

    /**
     * The tool's layout in {@code dir} (or in its usual place under {@code dir}, such as {@code prisma/migrations}),
     * when the files leave no doubt; empty otherwise. Reads names and, where the tool marks its files, their first
     * lines; never fails on what it cannot read.
     */
    Optional<Layout> detect(Path dir);

    /**
     * The directory to read when the tool was named with {@code --tool}: the usual place under {@code dir} if it
     * exists, else {@code dir} itself.
     */
    Path locate(Path dir);

    /** The tables its ledger may be in, the preferred first. */
    List<LedgerTable> ledgerTables();

    /** What the tool does with a pending migration older than the newest applied one. */
    OrderPolicy orderPolicy();

    /** The note shown on such a migration, in the tool's terms: {@code drizzle skips it: its when is not after ...}. */
    String lateNote();

    /**
     * The migrations in {@code directory} (from {@link #detect} or {@link #locate}), in any order, each with the tool's
     * checksum as the tool computes it. A file the tool would refuse is a
     * {@link io.pgcarry.error.ConfigurationException} naming it.
     */
    List<LocalMigration> readDirectory(Path directory);

    /**
     * The ledger's migrations, read from {@code table} (which exists and has {@link LedgerTable#columns()}), at most one
     * entry per id. {@code local} is what {@link #readDirectory} found, for ledgers that record only a high-water mark.
     */
    List<LedgerEntry> readLedger(Connection connection, QualifiedName table, List<LocalMigration> local) throws SQLException;
}
