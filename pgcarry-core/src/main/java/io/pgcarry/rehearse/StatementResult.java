package io.pgcarry.rehearse;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one statement of a migration did on the scratch database, as measured.
 *
 * @param file          the migration file
 * @param line          the line the statement starts on
 * @param statement     its first line, shortened
 * @param inTransaction whether it ran in a transaction of its own (its locks read from pg_locks before commit) or outside
 *                      any (its locks sampled every ~10 ms)
 * @param seconds       how long it ran
 * @param locks         the locks it took, one per relation (the strongest mode)
 * @param heldUntilFileEndSeconds in a file that runs in one transaction, how long its strong locks would be held by
 *                      {@code migrate apply}: from its start to the end of the file's last statement; else its hold time
 * @param written       the relations it rewrote or built
 * @param walBytes      the WAL it wrote
 * @param scannedBlocks the table blocks it read (0: it changed the catalog only)
 * @param rowsWritten   rows it inserted, updated or deleted in existing tables
 * @param failure       why it failed, or null
 * @param probeWait     the longest lock wait of a probe while it ran (with probe traffic), or null
 * @param trial         its lock_timeout trial (with a lock timeout given), or null
 * @param verdict       the verdict
 * @param overBudget    which of --max-lock and --max-rewrite it exceeds, each as a sentence
 * @param predicted     what {@code pgcarry lint} predicted for this statement, when it ran; null otherwise
 */
public record StatementResult(String file, int line, String statement, boolean inTransaction, double seconds, List<HeldLock> locks,
                              double heldUntilFileEndSeconds, List<Written> written, long walBytes, long scannedBlocks,
                              long rowsWritten, Failure failure, ProbeWait probeWait, TimeoutTrial trial, Verdict verdict,
                              List<String> overBudget, List<String> predicted) {
    public StatementResult {
        Objects.requireNonNull(file, "file");
        locks = List.copyOf(locks);
        written = List.copyOf(written);
        overBudget = List.copyOf(overBudget);
        predicted = predicted == null ? null : List.copyOf(predicted);
    }

    /** The strongest lock it held on a relation that existed before the migration, if any. */
    public Optional<HeldLock> strongest() {
        return locks.stream().filter(l -> !l.created()).max(Comparator.comparing(HeldLock::mode)
                .thenComparing(l -> l.kind().equals("table")).thenComparing(HeldLock::heldSeconds));
    }

    /** The bytes of the relations it rewrote (not those it built new). */
    public long rewrittenBytes() {
        return written.stream().filter(Written::rewritten).mapToLong(Written::bytes).sum();
    }

    /** {@code file:line}. */
    public String location() {
        return file + ":" + line;
    }

    StatementResult with(ProbeWait wait, TimeoutTrial timeoutTrial, Verdict newVerdict, List<String> budget) {
        return new StatementResult(file, line, statement, inTransaction, seconds, locks, heldUntilFileEndSeconds, written, walBytes,
                scannedBlocks, rowsWritten, failure, wait, timeoutTrial, newVerdict, budget, predicted);
    }

    /** The same result with lint's prediction beside it. */
    public StatementResult withPrediction(List<String> prediction) {
        return new StatementResult(file, line, statement, inTransaction, seconds, locks, heldUntilFileEndSeconds, written, walBytes,
                scannedBlocks, rowsWritten, failure, probeWait, trial, verdict, overBudget, prediction);
    }
}
