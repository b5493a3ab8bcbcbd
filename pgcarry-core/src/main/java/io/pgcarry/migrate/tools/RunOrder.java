package io.pgcarry.migrate.tools;

import io.pgcarry.migrate.VersionKey;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Places the rows of a ledger in the tool's order while they are read in the order they ran, for tools whose order is
 * a position in a file (Liquibase's changelog, Sqitch's plan) rather than a version: a row whose migration is still on
 * disk takes that migration's place; a row whose migration is gone takes the place right after the one that ran
 * before it, so that a deleted change set is listed where it was.
 */
final class RunOrder {
    private VersionKey last;
    private int sinceLast;

    /** A row of a migration on disk, at {@code order}. */
    VersionKey found(VersionKey order) {
        last = order;
        sinceLast = 0;
        return order;
    }

    /** A row of a migration no longer on disk: after the last one found, and after other such rows since. */
    VersionKey gone(String text) {
        sinceLast++;
        List<BigInteger> numbers = new ArrayList<>(last == null ? List.of(BigInteger.ZERO) : last.numbers());
        numbers.add(BigInteger.valueOf(sinceLast));
        return new VersionKey(false, numbers, text);
    }

    /** The place of the {@code index}th (from 1) migration of a file that lists them in order. */
    static VersionKey position(int index, String text) {
        return VersionKey.number(BigInteger.valueOf(index), text);
    }
}
