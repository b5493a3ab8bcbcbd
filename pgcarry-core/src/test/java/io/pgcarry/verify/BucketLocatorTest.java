package io.pgcarry.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BucketLocatorTest {
    private static final int LAST = 16;

    /** The sums of rows given as {hash, bucket}. */
    private static BucketLocator.Sums sums(long[][] rows) {
        long hash = 0;
        BigInteger shifted = BigInteger.ZERO;
        BigInteger weighted = BigInteger.ZERO;
        for (long[] row : rows) {
            hash += row[0];
            shifted = shifted.add(BigInteger.valueOf(row[0] >> 4));
            weighted = weighted.add(BigInteger.valueOf((row[0] >> 4) * row[1]));
        }
        return new BucketLocator.Sums(rows.length, hash, shifted, weighted);
    }

    private static long[][] table(Random random, int rows) {
        long[][] table = new long[rows][];
        for (int i = 0; i < rows; i++) {
            table[i] = new long[] {random.nextLong(), i * (long) LAST / rows};
        }
        return table;
    }

    @Test
    void aChangeMissingOrExtraRowIsLocatedInItsBucket() {
        Random random = new Random(7);
        long[][] source = table(random, 1000);
        for (int row : new int[] {0, 431, 999}) {
            long[][] changed = source.clone();
            changed[row] = new long[] {random.nextLong(), source[row][1]};
            assertThat(BucketLocator.bucket(sums(source), sums(changed), LAST)).hasValue((int) source[row][1]);

            long[][] missing = java.util.stream.IntStream.range(0, source.length).filter(i -> i != row).mapToObj(i -> source[i])
                    .toArray(long[][]::new);
            assertThat(BucketLocator.bucket(sums(source), sums(missing), LAST)).hasValue((int) source[row][1]);
        }
        long[][] withNullKey = java.util.Arrays.copyOf(source, source.length + 1);
        withNullKey[source.length] = new long[] {random.nextLong(), LAST};
        assertThat(BucketLocator.bucket(sums(source), sums(withNullKey), LAST)).as("the NULL-key bucket").hasValue(LAST);
    }

    @Test
    void changesInSeveralBucketsPointNowhereOrAreCaughtByTheCheck() {
        Random random = new Random(11);
        long[][] source = table(random, 1000);
        int pointedSomewhere = 0;
        for (int trial = 0; trial < 200; trial++) {
            long[][] changed = source.clone();
            int a = random.nextInt(1000);
            int b = random.nextInt(1000);
            if (source[a][1] == source[b][1]) {
                continue;
            }
            changed[a] = new long[] {random.nextLong(), source[a][1]};
            changed[b] = new long[] {random.nextLong(), source[b][1]};
            java.util.OptionalInt k = BucketLocator.bucket(sums(source), sums(changed), LAST);
            if (k.isPresent()) {
                pointedSomewhere++;
                long[] part = bucketTotals(source, changed, k.getAsInt());
                assertThat(BucketLocator.explainsAll(sums(source), sums(changed), part)).as("trial %d", trial).isFalse();
            }
        }
        assertThat(pointedSomewhere).as("two random changes almost never look like one bucket's").isLessThan(5);
    }

    @Test
    void aBucketHoldingEveryDifferenceExplainsAll() {
        Random random = new Random(3);
        long[][] source = table(random, 100);
        long[][] changed = source.clone();
        changed[50] = new long[] {random.nextLong(), source[50][1]};
        changed[51] = new long[] {random.nextLong(), source[51][1]};
        int k = (int) source[50][1];
        assertThat(source[51][1]).isEqualTo(k);
        assertThat(BucketLocator.bucket(sums(source), sums(changed), LAST)).hasValue(k);
        assertThat(BucketLocator.explainsAll(sums(source), sums(changed), bucketTotals(source, changed, k))).isTrue();
    }

    @Test
    void equalSidesLocateNothing() {
        long[][] source = table(new Random(5), 50);
        assertThat(BucketLocator.bucket(sums(source), sums(source), LAST)).isEmpty();
    }

    private static long[] bucketTotals(long[][] source, long[][] target, int bucket) {
        long[] totals = new long[4];
        for (long[] row : source) {
            if (row[1] == bucket) {
                totals[0]++;
                totals[1] += row[0];
            }
        }
        for (long[] row : target) {
            if (row[1] == bucket) {
                totals[2]++;
                totals[3] += row[0];
            }
        }
        return totals;
    }
}
