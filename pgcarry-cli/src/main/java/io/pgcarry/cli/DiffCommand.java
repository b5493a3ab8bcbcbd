package io.pgcarry.cli;

import io.pgcarry.report.Counts;
import io.pgcarry.connect.ConnectionSpec;
import io.pgcarry.error.ConfigurationException;
import io.pgcarry.schema.Alignment;
import io.pgcarry.schema.AlignmentPlan;
import io.pgcarry.schema.DuplicateSuggestion;
import io.pgcarry.schema.PlanOptions;
import io.pgcarry.schema.SchemaDiff;
import io.pgcarry.schema.SchemaDifferences;
import io.pgcarry.schema.SchemaModel;
import io.pgcarry.schema.SchemaSnapshots;
import io.pgcarry.schema.SchemaSource;
import io.pgcarry.schema.TableMerge;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Stack;
import picocli.CommandLine.Command;
import picocli.CommandLine.IParameterConsumer;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code pgcarry diff}: schema drift object by object, and the plan that aligns TARGET with SOURCE. */
@Command(name = "diff", mixinStandardHelpOptions = true, description = {
        "Compare two schemas object by object; with --sql, plan the alignment.",
        "SOURCE and TARGET are databases or JSON snapshots from 'schema dump --format json'.",
        "With --sql, print the plan that makes TARGET match SOURCE, each statement tagged with its hazards."})
