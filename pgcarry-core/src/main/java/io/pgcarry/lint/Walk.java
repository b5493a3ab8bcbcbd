package io.pgcarry.lint;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the files have done so far, as the lint walks them in order: the relations they created, the constraints added
 * NOT VALID, the NOT NULL checks validated, and, for the current file, the transaction and {@code lock_timeout} state.
 */
final class Walk {
    /**
     * A constraint added NOT VALID: on which table, in which transaction, the column it proves NOT NULL (or null), and the
     * lock the add took.
     */
    record NotValid(TableRef table, int transaction, String notNullColumn, LockMode lock) {
    }

    private final LintContext context;
    private final List<TableRef> created = new ArrayList<>();
    private final Map<String, NotValid> notValid = new HashMap<>();
    private final Set<String> provenNotNull = new HashSet<>();
    private boolean wholeFile;
    private boolean block;
    private int transaction;
    private boolean lockTimeout;
    private int localLockTimeout = -1;

    Walk(LintContext context) {
        this.context = context;
    }

    void startFile(boolean wholeFile) {
        this.wholeFile = wholeFile;
        block = false;
        transaction++;
        lockTimeout = false;
        localLockTimeout = -1;
    }

    /** Before each statement that is not transaction control: outside a transaction, each statement is its own. */
    void nextStatement() {
        if (!inTransaction()) {
            transaction++;
        }
    }

    void begin() {
        if (!block && !wholeFile) {
            transaction++;
        }
        block = true;
    }

    void end() {
        block = false;
        if (!wholeFile) {
            transaction++;
        }
    }

    boolean inTransaction() {
        return wholeFile || block;
    }

    boolean explicitBlock() {
        return block;
    }

    int transaction() {
        return transaction;
    }

    void lockTimeout(boolean set, boolean local) {
        if (local) {
            localLockTimeout = set ? transaction : -1;
        } else {
            lockTimeout = set;
        }
    }

    boolean lockTimeoutActive() {
        return context.lockTimeoutSet() || lockTimeout || localLockTimeout == transaction;
    }

    void created(TableRef relation) {
        created.add(relation);
    }

    /** Whether no application can be using it yet: created earlier in these files, or absent from the target. */
    boolean isNew(TableRef relation) {
        if (created.stream().anyMatch(c -> c.sameAs(relation))) {
            return true;
        }
        return context.facts().known() && context.facts().size(relation).isEmpty();
    }

    void notValid(String constraint, NotValid added) {
        notValid.put(constraint, added);
    }

    NotValid notValid(String constraint) {
        return notValid.get(constraint);
    }

    void provenNotNull(TableRef table, String column) {
        provenNotNull.add(table.name() + "\u0000" + column);
    }

    /** Whether the files or the target prove the column NOT NULL already. */
    boolean isProvenNotNull(TableRef table, String column) {
        return provenNotNull.contains(table.name() + "\u0000" + column) || context.facts().provenNotNull(table, column);
    }

    LintContext context() {
        return context;
    }

    int version() {
        return context.pgVersion();
    }
}
