package io.pgcarry.schema;

import java.util.List;
import java.util.Objects;

/**
 * One statement of an alignment plan.
 *
 * @param sql          the statement, without semicolon
 * @param object       the object it changes
 * @param hazards      what it can do to the live TARGET
 * @param commentedOut printed as a comment: a drop that needs {@code --allow-drops}, or a change that needs a person
 */
public record PlannedStatement(String sql, ObjectId object, List<Hazard> hazards, boolean commentedOut) {
    public PlannedStatement {
        Objects.requireNonNull(sql, "sql");
        hazards = List.copyOf(hazards);
    }

    public boolean outsideTransaction() {
        return hazards.stream().anyMatch(h -> h.kind() == Hazard.Kind.NOT_IN_TRANSACTION);
    }
}
