package io.pgcarry.rehearse;

import io.pgcarry.connect.Connector;
import io.pgcarry.error.ConfigurationException;
import io.pgcarry.error.SqlErrors;
import io.pgcarry.migrate.MigrateStatus;
import io.pgcarry.migrate.StatusReading;
import io.pgcarry.migrate.StatusRequest;
import io.pgcarry.migrate.apply.MigrateApply;
import io.pgcarry.migrate.apply.MigrationScript;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The scripts a rehearsal runs: a directory's pending migrations, read and split exactly as {@code migrate apply} reads
 * them (the tool's ledger in the live database says which are pending; read in one read-only transaction), or plain
 * SQL files, all of them.
 *
 * @param tool    the tool, or {@code sql} for plain files
 * @param scripts the scripts, in the order they run
 */
record PendingScripts(String tool, List<MigrationScript> scripts) {
    PendingScripts {
        scripts = List.copyOf(scripts);
    }

    static PendingScripts read(Connector connector, RehearseRequest request) {
        return request.directory() == null ? files(request.files()) : pending(connector, request);
    }

    private static PendingScripts files(List<Path> files) {
        List<MigrationScript> scripts = new ArrayList<>();
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                throw new ConfigurationException("cannot rehearse " + file + ": no such file");
            }
            try {
                String sql = Files.readString(file, StandardCharsets.UTF_8).replaceFirst("^\uFEFF", "");
                scripts.add(MigrationScript.parse(file.toString(), sql));
            } catch (IOException e) {
                throw new ConfigurationException("cannot read " + file + ": " + e.getMessage(), e);
            }
        }
        return new PendingScripts("sql", scripts);
    }

    private static PendingScripts pending(Connector connector, RehearseRequest request) {
        StatusRequest status = new StatusRequest(request.on(), request.directory(), request.tool(), request.ledgerSchema());
        try (Connection c = connector.open(request.on())) {
            c.setReadOnly(true);
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            StatusReading reading = MigrateStatus.inspect(c, status);
            c.commit();
            return new PendingScripts(reading.support().tool().toString(), MigrateApply.pendingScripts(reading));
        } catch (SQLException e) {
            throw SqlErrors.translate("reading the pending migrations of " + request.on().address(), e);
        }
    }
}
