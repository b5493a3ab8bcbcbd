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
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * golang-migrate: {@code <version>_<title>.up.sql} with its {@code .down.sql}, and the ledger
 * {@code schema_migrations(version bigint primary key, dirty boolean)}, which holds one row: the current version, a
 * high-water mark. Every file at or below it counts as applied (the ledger cannot say otherwise); {@code dirty} means
 * the current version failed part-way, and golang-migrate refuses to go on until {@code migrate force}. No checksum.
 */
final class GolangMigrateSupport extends NumberedFileSupport {
    static final Pattern UP = Pattern.compile("(\\d+)_(.*)\\.up\\.[^.]+");
    private static final String ROWS = "SELECT version, dirty FROM %s ORDER BY version DESC LIMIT 1";

    GolangMigrateSupport() {
        super(new Convention(MigrationTool.GOLANG_MIGRATE, UP, List.of("migrations", "db/migrations"),
                "<version>_<title>.up.sql files", OrderPolicy.HIGH_WATER_MARK,
                "golang-migrate never runs it: it is below the current version", true));
    }

    @Override
    public List<LedgerTable> ledgerTables() {
        return List.of(LedgerTable.anySchema("schema_migrations", "version", "dirty"));
    }

    @Override
    public List<LedgerEntry> readLedger(Connection connection, QualifiedName table, List<LocalMigration> local)
            throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(ROWS.formatted(table.sql()))) {
            if (!rs.next() || rs.getLong(1) < 0) {
                return List.of();
            }
            return entries(BigInteger.valueOf(rs.getLong(1)), rs.getBoolean(2), local);
        }
    }

    /** The current version (failed when dirty), and every file below it counted as applied. */
    private static List<LedgerEntry> entries(BigInteger current, boolean dirty, List<LocalMigration> local) {
        List<LedgerEntry> entries = new ArrayList<>();
        entries.add(new LedgerEntry(current.toString(), current.toString(), null, VersionKey.number(current, ""),
                dirty ? Outcome.FAILED : Outcome.APPLIED, null, null, null,
                dirty ? "dirty: it failed part-way; fix the database, then migrate force" : null));
        for (LocalMigration m : local) {
            if (m.order().numbers().get(0).compareTo(current) < 0) {
                entries.add(new LedgerEntry(m.id(), m.version(), m.name(), m.order(), Outcome.APPLIED, null, null, null,
                        "counted applied: golang-migrate records only its current version, " + current));
            }
        }
        return entries;
    }
}
