package io.pgcarry.move;

import io.pgcarry.arrival.SchemaCheck;
import io.pgcarry.arrival.Structure;
import io.pgcarry.arrival.StructureDiff;
import io.pgcarry.arrival.StructureReader;
import io.pgcarry.catalog.Identifiers;
import io.pgcarry.catalog.QualifiedName;
import io.pgcarry.connect.ConnectionSpec;
import io.pgcarry.connect.Connector;
import io.pgcarry.connect.Sessions;
import io.pgcarry.copy.CopyRange;
import io.pgcarry.error.SqlErrors;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** The ways out of an unfinished move that need no source: {@code pgcarry status} and {@code pgcarry move --abort}. */
public final class MoveJournal {
    private final Connector connector;

    public MoveJournal(Connector connector) {
        this.connector = connector;
    }

    /** The unfinished move of the target, if there is one. */
    public Optional<MoveStatus> status(ConnectionSpec to) {
        return state(to).unfinishedMove();
    }

    /** Whether the target holds pgcarry's journal, and its unfinished move if there is one. */
    public JournalState state(ConnectionSpec to) {
        try (Connection target = Sessions.prepare(connector.open(to))) {
            boolean exists = Journal.exists(target);
            Optional<Journal.Run> run = Journal.unfinished(target);
            if (run.isEmpty()) {
                return new JournalState(exists, null);
            }
            long id = run.get().id();
            List<CopyRange> ranges = Journal.ranges(target, id);
            List<JournalObject> objects = Journal.objects(target, id);
            return new JournalState(true, new MoveStatus(id, run.get().status(), run.get().startedAt().toString(), run.get().source(),
                    Journal.tables(target, id).size(), ranges.stream().filter(CopyRange::done).count(), ranges.size(),
                    ranges.stream().filter(CopyRange::done).mapToLong(CopyRange::rows).sum(),
                    objects.stream().filter(o -> o.state() != SetAsideState.DONE).count()));
        } catch (SQLException e) {
            throw SqlErrors.translate("reading pgcarry's journal", e);
        }
    }

    /**
     * Undoes an unfinished move: empties the tables it loaded, removes the large objects it created and brings back every
     * foreign key, index and trigger it set aside, leaving the target as it was before the move.
     */
    public AbortResult abort(ConnectionSpec to, int jobs, Consumer<String> phase) {
        try (Connection target = Sessions.prepare(connector.open(to))) {
            target.setAutoCommit(false);
            Optional<Journal.Run> found = Journal.unfinished(target);
            if (found.isEmpty()) {
                return new AbortResult(0, 0, 0, 0, SchemaCheck.of("nothing to undo", List.of()), 0);
            }
            Journal.Run run = found.get();
            Map<QualifiedName, Long> tables = Journal.tables(target, run.id());
            Optional<Structure> before = StructureJournal.recorded(target, run.id());
            target.commit();
            phase.accept("dropping restored foreign keys");
            try (Statement s = target.createStatement()) {
                for (JournalObject o : Journal.objects(target, run.id())) {
                    if (o.kind() == SetAsideKind.FOREIGN_KEY && o.state() != SetAsideState.DROPPED) {
                        s.execute("ALTER TABLE " + o.table().sql() + " DROP CONSTRAINT IF EXISTS " + Identifiers.quote(o.name()));
                        Journal.setObjectState(target, run.id(), o, SetAsideState.DROPPED);
                    }
                }
            }
            target.commit();
            phase.accept("emptying loaded tables");
            Move.empty(target, tables.keySet());
            target.commit();
            long unlinked = Journal.unlinkLargeObjects(target, run.id());
            target.commit();
            List<JournalObject> objects = Journal.objects(target, run.id());
            SetAsideReturn.all(connector, to, run.id(), jobs, objects, phase);
            SchemaCheck schema = StructureDiff.check(before, StructureReader.read(target, tables.keySet()), "the abort");
            Journal.setStatus(target, run.id(), "aborted");
            target.commit();
            Journal.dropIfIdle(target);
            target.commit();
            long lost = tables.values().stream().mapToLong(Long::longValue).sum();
            return new AbortResult(run.id(), tables.size(), objects.size(), lost, schema, unlinked);
        } catch (SQLException e) {
            throw SqlErrors.translate("aborting the move", e);
        }
    }

    /**
     * @param run                the aborted run
     * @param tablesEmptied      tables emptied
     * @param objectsRestored    foreign keys, indexes and triggers brought back
     * @param rowsDeletedBefore  rows that {@code --truncate-target} deleted and an abort cannot bring back
     * @param schema             the target's indexes, constraints and triggers compared with before the move
     * @param largeObjectsRemoved large objects the move had created, removed
     */
    public record AbortResult(long run, int tablesEmptied, int objectsRestored, long rowsDeletedBefore, SchemaCheck schema,
                              long largeObjectsRemoved) {
        public boolean passed() {
            return schema.passed();
        }
    }
}
