package io.pgcarry.move;

import io.pgcarry.load.BuildShapes;
import java.util.List;
import java.util.Set;

/**
 * Checks that a set-aside definition read back from the journal is what pgcarry itself stored for its kind of
 * object, before any of it runs: for a foreign key or key, one constraint clause as {@code pg_get_constraintdef}
 * prints it; for an index (and a key's index), one {@code CREATE [UNIQUE] INDEX} of that name on the recorded table;
 * for a trigger, one of {@code pg_trigger.tgenabled}'s letters ({@link BuildShapes} reads the text as the server would).
 */
final class SetAsideShape {
    private static final Set<String> TRIGGER_STATES = Set.of("O", "D", "R", "A");

    private SetAsideShape() {
    }

    /** Throws {@link UnsafeJournalException} naming the object unless its definitions have the shape pgcarry stores. */
    static void check(JournalObject o) {
        String problem = switch (o.kind()) {
            case TRIGGER -> TRIGGER_STATES.contains(o.definition()) ? null : "is not a trigger state";
            case FOREIGN_KEY -> BuildShapes.constraint(o.definition(), List.of(List.of("FOREIGN", "KEY", "(")));
            case CHECK -> BuildShapes.constraint(o.definition(), List.of(List.of("CHECK", "(")));
            case KEY -> BuildShapes.firstProblem(BuildShapes.constraint(o.definition(), List.of(List.of("PRIMARY", "KEY", "("), List.of("UNIQUE", "("),
                    List.of("UNIQUE", "NULLS", "DISTINCT", "("), List.of("UNIQUE", "NULLS", "NOT", "DISTINCT", "("))),
                    o.indexDefinition() == null ? null : BuildShapes.index(o.indexDefinition(), o.table(), o.name(), true),
                    o.keyAttach() == null ? null : BuildShapes.keyAttach(o.keyAttach(), o.name()));
            case INDEX -> BuildShapes.index(o.definition(), o.table(), o.name(), false);
        };
        if (problem != null) {
            throw new UnsafeJournalException("pgcarry's journal holds a definition of " + o.kind().label() + " " + o.name() + " on " + o.table()
                    + " that pgcarry did not write (" + problem + "), so it does not run it: someone changed pgcarry.move_object."
                    + " Re-create that object by hand from your schema's source and delete its row from pgcarry.move_object");
        }
    }
}
