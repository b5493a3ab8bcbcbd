package io.pgcarry.verify;

import io.pgcarry.hash.ContentHash;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.OptionalInt;

/**
 * The first pass over a table whose rows fall into numbered key buckets: one scan of each side, without grouping,
 * gives the table's row count and content hash and two more sums that locate a difference confined to one bucket.
 * With {@code h} a row's hash and {@code b} its bucket, they are {@code sum(h >> 4)} and {@code sum((h >> 4) * b)},
 * exact (numeric) sums: when only the rows of bucket {@code k} differ, the second sum differs by exactly {@code k}
 * times the first's difference. A clean table therefore costs one aggregate, cheaper than grouping every row into
 * its bucket, and a table with a few differing rows in one place costs that plus a look into one bucket. Whoever
 * descends into the located bucket must check that its differences account for the whole table's, since several
 * differing buckets could, by chance, point at one.
 */
final class BucketLocator {
    /** One side's sums; {@code rows} and {@code hash} are the table's content hash. */
    record Sums(long rows, long hash, BigInteger shifted, BigInteger weighted) {
        boolean sameTable(Sums other) {
            return rows == other.rows && hash == other.hash;
        }
    }

    private BucketLocator() {
    }

    /**
     * The sums of {@code table} on one side; {@code bucket} is the SQL of a row's bucket, NULL for none, which counts
     * as bucket {@code nullBucket}.
     */
    static Sums sums(Connection c, String rowHash, String bucket, int nullBucket, String table) throws SQLException {
        // OFFSET 0 keeps the inner SELECT from being merged into the outer one, which would hash each row three times.
        String sql = "SELECT pg_catalog.count(*), coalesce(pg_catalog.sum(h), 0)::text, coalesce(pg_catalog.sum(h >> 4), 0)::text, "
                + "coalesce(pg_catalog.sum((h >> 4) * b), 0)::text "
                + "FROM (SELECT " + rowHash + " AS h, coalesce(" + bucket + ", " + nullBucket + ") AS b FROM " + table + " OFFSET 0) r";
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return new Sums(rs.getLong(1), ContentHash.sum(rs.getString(2)), new BigInteger(rs.getString(3)), new BigInteger(rs.getString(4)));
        }
    }

    /**
     * The one bucket, from 0 to {@code lastBucket}, whose differences would explain all the difference between the two
     * sides; empty when none could (the differences are in several buckets).
     */
    static OptionalInt bucket(Sums source, Sums target, int lastBucket) {
        BigInteger shifted = target.shifted().subtract(source.shifted());
        BigInteger weighted = target.weighted().subtract(source.weighted());
        if (shifted.signum() == 0) {
            return OptionalInt.empty();
        }
        BigInteger[] quotient = weighted.divideAndRemainder(shifted);
        if (quotient[1].signum() != 0 || quotient[0].signum() < 0 || quotient[0].compareTo(BigInteger.valueOf(lastBucket)) > 0) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(quotient[0].intValue());
    }

    /**
     * Whether the located bucket's differences, {@code part} = {source rows, source hash, target rows, target hash} of
     * that bucket, are all of the table's: then every other bucket is equal on both sides.
     */
    static boolean explainsAll(Sums source, Sums target, long[] part) {
        return part[2] - part[0] == target.rows() - source.rows() && part[3] - part[1] == target.hash() - source.hash();
    }
}
