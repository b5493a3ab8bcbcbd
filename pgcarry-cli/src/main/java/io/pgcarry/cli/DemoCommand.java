package io.pgcarry.cli;

import io.pgcarry.check.Check;
import io.pgcarry.check.CheckOptions;
import io.pgcarry.check.CheckReport;
import io.pgcarry.connect.ConnectionResolver;
import io.pgcarry.connect.ConnectionSpec;
import io.pgcarry.connect.Connector;
import io.pgcarry.connect.EndpointSource;
import io.pgcarry.demo.DemoDatabases;
import io.pgcarry.move.Move;
import io.pgcarry.move.MoveRequest;
import io.pgcarry.move.MoveResult;
import io.pgcarry.plan.Mapping;
import io.pgcarry.plan.MappingFile;
import io.pgcarry.plan.TableSelection;
import io.pgcarry.verify.ValidationLevel;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code pgcarry demo}: runbook 000 on two throw-away servers, from start to proof. */
@Command(name = "demo", mixinStandardHelpOptions = true, description = {
        "Run runbook 000 on throw-away PostgreSQL 13 and 17 servers: check, move, validate.",
        "Builds a v1 database with data and a diverging v2 schema; everything is removed at the end."})
final class DemoCommand extends BaseCommand {
    @Option(names = {"-j", "--jobs"}, paramLabel = "N", defaultValue = "4", description = "Parallel workers (default: ${DEFAULT-VALUE}).")
    int jobs;

    @Override
    public Integer call() {
        long started = System.nanoTime();
        console().info("starting PostgreSQL 13 (v1) and 17 (v2), building the demo databases...");
        try (DemoDatabases demo = DemoDatabases.start()) {
            ConnectionResolver resolver = ConnectionResolver.system();
            ConnectionSpec v1 = resolver.resolve(new EndpointSource.Url(demo.v1Url()));
            ConnectionSpec v2 = resolver.resolve(new EndpointSource.Url(demo.v2Url()));
            Mapping mapping = MappingFile.parse(DemoDatabases.mapping(), "demo mapping file");
            CheckOptions options = new CheckOptions(mapping, TableSelection.all(), false, false, false);
            console().info("\n== pgcarry check --from " + v1.redactedUrl() + " --to " + v2.redactedUrl() + " --map demo-map.yaml\n");
            CheckReport check = new Check(new Connector()).run(v1, v2, options);
            console().info(Reports.check(check));
            console().info("\n== pgcarry move --from ... --to ... --map demo-map.yaml --jobs " + jobs + "\n");
            MoveResult result = new Move(new Connector()).run(new MoveRequest(v1, v2, options, jobs, MoveRequest.DEFAULT_SPLIT_ROWS,
                    ValidationLevel.FULL), new ProgressPrinter(console()));
            double seconds = (System.nanoTime() - started) / 1e9;
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("check", check);
            json.put("move", result);
            json.put("seconds", seconds);
            console().result(json, Reports.move(result) + String.format(Locale.ROOT,
                    "%n%ndemo finished in %.1f s; both servers are stopped and removed", seconds));
            return result.passed() ? ExitCodes.OK : ExitCodes.PROBLEMS_FOUND;
        }
    }
}
