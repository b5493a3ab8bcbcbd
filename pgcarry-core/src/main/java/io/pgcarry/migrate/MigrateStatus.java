package io.pgcarry.migrate;

import io.pgcarry.catalog.QualifiedName;
import io.pgcarry.connect.Connector;
import io.pgcarry.error.ConfigurationException;
import io.pgcarry.error.SqlErrors;
import io.pgcarry.migrate.tools.ToolSupports;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * {@code pgcarry migrate status}: reads a migration directory and the tool's ledger in the target, in one read-only
 * transaction, and says where each migration stands. Writes nothing.
 */
public final class MigrateStatus {
    private final Connector connector;

    public MigrateStatus(Connector connector) {
        this.connector = connector;
    }

    public MigrationStatus status(StatusRequest request) {
        Path dir = request.directory();
        if (!Files.isDirectory(dir)) {
            throw new ConfigurationException("migration directory " + dir + " does not exist or is not a directory");
        }
        try (Connection c = connector.open(request.target())) {
            c.setReadOnly(true);
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            MigrationStatus status = read(c, request);
            c.commit();
            return status;
        } catch (SQLException e) {
            throw SqlErrors.translate("reading the migration ledger in " + request.target().address(), e);
        }
    }

    private static MigrationStatus read(Connection c, StatusRequest request) throws SQLException {
        return inspect(c, request).status();
    }

    /**
     * The status of {@code request}'s directory against the ledger read through {@code c}, in the caller's transaction,
     * with what it was computed from: the one status computation every {@code migrate} command shares.
     */
    public static StatusReading inspect(Connection c, StatusRequest request) throws SQLException {
        if (!Files.isDirectory(request.directory())) {
            throw new ConfigurationException("migration directory " + request.directory() + " does not exist or is not a directory");
        }
        List<ToolSupport> supports = ToolSupports.all();
        LedgerCatalog ledgers = LedgerCatalog.read(c, supports);
        ToolSupport forced = request.tool() == null ? null : ToolSupports.of(request.tool());
        ToolDetector.Choice choice = ToolDetector.choose(forced, request.directory(), supports, ledgers, request.ledgerSchema());
        ToolSupport support = choice.support();
        List<LocalMigration> local = support.readDirectory(choice.directory());
        Optional<QualifiedName> ledger = ledgers.find(support, request.ledgerSchema());
        List<LedgerEntry> entries = ledger.isPresent() ? support.readLedger(c, ledger.get(), local) : List.of();
        List<MigrationRow> rows = new StatusClassifier(support.orderPolicy(), support.lateNote()).classify(local, entries);
        return new StatusReading(support, choice.directory(), local, ledger, new MigrationStatus(support.tool(), choice.evidence(),
                choice.directory(), ledger.map(QualifiedName::toString).orElse(null), rows));
    }
}
