package io.pgcarry.verify;

import io.pgcarry.catalog.Column;
import io.pgcarry.catalog.Identifiers;
import io.pgcarry.error.SqlErrors;
import io.pgcarry.hash.ContentHash;
import io.pgcarry.hash.ContentTotals;
import io.pgcarry.plan.ColumnMove;
import io.pgcarry.plan.Conversion;
import io.pgcarry.plan.TableMove;
import io.pgcarry.report.Counts;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Compares one table at a {@link ValidationLevel}: counts, content hashes, and at full level the rows that differ,
 * down to their primary keys. When the key is one integer column, each side (both at once) is hashed in one scan
 * that locates the key range, of 16, that differs, and the differing ranges are split again the same way until a
 * range is small enough to compare row by row. With another key, each side's whole table is hashed, and a differing table is compared row
 * by row in key order.
 */
final class TableDiffer {
    private static final int FANOUT = 16;
    private static final long LEAF_ROWS = 1024;
    /** The bucket of rows whose key is NULL, in a grouped pass. */
    private static final int NULL_KEYS = -1;
    /** The same, in the first pass ({@link BucketLocator}), which numbers it after the others. */
    private static final int NULL_BUCKET = FANOUT;

    private final Connection source;
    private final Connection target;
    private final TableMove move;
    private final ContentHash hash;
    private final ValidationLevel level;
    private final int maxDiffs;
    /** Characters of a differing value shown at most. */
    static final int SHOWN_CHARACTERS = 1000;
    private final boolean showValues;
    private final ContentTotals copiedSource;
    private final ContentTotals hashedTarget;
    private final List<RowDifference> differences = new ArrayList<>();
    private boolean truncated;

    /**
     * @param copiedSource  the source's totals as the move summed them from the rows it copied, or null; when the
     *                      target's totals match them, the source is not read again
     * @param hashedTarget  the target's totals as computed since its rows were loaded, or null: used instead of
     *                      reading the target when they match the copied source's
     */
    TableDiffer(Connection source, Connection target, TableMove move, Encodings encodings, ValidationLevel level, int maxDiffs,
                boolean showValues, ContentTotals copiedSource, ContentTotals hashedTarget) {
        // Totals taken while copying cover the copied columns only: with generated columns to compare, read both sides.
        boolean copiedColumnsOnly = move.generated().isEmpty();
        this.copiedSource = copiedColumnsOnly ? copiedSource : null;
        this.hashedTarget = copiedColumnsOnly ? hashedTarget : null;
        this.source = source;
        this.target = target;
        this.move = move;
        this.hash = ContentHash.validated(move).inEncodings(encodings.source(), encodings.target());
        this.level = level;
        this.maxDiffs = maxDiffs;
        this.showValues = showValues;
    }

    TableValidation run() {
        long started = System.nanoTime();
        try {
            Optional<KeyColumns> key = integerKey();
            // When the target holds exactly the rows the move copied, there is nothing more to compare.
            long[] totals = level == ValidationLevel.COUNT ? null : againstCopiedSource();
            boolean sourceFromCopy = totals != null;
            String note = null;
            if (totals == null && level != ValidationLevel.FULL) {
                totals = whole();
            } else if (totals == null && key.isPresent()) {
                totals = byRanges(key.get());
            } else if (totals == null) {
                totals = whole();
                if (totals[0] != totals[2] || totals[1] != totals[3]) {
                    if (move.source().hasPrimaryKey() && keyText(true).isPresent()) {
                        new OrderedMerge(source, target, keyText(true).get(), keyText(false).get(), hash, this).run();
                    } else {
                        note = "no primary key: compared as a multiset of rows; differences are reported for the whole table";
                    }
                }
            }
            boolean passed = totals[0] == totals[2] && totals[1] == totals[3] && differences.isEmpty();
            boolean hashed = level != ValidationLevel.COUNT;
            return new TableValidation(move.label(), totals[0], totals[2], hashed ? ContentHash.value(totals[0], totals[1]) : null,
                    hashed ? ContentHash.value(totals[2], totals[3]) : null, passed, (System.nanoTime() - started) / 1e9, note, differences,
                    truncated, sourceFromCopy);
        } catch (SQLException e) {
            throw SqlErrors.translate("comparing " + move.label(), e);
        }
    }

