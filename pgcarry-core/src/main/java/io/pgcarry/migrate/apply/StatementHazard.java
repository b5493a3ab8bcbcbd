package io.pgcarry.migrate.apply;

import java.util.List;

/**
 * The hazards of one statement of a planned migration, in the plan writer's words ({@link io.pgcarry.schema.Hazard}).
 *
 * @param line      the statement's line in its file
 * @param statement its first line
 * @param hazards   what running it can do to a live database
 */
public record StatementHazard(int line, String statement, List<String> hazards) {
    public StatementHazard {
        hazards = List.copyOf(hazards);
    }
}
