package io.pgcarry.migrate.apply;

import com.fasterxml.jackson.annotation.JsonValue;

/** How one migration file runs. */
public enum TransactionMode {
    /** All its statements and its ledger row in one transaction: a failure leaves nothing of it. */
    TRANSACTION("transaction", "transaction"),
    /**
     * Statement by statement, each committed on its own, because it holds a statement PostgreSQL refuses inside a
     * transaction block; a failure leaves what ran before it.
     */
    STATEMENTS("statements", "statement by statement");

    private final String json;
    private final String label;

    TransactionMode(String json, String label) {
        this.json = json;
        this.label = label;
    }

    /** The name in JSON: {@code transaction} or {@code statements}. */
    @JsonValue
    public String json() {
        return json;
    }

    /** The words in the report: {@code transaction} or {@code statement by statement}. */
    public String label() {
        return label;
    }

    @Override
    public String toString() {
        return label;
    }
}
