package io.pgcarry.check;

import io.pgcarry.connect.ConnectionSpec;
import io.pgcarry.connect.Connector;
import io.pgcarry.connect.Sessions;
import io.pgcarry.error.SqlErrors;
import io.pgcarry.report.Problem;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** {@code pgcarry check} as a service: connects to both sides, runs the {@link Preflight}, writes nothing. */
public final class Check {
    private final Connector connector;

    public Check(Connector connector) {
        this.connector = connector;
    }

    public CheckReport run(ConnectionSpec from, ConnectionSpec to, CheckOptions options) {
        try (Connection source = Sessions.prepare(connector.open(from)); Connection target = Sessions.prepare(connector.open(to))) {
            source.setAutoCommit(false);
            try (Statement s = source.createStatement()) {
                s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            }
            target.setReadOnly(false);
            Preflight.Result result = new Preflight(options).run(source, target);
            source.rollback();
            List<Problem> problems = new ArrayList<>();
            from.warnings().forEach(w -> problems.add(Problem.warning("POOLED_URL", "source", w)));
            to.warnings().forEach(w -> problems.add(Problem.warning("POOLED_URL", "target", w)));
            problems.addAll(result.problems());
            return new CheckReport(from.redactedUrl(), to.redactedUrl(), version(result.plan().source().versionNumber()),
                    version(result.plan().target().versionNumber()), result.plan().tables().size(), problems, result.plan());
        } catch (SQLException e) {
            throw SqlErrors.translate("checking", e);
        }
    }

    static String version(int number) {
        return (number / 10000) + "." + (number % 10000);
    }
}
