package io.pgcarry.lint;

import com.fasterxml.jackson.annotation.JsonValue;
import io.pgcarry.report.Severity;
import java.util.Arrays;
import java.util.Optional;

/**
 * The rules {@code pgcarry lint} checks, each with the id that {@code -- pgcarry:allow} names. A size-scaled rule's
 * harm grows with the table (a rewrite, a scan, an index build under a lock): with the target's sizes known, a small
 * table turns its error into a warning and its warning into a note. An existing-table rule says nothing of a table
 * created earlier in the same files, or absent from the target, since no application uses it yet.
 */
public enum LintRule {
    ADD_COLUMN_VOLATILE_DEFAULT("add-column-volatile-default", Severity.ERROR, true, true),
    ADD_COLUMN_DEFAULT_BEFORE_11("add-column-default-before-11", Severity.ERROR, true, true),
    ADD_COLUMN_GENERATED("add-column-generated", Severity.ERROR, true, true),
    CHANGE_COLUMN_TYPE("change-column-type", Severity.ERROR, true, true),
    SET_NOT_NULL("set-not-null", Severity.ERROR, true, true),
    CREATE_INDEX("create-index-not-concurrently", Severity.ERROR, true, true),
    DROP_INDEX("drop-index-not-concurrently", Severity.WARNING, false, true),
    ADD_CONSTRAINT_VALIDATES("add-constraint-validates", Severity.ERROR, true, true),
    VALIDATE_IN_SAME_TRANSACTION("validate-in-same-transaction", Severity.ERROR, true, true),
    ADD_UNIQUE_WITHOUT_INDEX("add-unique-without-index", Severity.ERROR, true, true),
    REWRITE_TABLE("rewrite-table", Severity.ERROR, true, true),
    RENAME_TABLE("rename-table", Severity.ERROR, false, true),
    RENAME_COLUMN("rename-column", Severity.ERROR, false, true),
    DROP_TABLE("drop-table", Severity.WARNING, false, true),
    DROP_COLUMN("drop-column", Severity.WARNING, false, true),
    LOCK_TIMEOUT_MISSING("lock-timeout-missing", Severity.WARNING, false, true),
    NOT_IN_TRANSACTION("concurrently-in-transaction", Severity.ERROR, false, false),
    VACUUM_FULL("vacuum-full", Severity.ERROR, true, true),
    CLUSTER("cluster", Severity.ERROR, true, true),
    ENUM_ADD_VALUE_IN_TRANSACTION("enum-add-value-in-transaction", Severity.ERROR, false, false),
    REFRESH_MATERIALIZED_VIEW("refresh-materialized-view", Severity.ERROR, true, true),
    TRUNCATE("truncate", Severity.ERROR, true, true),
    DELETE_WITHOUT_WHERE("delete-without-where", Severity.ERROR, true, true),
    UPDATE_WITHOUT_WHERE("update-without-where", Severity.ERROR, true, true),
    UNKNOWN_ALLOW("unknown-allow", Severity.ERROR, false, false);

    private final String id;
    private final Severity severity;
    private final boolean sizeScaled;
    private final boolean existingOnly;

    LintRule(String id, Severity severity, boolean sizeScaled, boolean existingOnly) {
        this.id = id;
        this.severity = severity;
        this.sizeScaled = sizeScaled;
        this.existingOnly = existingOnly;
    }

    /** The id in findings and in {@code -- pgcarry:allow}: {@code create-index-not-concurrently}. */
    @JsonValue
    public String id() {
        return id;
    }

    /** Its severity on a table of unknown or large size. */
    public Severity severity() {
        return severity;
    }

    /** Whether a small table makes it less severe. */
    public boolean sizeScaled() {
        return sizeScaled;
    }

    /** Whether it concerns only tables that exist before the migration runs. */
    public boolean existingOnly() {
        return existingOnly;
    }

    /** The rule with id {@code id}, or empty. */
    public static Optional<LintRule> byId(String id) {
        return Arrays.stream(values()).filter(r -> r.id.equals(id)).findFirst();
    }

    @Override
    public String toString() {
        return id;
    }
}
