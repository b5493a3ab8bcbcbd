package io.pgcarry.migrate.tools;

import io.pgcarry.catalog.QualifiedName;
import io.pgcarry.migrate.LedgerEntry;
import io.pgcarry.migrate.LedgerEntry.Outcome;
import io.pgcarry.migrate.LedgerTable;
import io.pgcarry.migrate.LocalMigration;
import io.pgcarry.migrate.MigrationTool;
import io.pgcarry.migrate.OrderPolicy;
import io.pgcarry.migrate.VersionKey;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * goose: {@code <version>_<name>.sql} files annotated {@code -- +goose Up} (or Go migrations {@code .go}), and the
 * ledger {@code goose_db_version(id, version_id, is_applied, tstamp)}, which gains a row at each up and each down: the
 * latest row of a version (highest id) says whether it is applied. The row of version 0 is goose's own start marker.
 * {@code goose up} refuses a missing migration older than the current one unless {@code -allow-missing}. No checksum.
 */
final class GooseSupport extends NumberedFileSupport {
    static final Pattern FILE = Pattern.compile("(\\d+)_(.+)\\.(?:sql|go)");
    static final String MARKER = "-- +goose up";
    private static final String ROWS = """
            SELECT version_id, is_applied, tstamp::pg_catalog.timestamptz FROM %s WHERE version_id <> 0 ORDER BY id DESC""";

    GooseSupport() {
        super(new Convention(MigrationTool.GOOSE, FILE, List.of("migrations", "db/migrations"),
                "<version>_<name>.sql files with -- +goose Up", OrderPolicy.SET_BASED,
                "goose up refuses to go on because of it, unless -allow-missing", true));
    }

    /** Its SQL files are marked; its Go migrations are its own by their extension. */
    @Override
    boolean recognises(NumberedFile file) {
        return file.fileName().endsWith(".go") || MigrationFiles.startsWithMarker(file.path(), MARKER);
    }

    @Override
    public List<LedgerTable> ledgerTables() {
        return List.of(LedgerTable.anySchema("goose_db_version", "id", "version_id", "is_applied", "tstamp"));
    }

    @Override
    public List<LedgerEntry> readLedger(Connection connection, QualifiedName table, List<LocalMigration> local)
            throws SQLException {
        Map<String, LedgerEntry> latest = new LinkedHashMap<>();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(ROWS.formatted(table.sql()))) {
            while (rs.next()) {
                BigInteger version = BigInteger.valueOf(rs.getLong(1));
                boolean applied = rs.getBoolean(2);
                OffsetDateTime at = rs.getObject(3, OffsetDateTime.class);
                latest.putIfAbsent(version.toString(), new LedgerEntry(version.toString(), version.toString(), null,
                        VersionKey.number(version, ""), applied ? Outcome.APPLIED : Outcome.ROLLED_BACK, null, null, at,
                        applied ? null : "migrated down (is_applied false)"));
            }
        }
        return List.copyOf(latest.values());
    }
}
