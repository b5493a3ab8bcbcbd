package io.pgcarry.verify;

import io.pgcarry.connect.ConnectionResolver;
import io.pgcarry.connect.Connector;
import io.pgcarry.connect.EndpointSource;
import io.pgcarry.plan.Mapping;
import io.pgcarry.plan.TableSelection;
import java.nio.file.Path;
import java.util.Map;

/**
 * Runs a full validation in a child JVM, so a test can give it the heap bin/pgcarry has; prints {@code PASSED true|false}
 * and one {@code CHANGED key columns} line per changed row.
 */
public final class ValidateChild {
    private ValidateChild() {
    }

    public static void main(String[] args) {
        ConnectionResolver resolver = new ConnectionResolver(Map.of(), Path.of("/nonexistent"));
        ValidationReport report = new Validate(new Connector()).run(new ValidateRequest(resolver.resolve(new EndpointSource.Url(args[0])),
                resolver.resolve(new EndpointSource.Url(args[1])), Mapping.EMPTY, TableSelection.all(), ValidationLevel.FULL, 1, 10,
                Boolean.parseBoolean(args[2])));
        System.out.println("PASSED " + report.passed());
        report.tables().forEach(t -> t.differences().forEach(d -> System.out.println(d.kind() + " " + d.key() + " " + d.columns()
                + " " + d.values().values().stream().map(v -> v.stream().map(x -> x == null ? "null" : x.length() + ":"
                + x.substring(x.length() - 20)).toList()).toList())));
    }
}
