package io.pgcarry.rehearse;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Judges a measured statement. A statement is safe when it holds no lock that blocks writes on a relation that existed
 * before the migration, or when it holds one only to change the catalog (it read no table block, wrote no row, rewrote
 * and built nothing, so its hold time does not grow with the table). Otherwise it blocks writes, or reads and writes,
 * for the time measured; a rewrite under such a lock says how many bytes; a failure says why, naming the rows.
 */
final class Verdicts {
    private Verdicts() {
    }

    /**
     * @param work whether the statement, or a later one of its file when the file runs in one transaction (its locks then
     *             held until the file commits), did work that grows with the data
     */
    static Verdict of(StatementResult s, boolean work) {
        if (s.failure() != null) {
            Failure f = s.failure();
            return new Verdict(Verdict.Kind.FAILS, f.onData() ? "fails on data: " + rows(f.rows()) + " (keys " + String.join(", ", f.keys())
                    + (f.rows() > f.keys().size() ? ", ..." : "") + ")" : "fails: " + f.message());
        }
        Optional<HeldLock> blocking = work ? blocking(s) : Optional.empty();
        if (blocking.isEmpty()) {
            return new Verdict(Verdict.Kind.SAFE, "safe");
        }
        HeldLock lock = blocking.get();
        String held = Sizes.seconds(Math.max(lock.heldSeconds(), s.heldUntilFileEndSeconds()))
                + (s.heldUntilFileEndSeconds() > lock.heldSeconds() + 0.001 ? ", until its file commits" : "");
        if (s.rewrittenBytes() > 0) {
            return new Verdict(Verdict.Kind.REWRITES, "rewrites " + Sizes.bytes(s.rewrittenBytes()) + " under " + lock.mode().label()
                    + " (" + lock.mode().blocks() + " " + held + ")");
        }
        return new Verdict(lock.mode().blocksReads() ? Verdict.Kind.BLOCKS_READS_AND_WRITES : Verdict.Kind.BLOCKS_WRITES,
                lock.mode().blocks() + " " + held);
    }

    /** The strongest lock that blocks the application. */
    static Optional<HeldLock> blocking(StatementResult s) {
        return s.locks().stream().filter(HeldLock::blocking).max(Comparator.comparing(HeldLock::mode).thenComparing(HeldLock::heldSeconds));
    }

    /** Which budgets the statement exceeds, each in a sentence. */
    static List<String> overBudget(StatementResult s, Duration maxLock, Long maxRewrite) {
        List<String> over = new ArrayList<>();
        if (s.failure() != null) {
            return over;
        }
        Optional<HeldLock> lock = s.locks().stream().filter(HeldLock::blocking).max(Comparator.comparing(HeldLock::heldSeconds));
        double held = lock.map(l -> Math.max(l.heldSeconds(), s.heldUntilFileEndSeconds())).orElse(0.0);
        if (maxLock != null && lock.isPresent() && held > maxLock.toMillis() / 1000.0) {
            over.add("holds " + lock.get().mode().label() + " on " + lock.get().relation() + " " + Sizes.seconds(held)
                    + ", over --max-lock " + Sizes.seconds(maxLock.toMillis() / 1000.0));
        }
        if (maxRewrite != null && s.rewrittenBytes() > maxRewrite) {
            over.add("rewrites " + Sizes.bytes(s.rewrittenBytes()) + ", over --max-rewrite " + Sizes.bytes(maxRewrite));
        }
        return over;
    }

    private static String rows(long n) {
        return n + (n == 1 ? " row" : " rows");
    }
}
