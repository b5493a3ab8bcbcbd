package io.pgcarry.cli;

import io.pgcarry.error.ConfigurationException;
import io.pgcarry.schema.SchemaModel;
import io.pgcarry.schema.SchemaScript;
import io.pgcarry.schema.SchemaSnapshots;
import io.pgcarry.schema.SchemaSource;
import io.pgcarry.schema.Section;
import io.pgcarry.schema.UnmodelledObjects;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code pgcarry schema dump}: the schema as a dependency-ordered SQL script, or the model as JSON. */
@Command(name = "dump", mixinStandardHelpOptions = true, description = {
        "Write a database's schema (--from) as a SQL script, or as a JSON snapshot for diff.",
        "The script is ordered by dependencies and recreates the schema in an empty database; no pg_dump needed."})
final class SchemaDumpCommand extends BaseCommand {
    @Mixin
    FromOptions from;

    /** The older spelling, {@code schema dump URL}, kept working; {@code --from} is the one name for a database read. */
    @Parameters(index = "0", arity = "0..1", paramLabel = "URL", hidden = true)
    String database;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "sql", description = "sql or json (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--section", paramLabel = "SECTION",
            description = "Only pre-data (what must exist before rows are loaded) or post-data (keys, indexes, triggers, policies).")
    String section;

    @Option(names = "--with-privileges", description = "Also dump owners and grants.")
    boolean withPrivileges;

    @Mixin
    SkipUnmodelledOption skipUnmodelled;

    @Mixin
    ConnectionOptions connection;

    @Override
    public Integer call() {
        if (!format.equals("sql") && !format.equals("json")) {
            throw new ConfigurationException("unknown --format '" + format + "'; use sql or json");
        }
        Section only = section == null ? null : Section.parse(section);
        if (only != null && format.equals("json")) {
            throw new ConfigurationException("--section applies to --format sql only");
        }
        SchemaModel model = new SchemaSource(connection.connector()).read(connection.source(from, database), withPrivileges);
        UnmodelledObjects.require(model, skipUnmodelled.skip, "dump the schema")
                .forEach(w -> console().warn("left out, not dumped: " + w));
        SchemaScript.withheld(model).forEach(w -> console().warn("left out, not dumped: " + w));
        console().raw(format.equals("json") ? SchemaSnapshots.toJson(model) + "\n" : SchemaScript.of(model).render(only));
        return ExitCodes.OK;
    }
}
