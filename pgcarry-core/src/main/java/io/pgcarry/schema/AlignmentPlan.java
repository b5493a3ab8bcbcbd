package io.pgcarry.schema;

import java.util.List;

/**
 * The statements that make TARGET match SOURCE, ordered by dependencies, each with its hazards; when tables are
 * rebuilt, the statements that undo the rebuild; and the tables only TARGET has that look like duplicates (each also
 * named in a hazard of its drop).
 */
public record AlignmentPlan(List<PlannedStatement> statements, List<String> rollback, boolean measuredOnTarget,
                            List<DuplicateSuggestion> suggestions) {
    public AlignmentPlan {
        statements = List.copyOf(statements);
        rollback = List.copyOf(rollback);
        suggestions = List.copyOf(suggestions);
    }

    public List<PlannedStatement> active() {
        return statements.stream().filter(s -> !s.commentedOut()).toList();
    }

    /** The plan as a SQL file; it runs in one transaction unless a statement cannot. */
    public String render() {
        StringBuilder sql = new StringBuilder("-- Alignment plan written by pgcarry: makes TARGET match SOURCE.\n");
        if (!measuredOnTarget) {
            sql.append("-- TARGET is a snapshot: row counts behind the hazards were not measured.\n");
        }
        boolean transaction = active().stream().noneMatch(PlannedStatement::outsideTransaction);
        sql.append(transaction ? "-- Runs in one transaction: a failure changes nothing.\n" : "-- Some statements cannot run in a transaction: statements run one by one.\n");
        sql.append("\n");
        sql.append(SchemaScript.SESSION_SETTINGS.get(0)).append(";\n");
        if (transaction) {
            sql.append("BEGIN;\n");
        }
        for (PlannedStatement statement : statements) {
            sql.append('\n');
            for (Hazard hazard : statement.hazards()) {
                sql.append("-- hazard: ").append(hazard).append('\n');
            }
            if (statement.commentedOut()) {
                statement.sql().lines().forEach(line -> sql.append("-- ").append(line).append('\n'));
                sql.setLength(sql.length() - 1);
                sql.append(";\n");
            } else {
                sql.append(statement.sql()).append(";\n");
            }
        }
        if (transaction) {
            sql.append("\nCOMMIT;\n");
        }
        return sql.toString();
    }

    public String renderRollback() {
        StringBuilder sql = new StringBuilder("-- Rollback written by pgcarry: undoes the table rebuilds of the plan.\n");
        rollback.forEach(statement -> sql.append('\n').append(statement).append(";\n"));
        return sql.toString();
    }
}
