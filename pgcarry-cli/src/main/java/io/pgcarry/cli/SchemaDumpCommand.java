package io.pgcarry.cli;

import io.pgcarry.error.ConfigurationException;
import io.pgcarry.schema.SchemaModel;
import io.pgcarry.schema.SchemaScript;
import io.pgcarry.schema.SchemaSnapshots;
import io.pgcarry.schema.SchemaSource;
import io.pgcarry.schema.Section;
import io.pgcarry.schema.UnmodelledObjects;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code pgcarry schema dump}: the schema as a dependency-ordered SQL script, or the model as JSON. */
@Command(name = "dump", mixinStandardHelpOptions = true, description = {
        "Write a database's schema (--from) as a SQL script, or as a JSON snapshot for diff.",
        "The script is ordered by dependencies and recreates the schema in an empty database; no pg_dump needed.",
        "With --json the script (or snapshot) is the \"script\" (or \"snapshot\") field of the JSON result."})
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
        String dump = format.equals("json") ? SchemaSnapshots.toJson(model) + "\n" : SchemaScript.of(model).render(only);
        if (!console().json()) {
            console().raw(dump);
            return ExitCodes.OK;
        }
        // With --json the dump is a field of the one result led by "ok" (as diff's plan is): the script as text, the
        // snapshot as an object, which 'jq .snapshot' turns back into a file for diff.
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("format", format);
        result.put(format.equals("json") ? "snapshot" : "script", format.equals("json") ? Console.tree(dump) : dump);
        return console().finish(result, null, ExitCodes.OK);
    }
}
