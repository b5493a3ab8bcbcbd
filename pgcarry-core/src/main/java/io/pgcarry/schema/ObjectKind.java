package io.pgcarry.schema;

/**
 * The kinds of schema object pgcarry models, in the order a script creates them when dependencies do not
 * say otherwise.
 */
public enum ObjectKind {
    SCHEMA("schema"),
    EXTENSION("extension"),
    LANGUAGE("language"),
    COLLATION("collation"),
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
    OPERATOR("operator"),
    ACCESS_METHOD("access method"),
    OPERATOR_FAMILY("operator family"),
    OPERATOR_CLASS("operator class"),
    CAST("cast"),
    CONVERSION("conversion"),
    TRANSFORM("transform"),
    TEXT_SEARCH_PARSER("text search parser"),
    TEXT_SEARCH_TEMPLATE("text search template"),
    TEXT_SEARCH_DICTIONARY("text search dictionary"),
    TEXT_SEARCH_CONFIGURATION("text search configuration"),
    FOREIGN_DATA_WRAPPER("foreign data wrapper"),
    FOREIGN_SERVER("foreign server"),
    USER_MAPPING("user mapping"),
    TABLE("table"),
    COLUMN("column"),
    FOREIGN_TABLE("foreign table"),
    VIEW("view"),
    MATERIALIZED_VIEW("materialized view"),
    CONSTRAINT("constraint"),
    INDEX("index"),
    TRIGGER("trigger"),
    POLICY("policy"),
    RULE("rule"),
    STATISTICS("statistics object"),
    PUBLICATION("publication"),
    SUBSCRIPTION("subscription"),
    EVENT_TRIGGER("event trigger"),
    DEFAULT_PRIVILEGES("default privileges"),
    /** Privileges changed on an object pgcarry does not create itself: in pg_catalog, an extension's member, an identity sequence. */
    PRIVILEGES("privileges on");

    private final String label;

    ObjectKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Whether the object belongs to the database rather than to a schema, and is named without one. */
    public boolean outsideSchemas() {
        return switch (this) {
            case SCHEMA, EXTENSION, FOREIGN_DATA_WRAPPER, FOREIGN_SERVER, USER_MAPPING, PUBLICATION, SUBSCRIPTION, EVENT_TRIGGER, DEFAULT_PRIVILEGES, PRIVILEGES -> true;
            default -> false;
        };
    }

    /** Whether the object lives inside a table (or view) and is named per table. */
    public boolean belongsToTable() {
        return this == COLUMN || this == CONSTRAINT || this == INDEX || this == TRIGGER || this == POLICY || this == RULE;
    }
}
