package io.pgcarry.migrate.tools;

import io.pgcarry.catalog.QualifiedName;
import io.pgcarry.migrate.LedgerEntry;
import io.pgcarry.migrate.LedgerTable;
import io.pgcarry.migrate.VersionKey;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** A ledger that records applied versions and nothing else: {@code schema_migrations(version)} of dbmate and Rails. */
final class VersionLedger {
    /** {@code schema_migrations(version)}: one with a {@code dirty} column is golang-migrate's. */
    static final LedgerTable TABLE = LedgerTable.anySchema("schema_migrations", "version").without("dirty");
    private static final String ROWS = "SELECT version::pg_catalog.text FROM %s";

    private VersionLedger() {
    }

    /**
     * Every row as an applied migration.
     *
     * @param byNumber whether the tool compares versions as numbers ({@code 0042} is {@code 42}: Rails) rather than as
     *                 text (dbmate); the ids follow, as {@link NumberedFile#byNumber()} and {@link NumberedFile#byText()}
     */
    static List<LedgerEntry> read(Connection connection, QualifiedName table, boolean byNumber) throws SQLException {
        List<LedgerEntry> entries = new ArrayList<>();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(ROWS.formatted(table.sql()))) {
            while (rs.next()) {
                String version = rs.getString(1);
                String id = byNumber && isNumber(version) ? new BigInteger(version).toString() : version;
                entries.add(LedgerEntry.applied(id, version, order(version), null));
            }
        }
        return entries;
    }

    /** A recorded version's place: by number when it is one, else by text. */
    static VersionKey order(String version) {
        return isNumber(version) ? VersionKey.number(new BigInteger(version), "") : VersionKey.text(version);
    }

    private static boolean isNumber(String version) {
        return !version.isEmpty() && version.chars().allMatch(c -> c >= '0' && c <= '9');
    }
}
