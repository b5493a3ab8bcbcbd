package io.pgcarry.clone;

import io.pgcarry.check.CheckOptions;
import io.pgcarry.connect.Connector;
import io.pgcarry.connect.Sessions;
import io.pgcarry.error.SqlErrors;
import io.pgcarry.move.CopyProgress;
import io.pgcarry.move.Move;
import io.pgcarry.move.MoveRequest;
import io.pgcarry.move.MoveResult;
import io.pgcarry.plan.Mapping;
import io.pgcarry.plan.TableSelection;
import io.pgcarry.schema.SchemaModel;
import io.pgcarry.schema.SchemaScript;
import io.pgcarry.schema.SchemaSource;
import io.pgcarry.schema.ScriptRunner;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * {@code pgcarry clone} as a service. The schema script runs in one transaction, so a failure or a kill
 * before the data leaves the target empty; from then on the move's journal makes the clone resumable.
 */
public final class Clone {
    private final Connector connector;

    public Clone(Connector connector) {
        this.connector = connector;
    }

    public CloneResult run(CloneRequest request, CopyProgress progress) {
        return execute(request, progress, false);
    }

    /** Continues a clone whose data load was interrupted: the schema is in place, the journal knows the rest. */
    public CloneResult resume(CloneRequest request, CopyProgress progress) {
        return execute(request, progress, true);
    }

    private CloneResult execute(CloneRequest request, CopyProgress progress, boolean resume) {
        long started = System.nanoTime();
        progress.phase("reading the schema");
        SchemaModel source = new SchemaSource(connector).read(request.from(), request.withPrivileges());
        int statements = 0;
        if (!resume) {
            SchemaModel target = new SchemaSource(connector).read(request.to(), false);
            target.requireEmpty("clone into an empty database, or finish an interrupted clone with --resume");
            progress.phase("creating the schema");
            SchemaScript script = SchemaScript.of(source);
            createSchema(request, script);
            statements = script.statements().size();
        }
        CheckOptions options = new CheckOptions(Mapping.EMPTY, TableSelection.everything(), false, false, true);
        MoveRequest move = new MoveRequest(request.from(), request.to(), options, request.jobs(), MoveRequest.DEFAULT_SPLIT_ROWS,
                request.validation());
        MoveResult moved = resume ? new Move(connector).resume(move, progress) : new Move(connector).run(move, progress);
        int refreshed = refreshMaterializedViews(request, source);
        return new CloneResult(statements, source.warnings(), refreshed, moved, (System.nanoTime() - started) / 1e9);
    }

    private void createSchema(CloneRequest request, SchemaScript script) {
        try (Connection target = Sessions.prepare(connector.open(request.to()))) {
            target.setAutoCommit(false);
            ScriptRunner.run(target, script.statements());
            target.commit();
        } catch (SQLException e) {
            throw SqlErrors.translate("creating the schema on the target", e);
        }
    }

    private int refreshMaterializedViews(CloneRequest request, SchemaModel source) {
        List<String> views = SchemaScript.refreshes(SchemaScript.of(source).statements());
        if (views.isEmpty()) {
            return 0;
        }
        try (Connection target = Sessions.prepare(connector.open(request.to())); Statement s = target.createStatement()) {
            for (String refresh : views) {
                s.execute(refresh);
            }
            return views.size();
        } catch (SQLException e) {
            throw SqlErrors.translate("refreshing materialized views on the target", e);
        }
    }
}
