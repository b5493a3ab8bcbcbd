package io.pgcarry.cli;

import io.pgcarry.report.Counts;
import io.pgcarry.connect.ConnectionSpec;
import io.pgcarry.error.ConfigurationException;
import io.pgcarry.schema.Alignment;
import io.pgcarry.schema.AlignmentPlan;
import io.pgcarry.schema.PlanOptions;
import io.pgcarry.schema.SchemaDiff;
import io.pgcarry.schema.SchemaDifferences;
import io.pgcarry.schema.SchemaModel;
import io.pgcarry.schema.SchemaSnapshots;
import io.pgcarry.schema.SchemaSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
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

    @Option(names = "--allow-drops", description = "Leave drops of tables, columns, sequences and schemas active (commented out otherwise).")
    boolean allowDrops;

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
        if ((online || rebuild || allowDrops || allowLossy) && !sql) {
            throw new ConfigurationException("--online, --rebuild, --allow-drops and --allow-lossy shape the plan: add --sql");
        }
        SchemaModel source = isSnapshot(sourceArgument) ? SchemaSnapshots.read(Path.of(sourceArgument))
                : read(connection.source(from, sourceArgument));
        Optional<ConnectionSpec> liveTarget = isSnapshot(targetArgument) ? Optional.empty()
                : Optional.of(connection.target(to, targetArgument));
        SchemaModel target = liveTarget.isPresent() ? read(liveTarget.get()) : SchemaSnapshots.read(Path.of(targetArgument));
        SchemaDifferences differences = SchemaDiff.compare(source, target);
        differences.sourceWarnings().forEach(w -> console().warn("not compared (SOURCE has it): " + w));
        differences.targetWarnings().forEach(w -> console().warn("not compared (TARGET has it): " + w));
        if (!sql) {
            return console().finish(differences, Reports.differences(differences), differences.none() ? ExitCodes.OK : ExitCodes.PROBLEMS_FOUND);
        }
        AlignmentPlan plan = new Alignment(connection.connector()).plan(source, target, differences,
                new PlanOptions(online, rebuild, allowDrops, allowLossy), liveTarget);
        int code = differences.none() ? ExitCodes.OK : ExitCodes.PROBLEMS_FOUND;
        if (console().json()) {
            // The plan as a field of the one JSON result, so that --json output stays one object led by "ok".
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("differences", differences);
            result.put("plan", plan.render());
            console().finish(result, null, code);
        } else {
            console().raw(plan.render());
        }
        writeRollback(plan);
        console().info(differences.none() ? "no differences: the plan is empty"
                : Counts.of(differences.differences().size(), "difference") + ", " + differences.notCompared().size()
                + " not compared (not in the plan); " + Counts.of(plan.active().size(), "statement") + " planned, "
                + (plan.statements().size() - plan.active().size()) + " commented out");
        return code;
    }

    private static boolean isSnapshot(String argument) {
        return argument != null && SchemaSnapshots.isSnapshot(argument);
    }

    private SchemaModel read(ConnectionSpec database) {
        return new SchemaSource(connection.connector()).read(database, withPrivileges);
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