    /** The server encodings of the two sides. */
    record Encodings(String source, String target) {
    }

    /** The integer key on both sides: the source key column and the target column it is copied into unchanged. */
    private record KeyColumns(String source, String target, String label) {
    }

    private Optional<KeyColumns> integerKey() {
        Optional<Column> key = move.source().integerKey();
        if (key.isEmpty()) {
            return Optional.empty();
        }
        return move.columns().stream()
                .filter(c -> c.source() != null && c.source().name().equals(key.get().name()) && c.conversion() == Conversion.SAME)
                .findFirst().map(c -> new KeyColumns(c.sourceSql(), c.target().sql(), c.target().name()));
    }

    /**
     * {source rows, source hash, target rows, target hash} when the target matches the totals the move summed from
     * the rows it copied; null when there are none or they differ, and both sides must be read (and compared further).
     */
    private long[] againstCopiedSource() throws SQLException {
        if (copiedSource == null) {
            return null;
        }
        if (copiedSource.equals(hashedTarget)) {
            return new long[] {copiedSource.rows(), copiedSource.sum(), hashedTarget.rows(), hashedTarget.sum()};
        }
        long[] target = aggregate(this.target, hash.aggregateSql(false, move.target().rowsSql(), null));
        if (target[0] != copiedSource.rows() || target[1] != copiedSource.sum()) {
            return null;
        }
        return new long[] {copiedSource.rows(), copiedSource.sum(), target[0], target[1]};
    }

    /** {source rows, source hash, target rows, target hash}; the hashes are 0 at count level. */
    private long[] whole() throws SQLException {
        String sourceSql = level == ValidationLevel.COUNT ? "SELECT pg_catalog.count(*), '0' FROM " + move.source().rowsSql()
                : hash.aggregateSql(true, move.source().rowsSql(), null);
        String targetSql = level == ValidationLevel.COUNT ? "SELECT pg_catalog.count(*), '0' FROM " + move.target().rowsSql()
                : hash.aggregateSql(false, move.target().rowsSql(), null);
        long[][] sides = both(source -> aggregate(source, sourceSql), target -> aggregate(target, targetSql));
        return new long[] {sides[0][0], sides[0][1], sides[1][0], sides[1][1]};
    }

    /**
     * Hashes the table in one scan of each side that also locates a difference confined to one of 16 key buckets
     * ({@link BucketLocator}), then descends into that bucket; when the differences are spread wider, hashes the
     * table per bucket and descends into every bucket that differs. A clean table costs one pass, about as much as a
     * whole-table hash; a table with a changed row costs one pass plus a sixteenth, a two-hundred-fifty-sixth...,
     * rather than a second full pass to find where the difference is.
     */
    private long[] byRanges(KeyColumns key) throws SQLException {
        long[][] bounds = both(source -> aggregate(source, "SELECT pg_catalog.min(" + key.source() + "), pg_catalog.max(" + key.source() + ") FROM "
                + move.source().rowsSql()), target -> aggregate(target, "SELECT pg_catalog.min(" + key.target() + "), pg_catalog.max(" + key.target()
                + ") FROM " + move.target().rowsSql()));
        if (bounds[0] == null && bounds[1] == null) {
            return whole();
        }
        BigInteger lo = min(bounds[0], bounds[1]);
        BigInteger hi = max(bounds[0], bounds[1]).add(BigInteger.ONE);
        List<BigInteger> edges = edges(lo, hi);
        BothSides.Results<BucketLocator.Sums> first = BothSides.run(
                source, c -> BucketLocator.sums(c, hash.rowHash(true), bucketSql(key.source(), edges), NULL_BUCKET, move.source().rowsSql()),
                target, c -> BucketLocator.sums(c, hash.rowHash(false), bucketSql(key.target(), edges), NULL_BUCKET, move.target().rowsSql()));
        BucketLocator.Sums s = first.source();
        BucketLocator.Sums t = first.target();
        long[] totals = {s.rows(), s.hash(), t.rows(), t.hash()};
        if (s.sameTable(t)) {
            return totals;
        }
        OptionalInt located = BucketLocator.bucket(s, t, NULL_BUCKET);
        if (located.isPresent() && located.getAsInt() < FANOUT) {
            int k = located.getAsInt();
            int found = differences.size();
            boolean wasTruncated = truncated;
            long[] part = descend(key, edges.get(k), edges.get(k + 1), false);
            if (BucketLocator.explainsAll(s, t, part)) {
                return totals;
            }
            // Other buckets differ too: compare them all, from the top.
            differences.subList(found, differences.size()).clear();
            truncated = wasTruncated;
        }
        descend(key, lo, hi, true);
        return totals;
    }

