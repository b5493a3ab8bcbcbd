package io.pgcarry.lint;

import io.pgcarry.connect.ConnectionSpec;
import io.pgcarry.error.SqlErrors;
import io.pgcarry.migrate.LocalDirectory;
import io.pgcarry.migrate.MigrateStatus;
import io.pgcarry.migrate.MigrationRow;
import io.pgcarry.migrate.MigrationSql;
import io.pgcarry.migrate.MigrationState;
import io.pgcarry.migrate.MigrationTool;
import io.pgcarry.migrate.StatusReading;
import io.pgcarry.migrate.StatusRequest;
import io.pgcarry.error.ErrorCode;
import io.pgcarry.error.PgCarryException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The migrations of a directory to lint, read as {@code migrate} reads them: all of them in the tool's order; with a
 * target, only those {@code migrate status} shows pending (what {@code migrate apply} would run), since the applied ones
 * already ran. Only SQL files are read. Each says who runs it in one transaction ({@link ToolTransactions}).
 */
final class MigrationDirectory {
    private static final Set<MigrationState> TO_RUN = EnumSet.of(MigrationState.PENDING, MigrationState.OUT_OF_ORDER);

    /** One migration file and the SQL its tool runs. */

    private MigrationDirectory() {
    }

    static List<LintSource> read(Path dir, MigrationTool tool, ConnectionSpec spec, Connection target) {
        if (target == null) {
            LocalDirectory local = LocalDirectory.read(dir, tool);
            return local.migrations().stream().map(m -> m.files().get(0)).filter(f -> f.endsWith(".sql"))
                    .map(f -> source(local.tool(), local.directory().resolve(f), f)).toList();
        }
        try {
            StatusReading reading = MigrateStatus.inspect(target, new StatusRequest(spec, dir, tool, null));
            MigrationTool found = reading.support().tool();
            return reading.status().migrations().stream().filter(r -> TO_RUN.contains(r.state())).map(MigrationRow::file)
                    .filter(f -> f != null && f.endsWith(".sql"))
                    .map(f -> source(found, reading.directory().resolve(f), f)).toList();
        } catch (SQLException e) {
            throw SqlErrors.translate("reading the migration ledger in " + spec.address(), e);
        }
    }

    private static LintSource source(MigrationTool tool, Path path, String file) {
        String sql = MigrationSql.read(tool, path, file);
        try {
            return ToolTransactions.source(tool, file, Files.readString(path, StandardCharsets.UTF_8), sql);
        } catch (IOException e) {
            throw new PgCarryException(ErrorCode.IO, "cannot read " + path + ": " + e.getMessage(), e);
        }
    }
}
