package io.pgcarry.migrate.apply;

import com.fasterxml.jackson.annotation.JsonValue;

/** How one migration file runs. */
public enum TransactionMode {
    /** All its statements and its ledger row in one transaction: a failure leaves nothing of it. */
    TRANSACTION("transaction"),
    /**
     * Statement by statement, each committed on its own, because it holds a statement PostgreSQL refuses inside a
     * transaction block; a failure leaves what ran before it.
     */
    STATEMENTS("statement by statement");

    private final String label;

    TransactionMode(String label) {
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
