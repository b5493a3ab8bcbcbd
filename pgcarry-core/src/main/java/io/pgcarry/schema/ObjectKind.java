package io.pgcarry.schema;

/**
 * The kinds of schema object pgcarry models, in the order a script creates them when dependencies do not
 * say otherwise.
 */
public enum ObjectKind {
    SCHEMA("schema"),
    EXTENSION("extension"),
    SHELL_TYPE("shell type"),
    ENUM("enum type"),
    COMPOSITE("composite type"),
    RANGE("range type"),
    DOMAIN("domain"),
    SEQUENCE("sequence"),
    FUNCTION("function"),
    PROCEDURE("procedure"),
    BASE_TYPE("base type"),
    AGGREGATE("aggregate"),
    TABLE("table"),
    COLUMN("column"),
    VIEW("view"),
    MATERIALIZED_VIEW("materialized view"),
    CONSTRAINT("constraint"),
    INDEX("index"),
    TRIGGER("trigger"),
    POLICY("policy"),
    RULE("rule"),
    STATISTICS("statistics object");

    private final String label;

    ObjectKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Whether the object lives inside a table (or view) and is named per table. */
    public boolean belongsToTable() {
        return this == COLUMN || this == CONSTRAINT || this == INDEX || this == TRIGGER || this == POLICY || this == RULE;
    }
}
