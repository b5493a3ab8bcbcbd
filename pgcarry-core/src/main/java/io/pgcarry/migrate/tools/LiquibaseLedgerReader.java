package io.pgcarry.migrate.tools;

import io.pgcarry.catalog.QualifiedName;
import io.pgcarry.migrate.LedgerEntry;
import io.pgcarry.migrate.LedgerEntry.Outcome;
import io.pgcarry.migrate.LocalMigration;
import io.pgcarry.migrate.VersionKey;
import io.pgcarry.migrate.checksum.LiquibaseChecksum;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads {@code databasechangelog} in the order its rows ran ({@code dateexecuted}, {@code orderexecuted}) and matches
 * each with its change set by id, author and FILENAME, the path compared as Liquibase compares it and allowed to be
 * longer or shorter by leading directories (a row records the path Liquibase was given: {@code db/changelog/x.sql}
 * from the classpath, {@code x.sql} from the directory). EXECTYPE {@code EXECUTED} and {@code RERAN} are applied,
 * {@code MARK_RAN} applied without having run, {@code FAILED} failed; {@code SKIPPED} rows do not count, as Liquibase
 * counts them as not run. An MD5SUM cleared by {@code clear-checksums}, or of a version older than Liquibase 4's, is
 * not compared.
 */
final class LiquibaseLedgerReader {
    private static final String ROWS = """
            SELECT id, author, filename, dateexecuted::pg_catalog.timestamptz, exectype, md5sum
              FROM %s ORDER BY dateexecuted, orderexecuted""";

    private LiquibaseLedgerReader() {
    }

    static List<LedgerEntry> read(Connection connection, QualifiedName table, List<LocalMigration> local) throws SQLException {
        Map<String, List<LocalMigration>> byIdAndAuthor = new HashMap<>();
        for (LocalMigration m : local) {
            byIdAndAuthor.computeIfAbsent(m.id().substring(m.id().indexOf("::")), k -> new ArrayList<>()).add(m);
        }
        Map<String, LedgerEntry> entries = new LinkedHashMap<>();
        RunOrder order = new RunOrder();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(ROWS.formatted(table.sql()))) {
            while (rs.next()) {
                String exectype = rs.getString(5).strip().toUpperCase(Locale.ROOT);
                if (exectype.equals("SKIPPED")) {
                    continue;
                }
                String key = LiquibaseSupport.key(rs.getString(3), rs.getString(1), rs.getString(2));
                LocalMigration found = find(byIdAndAuthor.get(key.substring(key.indexOf("::"))), key);
                VersionKey place = found == null ? order.gone(key) : order.found(found.order());
                String id = found == null ? key : found.id();
                entries.put(id, entry(id, place, exectype, rs.getString(6), rs.getObject(4, OffsetDateTime.class)));
            }
        }
        return List.copyOf(entries.values());
    }

    /** The change set of that id and author whose path is the row's, or ends with it, or the row's ends with its. */
    private static LocalMigration find(List<LocalMigration> candidates, String key) {
        if (candidates == null) {
            return null;
        }
        String path = key.substring(0, key.indexOf("::"));
        LocalMigration suffix = null;
        for (LocalMigration m : candidates) {
            String own = m.id().substring(0, m.id().indexOf("::"));
            if (own.equals(path)) {
                return m;
            }
            if (suffix == null && (own.endsWith("/" + path) || path.endsWith("/" + own))) {
                suffix = m;
            }
        }
        return suffix;
    }

    private static LedgerEntry entry(String id, VersionKey place, String exectype, String md5sum, OffsetDateTime at) {
        Outcome outcome = exectype.equals("FAILED") ? Outcome.FAILED : Outcome.APPLIED;
        String note = switch (exectype) {
            case "FAILED" -> "exectype FAILED";
            case "MARK_RAN" -> "MARK_RAN: recorded as run without running (changelog-sync, or a precondition's onFail)";
            default -> null;
        };
        String checksum = md5sum == null || md5sum.isBlank() ? null : md5sum.strip();
        if (checksum == null) {
            note = join(note, "md5sum cleared: liquibase records it again at its next update");
        } else if (!LiquibaseChecksum.supports(LiquibaseChecksum.version(checksum))) {
            note = join(note, "md5sum of checksum version " + LiquibaseChecksum.version(checksum)
                    + " (before Liquibase 4): not compared; liquibase updates it at its next update");
            checksum = null;
        }
        return new LedgerEntry(id, id, null, place, outcome, checksum, null, at, note);
    }

    private static String join(String first, String second) {
        return first == null ? second : first + "; " + second;
    }
}
