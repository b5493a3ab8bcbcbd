package io.pgcarry.importer;

import io.pgcarry.catalog.Catalog;
import io.pgcarry.catalog.Constraint;
import io.pgcarry.catalog.QualifiedName;
import io.pgcarry.copy.CopyProgress;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Moves the accepted rows from the staging tables into the target tables, referenced tables first (foreign keys stay in
 * place and are checked as rows arrive: no trigger is disabled, so a non-superuser can run it), and COPYs the id map,
 * all on the caller's one transaction.
 */
final class TargetLoad {
    private TargetLoad() {
    }

    /**
     * Rows written per table: each target's staged rows (already of its column types, so nothing is parsed again or
     * sent twice) inserted by the server itself, less those of rejected records.
     */
    static Map<QualifiedName, Long> run(Connection c, Catalog catalog, List<Target> targets, Spill spill, CopyProgress progress)
            throws SQLException, IOException {
        Map<QualifiedName, Long> written = new LinkedHashMap<>();
        for (Target t : dependencyOrder(catalog, targets)) {
            long rows;
            try (Statement s = c.createStatement()) {
                rows = s.executeUpdate("INSERT INTO " + t.name().sql() + " (" + Staging.columns(t, "") + ") SELECT " + Staging.columns(t, "s.")
                        + " FROM " + Staging.table(t) + " s WHERE s.pgcarry_ordinal NOT IN (SELECT ordinal FROM pg_temp.pgcarry_import_rejected)");
            }
            Path file = spill.file(t.number());
            progress.streamed(t.name(), rows, Files.exists(file) ? Files.size(file) : 0);
            written.merge(t.name(), rows, Long::sum);
        }
        return written;
    }

    /**
     * COPYs {@code file}'s lines, less those of rejected records and less the last {@code trailing} fields (the first of
     * which is the record's ordinal), with {@code suffix} added.
     */
    static long copy(Connection c, String sql, Path file, Set<Long> rejected, int trailing, String suffix) throws SQLException, IOException {
        CopyIn in = c.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
        long rows = 0;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                int cut = line.length();
                for (int i = 0; i < trailing; i++) {
                    cut = line.lastIndexOf('\t', cut - 1);
                }
                int ordinalEnd = trailing > 1 ? line.indexOf('\t', cut + 1) : line.length();
                long ordinal = Long.parseLong(line.substring(cut + 1, ordinalEnd));
                if (rejected.contains(ordinal)) {
                    continue;
                }
                byte[] bytes = (line.substring(0, cut) + suffix + "\n").getBytes(StandardCharsets.UTF_8);
                in.writeToCopy(bytes, 0, bytes.length);
                rows++;
            }
            in.endCopy();
        } finally {
            if (in.isActive()) {
                in.cancelCopy();
            }
        }
        return rows;
    }

    /** The targets, each after those its table references (a table referencing itself is loaded in file order). */
    static List<Target> dependencyOrder(Catalog catalog, List<Target> targets) {
        List<Target> ordered = new ArrayList<>();
        List<Target> left = new ArrayList<>(targets);
        while (!left.isEmpty()) {
            Target next = left.stream().filter(t -> catalog.constraintsOf(t.name()).stream().filter(Constraint::isForeignKey)
                    .map(Constraint::references).filter(r -> !r.equals(t.name()))
                    .noneMatch(r -> left.stream().anyMatch(o -> o.name().equals(r)))).findFirst().orElse(left.get(0));
            ordered.add(next);
            left.remove(next);
        }
        return ordered;
    }
}
