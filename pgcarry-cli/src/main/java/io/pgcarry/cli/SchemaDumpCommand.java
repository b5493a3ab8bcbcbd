package io.pgcarry.cli;

import io.pgcarry.error.ConfigurationException;
import io.pgcarry.schema.SchemaModel;
import io.pgcarry.schema.SchemaScript;
import io.pgcarry.schema.SchemaSnapshots;
import io.pgcarry.schema.SchemaSource;
import io.pgcarry.schema.Section;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code pgcarry schema dump}: the schema as a dependency-ordered SQL script, or the model as JSON. */
@Command(name = "dump", mixinStandardHelpOptions = true, description = {
        "Write a database's schema as a SQL script, or as a JSON snapshot for diff.",
        "The script is ordered by dependencies and recreates the schema in an empty database; no pg_dump needed."})
final class SchemaDumpCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "URL", description = "The database: postgresql://user:password@host:port/db, 'host=... dbname=...' or $VARIABLE.")
    String database;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "sql", description = "sql or json (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--section", paramLabel = "SECTION",
            description = "Only pre-data (what must exist before rows are loaded) or post-data (keys, indexes, triggers, policies).")
    String section;

    @Option(names = "--with-privileges", description = "Also dump owners and grants.")
    boolean withPrivileges;

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
        SchemaModel model = new SchemaSource(connection.connector()).read(connection.positional(database), withPrivileges);
        model.warnings().forEach(console()::warn);
        console().raw(format.equals("json") ? SchemaSnapshots.toJson(model) + "\n" : SchemaScript.of(model).render(only));
        return ExitCodes.OK;
    }
}
