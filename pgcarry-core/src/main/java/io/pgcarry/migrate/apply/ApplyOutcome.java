package io.pgcarry.migrate.apply;

import com.fasterxml.jackson.annotation.JsonValue;

/** How {@code migrate apply} ended. */
public enum ApplyOutcome {
    /** Every pending migration was applied (or there was none). */
    APPLIED("applied"),
    /** {@code --dry-run}: the plan was made and nothing written. */
    PLANNED("planned"),
    /** Nothing was applied: {@code migrate status} shows a modified, missing, failed or skipped migration. */
    REFUSED("refused"),
    /** A migration failed; those before it stay applied, those after it were not run. */
    FAILED("failed");

    private final String label;

    ApplyOutcome(String label) {
        this.label = label;
    }

    @JsonValue
    public String label() {
        return label;
    }

    @Override
    public String toString() {
        return label;
    }
}
