package io.pgcarry.cli;

import io.pgcarry.check.Check;
import io.pgcarry.check.CheckOptions;
import io.pgcarry.check.CheckReport;
import io.pgcarry.connect.ConnectionResolver;
import io.pgcarry.connect.ConnectionSpec;
import io.pgcarry.connect.Connector;
import io.pgcarry.connect.EndpointSource;
import io.pgcarry.demo.DemoDatabases;
import io.pgcarry.demo.DemoExpectations;
import io.pgcarry.move.Move;
import io.pgcarry.move.MoveRequest;
import io.pgcarry.move.MoveResult;
import io.pgcarry.plan.MappingFile;
import io.pgcarry.plan.TableSelection;
import io.pgcarry.report.Problem;
import io.pgcarry.verify.Validate;
import io.pgcarry.verify.ValidateRequest;
import io.pgcarry.verify.ValidationLevel;
import io.pgcarry.verify.ValidationReport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code pgcarry demo}: runbook 000 on two throw-away servers, from start to proof, then the same services
 * catching problems planted on purpose. Exits 0 only when pgcarry found exactly what was planted.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, description = {
        "Run runbook 000 on throw-away PostgreSQL 13 and 17 servers, then show pgcarry catching planted problems.",
        "Check, move and validate first; then check and validate must catch problems planted on purpose.",
        "Exits 0 only if pgcarry found exactly what was planted.",
        "Builds a v1 database with data and a diverging v2 schema; everything is removed at the end."})
final class DemoCommand extends BaseCommand {
    @Mixin
    JobsOption jobsOption;

    private int jobs;

    /** The reports of the three stages. */
    private record Outcome(CheckReport check, MoveResult move, CheckReport planted, ValidationReport changed) {
        List<String> mismatches() {
            List<String> all = new ArrayList<>();
            if (!check.passed() || !move.passed()) {
                all.add("the happy path did not pass");
            }
            all.addAll(DemoExpectations.checkMismatches(planted));
            all.addAll(DemoExpectations.validateMismatches(changed));
            return all;
        }
    }

    @Override
    public Integer call() {
        long started = System.nanoTime();
        console().info("starting PostgreSQL 13 (v1) and 17 (v2), building the demo databases...");
        Outcome outcome;
        try (DemoDatabases demo = DemoDatabases.start()) {
            outcome = run(demo);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        List<String> mismatches = outcome.mismatches();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("check", outcome.check());
        json.put("move", outcome.move());
        json.put("plantedCheck", outcome.planted());
        json.put("changedRowValidation", outcome.changed());
        json.put("asExpected", mismatches.isEmpty());
        json.put("mismatches", mismatches);
        json.put("seconds", seconds);
        return console().finish(json, summary(outcome, mismatches, seconds), mismatches.isEmpty() ? ExitCodes.OK : ExitCodes.PROBLEMS_FOUND);
    }

    private Outcome run(DemoDatabases demo) {
        ConnectionSpec v1 = spec(demo.v1Url());
        ConnectionSpec v2 = spec(demo.v2Url());
        jobs = jobsOption.resolve(v1, v2);
        CheckOptions options = new CheckOptions(MappingFile.parse(DemoDatabases.mapping(), "demo mapping file"), TableSelection.all(),
                false, false, false);

        stage("1/3 the happy path: check finds nothing that stops the move, move copies v1 into v2, validation proves every row arrived");
        command("check --from " + v1.redactedUrl() + " --to " + v2.redactedUrl() + " --map demo-map.yaml");
        CheckReport check = new Check(new Connector()).run(v1, v2, options);
        console().info(Reports.check(check));
        command("move --from ... --to ... --map demo-map.yaml --jobs " + jobs);
        MoveResult move = new Move(new Connector()).run(new MoveRequest(v1, v2, options, jobs, MoveRequest.DEFAULT_SPLIT_ROWS,
                ValidationLevel.FULL), new ProgressPrinter(console(), jobsOption.note()));
        console().info(Reports.move(move));

        stage("2/3 planted problems: a copy of v1 (v1_planted) gets a status v2's enum lacks and an ownership row whose animal "
                + "does not exist; check must stop both before anything is written, reporting "
                + DemoExpectations.CHECK.stream().map(Object::toString).collect(Collectors.joining(" and ")));
        ConnectionSpec planted = spec(demo.plantProblems());
        ConnectionSpec empty = spec(demo.emptyV2Url());
        command("check --from " + planted.redactedUrl() + " --to " + empty.redactedUrl() + " --map demo-map.yaml");
        CheckReport plantedCheck = new Check(new Connector()).run(planted, empty, options);
        console().info(Reports.check(plantedCheck));

        stage("3/3 a changed row: after the move one value is edited in v2; validate must name the row by its primary key: "
                + DemoExpectations.VALIDATE);
        demo.changeTargetRow();
        command("validate --from ... --to ... --map demo-map.yaml --level full");
        ValidationReport changed = new Validate(new Connector()).run(new ValidateRequest(v1, v2, options.mapping(), TableSelection.all(),
                ValidationLevel.FULL, jobs, 10, false));
        console().info(Reports.validation(changed));
        return new Outcome(check, move, plantedCheck, changed);
    }

    private static String summary(Outcome o, List<String> mismatches, double seconds) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "1. happy path: check %s, copied %d rows, validation (full): %s%n",
                o.check().passed() ? "PASS" : "FAIL", o.move().rows(), o.move().passed() ? "PASS" : "FAIL"));
        sb.append("2. planted problems: check reported ").append(codes(o.planted())).append('\n');
        sb.append("3. changed row: validate reported ").append(differences(o.changed())).append('\n');
        if (mismatches.isEmpty()) {
            sb.append(String.format(Locale.ROOT, "%ndemo finished in %.1f s: pgcarry caught exactly what was planted; "
                    + "both servers are stopped and removed", seconds));
        } else {
            sb.append("\ndemo FAILED: pgcarry did not catch exactly what was planted:\n  ").append(String.join("\n  ", mismatches));
            sb.append(String.format(Locale.ROOT, "%n(%.1f s; both servers are stopped and removed)", seconds));
        }
        return sb.toString();
    }

    private static String codes(CheckReport report) {
        String errors = report.problems().stream().filter(Problem::isError)
                .map(p -> p.code() + " " + p.object() + " (" + rows(p.affectedRows()) + ", e.g. " + String.join("; ", p.samples()) + ")")
                .collect(Collectors.joining(", "));
        return errors.isEmpty() ? "no errors" : errors;
    }

    private static String rows(Long count) {
        return count == null ? "no row count" : count == 1 ? "1 row" : count + " rows";
    }

    private static String differences(ValidationReport report) {
        String rows = report.tables().stream().flatMap(t -> t.differences().stream()
                        .map(d -> t.table() + " " + d.kind() + " " + d.key() + " (" + String.join(", ", d.columns()) + ")"))
                .collect(Collectors.joining(", "));
        return rows.isEmpty() ? "no differing rows" : rows;
    }

    private void stage(String explanation) {
        console().info("\n==== " + explanation);
    }

    private void command(String arguments) {
        console().info("\n== pgcarry " + arguments + "\n");
    }

    private static ConnectionSpec spec(String url) {
        return ConnectionResolver.system().resolve(new EndpointSource.Url(url));
    }
}