    /** The FANOUT + 1 edges of equal buckets over [lo, hi) (the last may be narrower). */
    private static List<BigInteger> edges(BigInteger lo, BigInteger hi) {
        BigInteger step = ceilDiv(hi.subtract(lo), FANOUT);
        List<BigInteger> edges = new ArrayList<>();
        for (int i = 0; i <= FANOUT; i++) {
            edges.add(lo.add(step.multiply(BigInteger.valueOf(i))).min(hi));
        }
        return edges;
    }

    /**
     * Hashes the FANOUT buckets of [lo, hi) on both sides (one GROUP BY query each) and compares them: equal buckets
     * are done, differing ones are compared row by row when small and split again otherwise. Returns the totals of
     * the range on both sides: {source rows, source hash, target rows, target hash}. The {@code top} range holds
     * every key of both sides, and every row: the scan needs no filter, and rows whose key is NULL (possible on a
     * target without the key's constraint) are counted, and reported, apart.
     */
    private long[] descend(KeyColumns key, BigInteger lo, BigInteger hi, boolean top) throws SQLException {
        // Buckets of equal width (the last may be narrower): a key's bucket is then one subtraction and one division.
        List<BigInteger> edges = edges(lo, hi);
        BothSides.Results<Map<Integer, long[]>> sides = buckets(key, edges, top);
        long[] sourceNulls = sides.source().getOrDefault(NULL_KEYS, new long[2]);
        long[] targetNulls = sides.target().getOrDefault(NULL_KEYS, new long[2]);
        long[] totals = {sourceNulls[0], sourceNulls[1], targetNulls[0], targetNulls[1]};
        if (sourceNulls[0] != targetNulls[0] || sourceNulls[1] != targetNulls[1]) {
            add(new RowDifference(targetNulls[0] > 0 ? RowDifference.EXTRA : RowDifference.MISSING, key.label() + "=NULL ("
                    + Counts.of(Math.max(sourceNulls[0], targetNulls[0]), "row") + ")", List.of(), Map.of()));
        }
        for (int i = 0; i < FANOUT; i++) {
            long[] s = sides.source().getOrDefault(i, new long[2]);
            long[] t = sides.target().getOrDefault(i, new long[2]);
            totals[0] += s[0];
            totals[1] += s[1];
            totals[2] += t[0];
            totals[3] += t[1];
            BigInteger from = edges.get(i);
            BigInteger to = edges.get(i + 1);
            if (from.equals(to) || s[0] == t[0] && s[1] == t[1]) {
                continue;
            }
            if (differences.size() >= maxDiffs) {
                truncated = true;
            } else if (Math.max(s[0], t[0]) <= LEAF_ROWS || to.subtract(from).compareTo(BigInteger.valueOf(FANOUT)) <= 0) {
                compareRows(key, from, to);
            } else {
                descend(key, from, to, false);
            }
        }
        return totals;
    }

    /**
     * Per side, bucket number to {rows, hash sum} for the keys in [edges[0], edges[FANOUT]) (for the whole table
     * when {@code top}), a key's bucket being the number of inner edges at or below it (width_bucket with the edges as
     * thresholds, exact integer comparisons); rows with a NULL key under {@link #NULL_KEYS}. Empty buckets are absent.
     */
    private BothSides.Results<Map<Integer, long[]>> buckets(KeyColumns key, List<BigInteger> edges, boolean top) throws SQLException {
        return BothSides.run(source, c -> bucketQuery(c, true, key.source(), move.source().rowsSql(), edges, top),
                target, c -> bucketQuery(c, false, key.target(), move.target().rowsSql(), edges, top));
    }

