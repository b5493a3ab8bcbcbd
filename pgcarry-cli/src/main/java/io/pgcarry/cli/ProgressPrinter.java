package io.pgcarry.cli;

import io.pgcarry.catalog.QualifiedName;
import io.pgcarry.copy.CopyProgress;
import io.pgcarry.copy.LockWait;
import io.pgcarry.report.Counts;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Progress on stderr: on a terminal, one line rewritten in place (rows, bytes, rate, ETA); otherwise one line
 * per phase and per finished table, which reads well in CI logs.
 */
final class ProgressPrinter implements CopyProgress {
    private final Console console;
    private final boolean terminal = System.console() != null;
    private final AtomicLong rows = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final long created = System.nanoTime();
    private volatile long estimatedRows;
    private volatile long started;
    private volatile long lastPrint;
    private volatile boolean running;
    private volatile boolean done;

    private volatile String note;

    ProgressPrinter(Console console) {
        this(console, null);
    }

    /** @param note a line printed before the first phase, when the work has started (null for none) */
    ProgressPrinter(Console console, String note) {
        this.console = console;
        this.note = note;
    }

    @Override
    public synchronized void phase(String name) {
        endLine();
        if (note != null) {
            console.info(note);
            note = null;
        }
        running = true;
        console.info(String.format(Locale.ROOT, "- %s (at %.1f s)", name, (System.nanoTime() - created) / 1e9));
    }

    @Override
    public void copyStarting(long estimatedRows, long estimatedBytes) {
        this.estimatedRows = estimatedRows;
        this.started = System.nanoTime();
    }

    @Override
    public void streamed(QualifiedName table, long rowsDelta, long bytesDelta) {
        rows.addAndGet(rowsDelta);
        bytes.addAndGet(bytesDelta);
        long now = System.nanoTime();
        if (terminal && !console.quiet() && now - lastPrint > 500_000_000L) {
            lastPrint = now;
            printLine();
        }
    }

    @Override
    public synchronized void tableCopied(QualifiedName table, long tableRows, long tableBytes, double seconds) {
        endLine();
        console.info(String.format(Locale.ROOT, "  copied %s: %s, %s in %.1f s", table, Counts.of(tableRows, "row"), Reports.bytes(tableBytes), seconds));
        if (terminal && !console.quiet()) {
            printLine();
        }
    }

    @Override
    public synchronized void lockWait(LockWait wait) {
        endLine();
        console.info(Reports.lockWait(wait));
    }

    /** Printed by the shutdown hook when Ctrl-C stops a move half-way. */
    void interrupted() {
        if (running && !done) {
            endLine();
            console.warn("interrupted: committed work is kept; finish with 'pgcarry move --resume' or undo with "
                    + "'pgcarry move --abort', with the same arguments");
        }
    }

    synchronized void finished() {
        done = true;
        endLine();
    }

    private synchronized void printLine() {
        double seconds = Math.max(0.001, (System.nanoTime() - started) / 1e9);
        long r = rows.get();
        double rate = r / seconds;
        String eta = estimatedRows > r && rate > 0 ? String.format(Locale.ROOT, ", ETA %.0f s", (estimatedRows - r) / rate) : "";
        String percent = estimatedRows > 0 ? String.format(Locale.ROOT, "%3.0f%% ", Math.min(100.0, 100.0 * r / estimatedRows)) : "";
        String line = String.format(Locale.ROOT, "  %s%d rows, %s, %.0f rows/s, %s/s%s", percent, r,
                Reports.bytes(bytes.get()), rate, Reports.bytes((long) (bytes.get() / seconds)), eta);
        console.err().print("\r" + line + " ".repeat(Math.max(0, lastLineLength - line.length())));
        lastLineLength = line.length();
        console.err().flush();
        lastPrintedLine = true;
    }

    private boolean lastPrintedLine;
    private int lastLineLength;

    /** Erases the live line, so the permanent line printed next takes its place. */
    private void endLine() {
        if (lastPrintedLine) {
            console.err().print("\r" + " ".repeat(lastLineLength) + "\r");
            console.err().flush();
            lastPrintedLine = false;
        }
    }
}
