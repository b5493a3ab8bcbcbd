package io.pgcarry.cli;

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
    @Parameters(index = "0", paramLabel = "SOURCE", description = "The schema wanted: a URL, 'host=... dbname=...', $VARIABLE or snapshot.json.")
    String sourceArgument;

    @Parameters(index = "1", paramLabel = "TARGET", description = "The schema to align: a URL, 'host=... dbname=...', $VARIABLE or snapshot.json.")
    String targetArgument;

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

    @Option(names = "--with-privileges", description = "Also compare owners and grants.")
    boolean withPrivileges;

    @Mixin
    ConnectionOptions connection;

    @Override
    public Integer call() {
        if (rollbackSql != null && !rebuild) {
            throw new ConfigurationException("--rollback-sql goes with --rebuild");
        }
        if ((online || rebuild || allowDrops) && !sql) {
            throw new ConfigurationException("--online, --rebuild and --allow-drops shape the plan: add --sql");
        }
        SchemaModel source = model(sourceArgument);
        SchemaModel target = model(targetArgument);
        SchemaDifferences differences = SchemaDiff.compare(source, target);
        differences.sourceWarnings().forEach(w -> console().warn("SOURCE: " + w));
        differences.targetWarnings().forEach(w -> console().warn("TARGET: " + w));
        if (!sql) {
            console().result(differences, Reports.differences(differences));
            return differences.none() ? ExitCodes.OK : ExitCodes.PROBLEMS_FOUND;
        }
        Optional<ConnectionSpec> liveTarget = SchemaSnapshots.isSnapshot(targetArgument) ? Optional.empty()
                : Optional.of(connection.positional(targetArgument));
        AlignmentPlan plan = new Alignment(connection.connector()).plan(source, target, differences,
                new PlanOptions(online, rebuild, allowDrops), liveTarget);
        console().raw(plan.render());
        writeRollback(plan);
        console().info(differences.none() ? "no differences: the plan is empty"
                : differences.differences().size() + " differences; " + plan.active().size() + " statements planned, "
                + (plan.statements().size() - plan.active().size()) + " commented out");
        return differences.none() ? ExitCodes.OK : ExitCodes.PROBLEMS_FOUND;
    }

    private SchemaModel model(String argument) {
        if (SchemaSnapshots.isSnapshot(argument)) {
            return SchemaSnapshots.read(Path.of(argument));
        }
        return new SchemaSource(connection.connector()).read(connection.positional(argument), withPrivileges);
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