    private Map<Integer, long[]> bucketQuery(Connection c, boolean sourceSide, String key, String table, List<BigInteger> edges,
                                             boolean top) throws SQLException {
        BigInteger lo = edges.get(0);
        String sql = "SELECT " + bucketSql(key, edges) + ", pg_catalog.count(*), coalesce(pg_catalog.sum(" + hash.rowHash(sourceSide) + "), 0)::text FROM " + table
                + (top ? "" : " WHERE " + key + " >= " + lo + " AND " + key + " < " + edges.get(FANOUT)) + " GROUP BY 1";
        Map<Integer, long[]> result = new HashMap<>();
        try (Statement st = c.createStatement()) {
            // The planner cannot tell that there are 16 groups and would sort every row (to disk) to group them; a
            // hash table of 16 entries is what it should use.
            st.execute("SET enable_sort = off");
            try (ResultSet rs = st.executeQuery(sql)) {
                while (rs.next()) {
                    int number = rs.getInt(1);
                    result.put(rs.wasNull() ? NULL_KEYS : number, new long[] {rs.getLong(2), ContentHash.sum(rs.getString(3))});
                }
            }
            st.execute("RESET enable_sort");
        }
        return result;
    }

    /** A row's bucket among {@code edges}: NULL for a NULL key. */
    private static String bucketSql(String key, List<BigInteger> edges) {
        BigInteger lo = edges.get(0);
        BigInteger step = edges.get(1).subtract(lo);
        boolean fitsBigint = edges.get(FANOUT).subtract(lo).bitLength() < 64;
        // Equal steps: (key - lo) / step, unless the span of keys overflows a bigint; then the edges as thresholds.
        return fitsBigint ? "((" + key + ")::bigint - '" + lo + "'::bigint) / " + step
                : "pg_catalog.width_bucket((" + key + ")::bigint, '{" + edges.subList(1, FANOUT).stream().map(BigInteger::toString)
                        .collect(Collectors.joining(",")) + "}'::bigint[])";
    }

    private long[][] both(BothSides.Query<long[]> onSource, BothSides.Query<long[]> onTarget) throws SQLException {
        BothSides.Results<long[]> results = BothSides.run(source, onSource, target, onTarget);
        return new long[][] {results.source(), results.target()};
    }

    private void compareRows(KeyColumns key, BigInteger from, BigInteger to) throws SQLException {
        Map<Long, Long> s = rowHashes(source, true, key.source(), move.source().rowsSql(), from, to);
        Map<Long, Long> t = rowHashes(target, false, key.target(), move.target().rowsSql(), from, to);
        TreeSet<Long> keys = new TreeSet<>(s.keySet());
        keys.addAll(t.keySet());
        for (Long k : keys) {
            Long a = s.get(k);
            Long b = t.get(k);
            if (Objects.equals(a, b)) {
                continue;
            }
            String label = key.label() + "=" + k;
            if (b == null) {
                add(new RowDifference(RowDifference.MISSING, label, List.of(), Map.of()));
            } else if (a == null) {
                add(new RowDifference(RowDifference.EXTRA, label, List.of(), Map.of()));
            } else {
                add(changed(label, key.source() + " = " + k, key.target() + " = " + k));
            }
            if (differences.size() >= maxDiffs) {
                truncated = truncated || keys.tailSet(k, false).stream().anyMatch(x -> !Objects.equals(s.get(x), t.get(x)));
                return;
            }
        }
    }

