package io.pgcarry.check;

import io.pgcarry.connect.ConnectionSpec;
import io.pgcarry.connect.Connector;
import io.pgcarry.connect.Sessions;
import io.pgcarry.error.SqlErrors;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

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
            return CheckReport.of(from, to, result.plan(), result.problems());
        } catch (SQLException e) {
            throw SqlErrors.translate("checking", e);
        }
    }
}
