package io.pgcarry.lint;

import java.util.List;
import java.util.Objects;

/**
 * What one statement is predicted to do, whether or not a rule objects: the locks it takes and whether it rewrites or
 * scans a table. {@code rehearse} shows this beside what it measured.
 *
 * @param file          the file
 * @param statement     the statement's 1-based position in its file, as {@code migrate apply} splits it
 * @param line          its first line
 * @param excerpt       its first line, shortened
 * @param locks         the relation locks predicted, strongest first
 * @param rewrite       whether it rewrites a table
 * @param scan          whether it reads a whole table under its lock (a validation, a NOT NULL check, an index build)
 * @param inTransaction whether it runs inside a transaction block (the file's or one the file opened)
 */
public record StatementPrediction(String file, int statement, int line, String excerpt, List<PredictedLock> locks, boolean rewrite,
                                  boolean scan, boolean inTransaction) {
    public StatementPrediction {
        Objects.requireNonNull(file, "file");
        locks = List.copyOf(locks);
    }

    /** The strongest lock predicted, or null when it takes none worth naming. */
    public LockMode strongest() {
        return locks.isEmpty() ? null : locks.get(0).mode();
    }
}