    private Map<Long, Long> rowHashes(Connection c, boolean sourceSide, String key, String table, BigInteger from, BigInteger to)
            throws SQLException {
        Map<Long, Long> result = new LinkedHashMap<>();
        String sql = "SELECT " + key + ", " + hash.rowHash(sourceSide) + " FROM " + table + " WHERE " + key + " >= " + from
                + " AND " + key + " < " + to;
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                result.put(rs.getLong(1), rs.getLong(2));
            }
        }
        return result;
    }

    /**
     * A changed row, with the names of its differing columns (and their values when asked). Columns are compared by a
     * digest of their text computed by each server, so a value of any size costs the client a few bytes; shown values
     * are cut to {@link #SHOWN_CHARACTERS}.
     */
    RowDifference changed(String label, String sourceWhere, String targetWhere) throws SQLException {
        List<String> a = values(source, digests(hash.source()), move.source().rowsSql(), sourceWhere);
        List<String> b = values(target, digests(hash.target()), move.target().rowsSql(), targetWhere);
        List<Integer> differing = new ArrayList<>();
        for (int i = 0; i < hash.names().size(); i++) {
            if (!Objects.equals(a.get(i), b.get(i))) {
                differing.add(i);
            }
        }
        Map<String, List<String>> shown = new LinkedHashMap<>();
        if (showValues && !differing.isEmpty()) {
            List<String> sa = values(source, shown(differing, hash.source()), move.source().rowsSql(), sourceWhere);
            List<String> sb = values(target, shown(differing, hash.target()), move.target().rowsSql(), targetWhere);
            for (int i = 0; i < differing.size(); i++) {
                shown.put(hash.names().get(differing.get(i)), Arrays.asList(sa.get(i), sb.get(i)));
            }
        }
        return new RowDifference(RowDifference.CHANGED, label, differing.stream().map(hash.names()::get).toList(), shown);
    }

    /** Digests of the columns' text in one encoding, so two servers of different encodings agree on equal values. */
    private static List<String> digests(List<String> columns) {
        return columns.stream().map(col -> "pg_catalog.md5(pg_catalog.convert_to((" + col + ")::text, 'UTF8'))").toList();
    }

    private static List<String> shown(List<Integer> differing, List<String> columns) {
        return differing.stream().map(columns::get).map(col -> "(" + col + ")::text").map(text -> "CASE WHEN pg_catalog.length("
                + text + ") > " + SHOWN_CHARACTERS + " THEN pg_catalog.left(" + text + ", " + SHOWN_CHARACTERS + ") || '... ('"
                + " || pg_catalog.length(" + text + ") || ' characters)' ELSE " + text + " END").toList();
    }

    private static List<String> values(Connection c, List<String> expressions, String table, String where) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT " + String.join(", ", expressions) + " FROM " + table + " WHERE " + where + " LIMIT 1")) {
            List<String> result = new ArrayList<>();
            boolean found = rs.next();
            for (int i = 1; i <= expressions.size(); i++) {
                result.add(found ? rs.getString(i) : null);
            }
            return result;
        }
    }

    void add(RowDifference difference) {
        differences.add(difference);
    }

    boolean full() {
        if (differences.size() >= maxDiffs) {
            truncated = true;
            return true;
        }
        return false;
    }

    /** A SQL expression rendering the primary key as {@code col=value, ...}, with target column names. */
    private Optional<String> keyText(boolean sourceSide) {
        List<String> parts = new ArrayList<>();
        for (String name : move.source().primaryKey()) {
            Optional<ColumnMove> column = move.columns().stream()
                    .filter(c -> c.source() != null && c.source().name().equals(name)).findFirst();
            if (column.isEmpty()) {
                return Optional.empty();
            }
            String expr = sourceSide ? column.get().sourceSql() : column.get().target().sql();
            parts.add(Identifiers.literal(column.get().target().name() + "=") + " || coalesce((" + expr + ")::text, 'NULL')");
        }
        return Optional.of(String.join(" || ', ' || ", parts));
    }

    TableMove move() {
        return move;
    }

    private static long[] aggregate(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            long a = rs.getLong(1);
            if (rs.wasNull()) {
                return null;
            }
            return new long[] {a, ContentHash.sum(rs.getString(2))};
        }
    }

    private static BigInteger min(long[] a, long[] b) {
        return BigInteger.valueOf(a == null ? b[0] : b == null ? a[0] : Math.min(a[0], b[0]));
    }

    private static BigInteger max(long[] a, long[] b) {
        return BigInteger.valueOf(a == null ? b[1] : b == null ? a[1] : Math.max(a[1], b[1]));
    }

    private static BigInteger ceilDiv(BigInteger value, int divisor) {
        BigInteger[] qr = value.divideAndRemainder(BigInteger.valueOf(divisor));
        return qr[1].signum() == 0 ? qr[0] : qr[0].add(BigInteger.ONE);
    }
}
