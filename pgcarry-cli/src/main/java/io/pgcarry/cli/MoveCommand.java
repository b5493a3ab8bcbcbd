package io.pgcarry.cli;

import io.pgcarry.report.Counts;
import io.pgcarry.check.ChecksFailedException;
import io.pgcarry.connect.ConnectionSpec;
import io.pgcarry.error.ConfigurationException;
import io.pgcarry.move.Move;
import io.pgcarry.move.MoveJournal;
import io.pgcarry.move.MoveRequest;
import io.pgcarry.move.MoveResult;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code pgcarry move}: the whole data move as one command, resumable and undoable. */
@Command(name = "move", mixinStandardHelpOptions = true, description = {
        "Copy data into an existing schema: check, copy in parallel, restore keys, validate.",
        "An interrupted move is finished with --resume or undone with --abort (same arguments)."})
final class MoveCommand extends BaseCommand {
    @Mixin
    FromOptions from;
    @Mixin
    ToOptions to;
    @Mixin
    MoveOptions move;
    @Mixin
    ConnectionOptions connection;

    @Mixin
    JobsOption jobs;

    @Option(names = "--split-rows", paramLabel = "ROWS", defaultValue = "" + MoveRequest.DEFAULT_SPLIT_ROWS,
            description = "Split tables with an integer key estimated above twice this many rows into ranges of about this size. "
                    + "By default (0) a table is split only where that shortens the copy: when it would otherwise finish long "
                    + "after the other workers; a table copied whole is loaded frozen where allowed.")
    long splitRows;

    @Mixin
    ValidationOptions validation;

    @Option(names = "--resume", description = "Continue an unfinished move, copying only the ranges not yet committed.")
    boolean resume;

    @Option(names = "--abort", description = "Undo an unfinished move: empty what it loaded, restore every key, index and trigger.")
    boolean abort;

    @Option(names = "--report", paramLabel = "FILE", description = "Write the check, copy figures and validation as JSON.")
    Path report;

    @Override
    public Integer call() {
        if (resume && abort) {
            throw new ConfigurationException("give either --resume or --abort, not both");
        }
        ConnectionSpec target = connection.target(to);
        if (abort) {
            return abort(target);
        }
        ConnectionSpec source = connection.source(from);
        MoveRequest request = new MoveRequest(source, target, move.toCheckOptions(), jobs.resolve(source, target), splitRows,
                validation.chosen());
        ProgressPrinter progress = new ProgressPrinter(console(), jobs.note());
        Thread interruptNotice = new Thread(() -> progress.interrupted(), "pgcarry-interrupt");
        Runtime.getRuntime().addShutdownHook(interruptNotice);
        try {
            MoveResult result = resume ? new Move(connection.connector()).resume(request, progress)
                    : new Move(connection.connector()).run(request, progress);
            progress.finished();
            ReportFile.write(report, result);
            return console().finish(result, Reports.move(result), result.passed() ? ExitCodes.OK : ExitCodes.PROBLEMS_FOUND);
        } catch (ChecksFailedException e) {
            progress.finished();
            ReportFile.write(report, e.report());
            console().reportBeforeFailure(Reports.check(e.report()));
            throw e;
        } finally {
            progress.finished();
            removeHook(interruptNotice);
        }
    }

    private int abort(ConnectionSpec target) {
        MoveJournal.AbortResult result = new MoveJournal(connection.connector()).abort(target, jobs.resolve(target), p -> console().info("- " + p));
        if (result.run() == 0) {
            return console().finish(result, "no unfinished move in " + target.address() + "; nothing to undo", ExitCodes.OK);
        }
        String text = "aborted move " + result.run() + ": emptied " + Counts.of(result.tablesEmptied(), "table") + ", restored "
                + result.objectsRestored() + " foreign keys, indexes and triggers"
                + (result.largeObjectsRemoved() > 0 ? ", removed " + Counts.of(result.largeObjectsRemoved(), "large object") + " it created" : "")
                + (result.rowsDeletedBefore() > 0 ? "; the " + result.rowsDeletedBefore()
                        + " rows deleted by --truncate-target cannot be brought back" : "");
        return console().finish(result, text + "\n" + Reports.schema(result.schema()), result.passed() ? ExitCodes.OK : ExitCodes.PROBLEMS_FOUND);
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The JVM is exiting (Ctrl-C); the hook runs and says how to resume.
        }
    }
}