final class DiffCommand extends BaseCommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "SOURCE",
            description = "The schema wanted: a snapshot.json, a URL, 'host=... dbname=...' or $VARIABLE (or give it with --from or --profile).")
    String sourceArgument;

    @Parameters(index = "1", arity = "0..1", paramLabel = "TARGET",
            description = "The schema to align: a snapshot.json, a URL, 'host=... dbname=...' or $VARIABLE (or give it with --to or --profile).")
    String targetArgument;

    @Mixin
    FromOptions from;

    @Mixin
    ToOptions to;

    @Option(names = "--sql", description = "Print the alignment plan (SQL) instead of the list of differences.")
    boolean sql;

    @Option(names = "--online", description = "Build indexes CONCURRENTLY, and keys on top of them, so writes go on.")
    boolean online;

    @Option(names = "--rebuild", description = "Change column types by rebuilding the table: copy, swap, keep the old table.")
    boolean rebuild;

    @Option(names = "--rollback-sql", paramLabel = "FILE", description = "With --rebuild, write the SQL that swaps back.")
    Path rollbackSql;

    @Option(names = "--allow-drops", arity = "0..1", paramLabel = "data", parameterConsumer = DropAllowance.class, description = {
            "Leave drops of empty tables, columns without values, sequences and schemas active (commented out otherwise);"
                    + " each table or column is dropped only if still empty when the plan runs.",
            "--allow-drops=data: also tables and columns that hold data, each dropped only if its row count and content hash"
                    + " are still those measured when planning."})
    PlanOptions.Drops allowDrops;

    @Option(names = "--merge", paramLabel = "DUPLICATE=CANONICAL", description = {
            "Before dropping DUPLICATE (a table only TARGET has), insert its rows that CANONICAL lacks; identical rows are"
                    + " skipped, rows with the same key but other values are conflicts. Repeatable."})
    List<String> merges = new ArrayList<>();

    @Option(names = "--merge-key", paramLabel = "COLS", description = "Columns rows are matched by in --merge (default: CANONICAL's primary key).")
    String mergeKey;

    @Option(names = "--merge-prefer", paramLabel = "duplicate|canonical",
            description = "Whose values a --merge conflict keeps; without it, conflicts keep the duplicate from being dropped.")
    TableMerge.Preference mergePrefer;

    @Option(names = "--allow-lossy", description = "Let type changes truncate or round values that do not fit (refused otherwise).")
    boolean allowLossy;

    @Option(names = "--with-privileges", description = "Also compare owners and grants.")
    boolean withPrivileges;

    @Mixin
    ConnectionOptions connection;

    @Override
    public Integer call() {
        if (rollbackSql != null && !rebuild) {
            throw new ConfigurationException("--rollback-sql goes with --rebuild");
        }
        if ((online || rebuild || allowDrops != null || allowLossy) && !sql) {
            throw new ConfigurationException("--online, --rebuild, --allow-drops and --allow-lossy shape the plan: add --sql");
        }
        PlanOptions options = new PlanOptions(online, rebuild, drops(), allowLossy, merges());
        SchemaModel source = isSnapshot(sourceArgument) ? SchemaSnapshots.read(Path.of(sourceArgument))
                : read(connection.source(from, sourceArgument));
        Optional<ConnectionSpec> liveTarget = isSnapshot(targetArgument) ? Optional.empty()
                : Optional.of(connection.target(to, targetArgument));
        SchemaModel target = liveTarget.isPresent() ? read(liveTarget.get()) : SchemaSnapshots.read(Path.of(targetArgument));
        SchemaDifferences differences = SchemaDiff.compare(source, target);
        differences.sourceWarnings().forEach(w -> console().warn("not compared (SOURCE has it): " + w));
        differences.targetWarnings().forEach(w -> console().warn("not compared (TARGET has it): " + w));
        if (!sql) {
            return report(source, target, differences, liveTarget);
        }
        AlignmentPlan plan = new Alignment(connection.connector()).plan(source, target, differences, options, liveTarget);
        int code = differences.none() ? ExitCodes.OK : ExitCodes.PROBLEMS_FOUND;
        print(plan, differences, code);
        writeRollback(plan);
        console().info(differences.none() ? "no differences: the plan is empty"
                : Counts.of(differences.differences().size(), "difference") + ", " + differences.notCompared().size()
                + " not compared (not in the plan); " + Counts.of(plan.active().size(), "statement") + " planned, "
                + (plan.statements().size() - plan.active().size()) + " commented out");
        return code;
    }

    /**
     * {@code --allow-drops} alone or {@code --allow-drops=data}: a plain optional value would take the SOURCE argument
     * that follows a bare {@code --allow-drops} for its value.
     */
    static final class DropAllowance implements IParameterConsumer {
        @Override
        public void consumeParameters(Stack<String> args, ArgSpec option, CommandSpec command) {
            boolean data = !args.isEmpty() && args.peek().equalsIgnoreCase("data");
            if (data) {
                args.pop();
            }
            option.setValue(data ? PlanOptions.Drops.DATA : PlanOptions.Drops.EMPTY);
        }
    }

    private PlanOptions.Drops drops() {
        if (allowDrops == null) {
            return PlanOptions.Drops.NONE;
        }
        return allowDrops;
    }

    private List<TableMerge> merges() {
        if ((mergeKey != null || mergePrefer != null) && merges.isEmpty()) {
            throw new ConfigurationException("--merge-key and --merge-prefer go with --merge");
        }
        if (!merges.isEmpty() && !sql) {
            throw new ConfigurationException("--merge shapes the plan: add --sql");
        }
        List<String> key = mergeKey == null ? List.of() : TableMerge.parseKey(mergeKey);
        if (mergePrefer == TableMerge.Preference.NONE) {
            throw new ConfigurationException("--merge-prefer takes duplicate or canonical");
        }
        TableMerge.Preference prefer = mergePrefer == null ? TableMerge.Preference.NONE : mergePrefer;
        return merges.stream().map(m -> TableMerge.parse(m, key, prefer)).toList();
    }

    private static boolean isSnapshot(String argument) {
        return argument != null && SchemaSnapshots.isSnapshot(argument);
    }

    private SchemaModel read(ConnectionSpec database) {
        return new SchemaSource(connection.connector()).read(database, withPrivileges);
    }

    /** Without --sql: the differences and the possible duplicates, as text or as one JSON result. */
    private int report(SchemaModel source, SchemaModel target, SchemaDifferences differences, Optional<ConnectionSpec> liveTarget) {
        List<DuplicateSuggestion> suggestions = new Alignment(connection.connector()).suggest(source, target, differences, liveTarget);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("differences", differences.differences());
        result.put("sourceWarnings", differences.sourceWarnings());
        result.put("targetWarnings", differences.targetWarnings());
        result.put("suggestions", suggestions);
        return console().finish(result, Reports.differences(differences) + Reports.suggestions(suggestions),
                differences.none() ? ExitCodes.OK : ExitCodes.PROBLEMS_FOUND);
    }

    /** The plan on standard output: as it is, or with --json as a field of the one JSON result led by "ok". */
    private void print(AlignmentPlan plan, SchemaDifferences differences, int code) {
        if (console().json()) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("differences", differences);
            result.put("plan", plan.render());
            result.put("suggestions", plan.suggestions());
            console().finish(result, null, code);
        } else {
            console().raw(plan.render());
        }
    }

    private void writeRollback(AlignmentPlan plan) {
        if (rollbackSql == null) {
            return;
        }
        try {
            Files.writeString(rollbackSql, plan.renderRollback());
        } catch (IOException e) {
            throw new ConfigurationException("cannot write --rollback-sql " + rollbackSql + ": " + e.getMessage());
        }
    }
}
