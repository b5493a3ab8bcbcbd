package io.pgcarry.migrate.verify;

import io.pgcarry.error.SqlErrors;
import io.pgcarry.migrate.MigrationSql;
import io.pgcarry.migrate.MigrationTool;
import io.pgcarry.script.CopyStatement;
import io.pgcarry.script.MetaCommand;
import io.pgcarry.script.ScriptItem;
import io.pgcarry.script.SqlScriptReader;
import io.pgcarry.script.SqlStatement;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.postgresql.PGConnection;

/**
 * Runs migration files on the throw-away server, statement by statement in autocommit as psql would (so that
 * {@code CREATE INDEX CONCURRENTLY} and a file's own {@code BEGIN}/{@code COMMIT} work as in the tool). A
 * {@code CREATE EXTENSION} of an extension the server does not have is skipped and noted; after one, a statement that
 * fails for want of an object (a type, function, table, column or schema such an extension would have made possible)
 * is skipped and noted too. Any other failure stops the replay with the file, line and error.
 */
final class Replayer {
    /** What a missing extension's objects leave undefined, and what a skipped statement then leaves undefined. */
    private static final Set<String> WANT_OF_AN_OBJECT = Set.of("42704", "42883", "42P01", "42703", "3F000");

    private final MigrationTool tool;
    private final Path directory;
    private final Connection scratch;
    private final String serverVersion;
    private final Set<String> missingExtensions = new LinkedHashSet<>();
    private final List<String> skipped = new ArrayList<>();

    Replayer(MigrationTool tool, Path directory, Connection scratch, String serverVersion) {
        this.tool = tool;
        this.directory = directory;
        this.scratch = scratch;
        this.serverVersion = serverVersion;
    }

    /** Replays the files in order. */
    Replay replay(List<ReplayPlan.Step> steps) throws SQLException {
        for (ReplayPlan.Step step : steps) {
            String sql = MigrationSql.read(tool, directory.resolve(step.file()), step.file());
            try (SqlScriptReader script = new SqlScriptReader(new StringReader(sql), step.file())) {
                for (ScriptItem item = script.next(); item != null; item = script.next()) {
                    run(step.file(), item);
                }
            }
            Savepoints.endOpenTransaction(scratch);
        }
        return new Replay(steps.size(), List.copyOf(missingExtensions), skipped);
    }

    private void run(String file, ScriptItem item) throws SQLException {
        if (item instanceof MetaCommand meta) {
            skipped.add(file + " line " + meta.line() + ": psql command \\" + meta.name() + " skipped (not SQL)");
            return;
        }
        try (Savepoints.Guard guard = Savepoints.guard(scratch)) {
            execute(item);
            guard.release();
        } catch (SQLException e) {
            // the guard has rolled back to before the statement, so the session can go on when it is skipped
            Optional<String> why = skippable(item, e);
            if (why.isEmpty()) {
                throw new ReplayFailedException(file, item.line(), serverVersion, SqlErrors.describe(e), e);
            }
            skipped.add(file + " line " + item.line() + ": " + why.get() + ": " + SqlErrors.describe(e));
        }
    }

    private void execute(ScriptItem item) throws SQLException {
        if (item instanceof CopyStatement copy) {
            try {
                scratch.unwrap(PGConnection.class).getCopyAPI().copyIn(copy.sql(), copy.data());
            } catch (IOException e) {
                throw new SQLException("reading the COPY data: " + e.getMessage(), e);
            }
            return;
        }
        try (var s = scratch.createStatement()) {
            s.setEscapeProcessing(false);
            s.execute(((SqlStatement) item).sql());
        }
    }

    /** Why a failed statement may be skipped, or empty when its failure is the replay's. */
    private Optional<String> skippable(ScriptItem item, SQLException e) throws SQLException {
        Optional<String> extension = item instanceof SqlStatement s ? ExtensionStatement.created(s.sql()) : Optional.empty();
        if (extension.isPresent() && !available(extension.get())) {
            missingExtensions.add(extension.get());
            return Optional.of("extension " + extension.get() + " is not available on this server, skipped");
        }
        if (!missingExtensions.isEmpty() && WANT_OF_AN_OBJECT.contains(e.getSQLState())) {
            return Optional.of("skipped, it needs what the missing extension " + String.join(", ", missingExtensions)
                    + " would have made");
        }
        return Optional.empty();
    }

    private boolean available(String extension) throws SQLException {
        try (var ps = scratch.prepareStatement("SELECT 1 FROM pg_catalog.pg_available_extensions WHERE name = ?")) {
            ps.setString(1, extension);
            try (var rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }
}
