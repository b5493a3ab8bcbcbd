package io.pgcarry.lint;

import static io.pgcarry.lint.LockMode.ACCESS_EXCLUSIVE;
import static io.pgcarry.lint.LockMode.SHARE_ROW_EXCLUSIVE;
import static io.pgcarry.lint.LockMode.SHARE_UPDATE_EXCLUSIVE;

/**
 * {@code ADD CONSTRAINT} and {@code VALIDATE CONSTRAINT}. A foreign key takes SHARE ROW EXCLUSIVE on both tables, other
 * constraints ACCESS EXCLUSIVE; without NOT VALID every row is checked under that lock. VALIDATE takes only SHARE UPDATE
 * EXCLUSIVE (ROW SHARE on a referenced table), but not when the ADD's lock is still held in the same transaction.
 */
final class Constraints {
    private Constraints() {
    }

    static void add(Tokens t, int i, int to, TableRef table, Walk w, Effect e) {
        String name = t.at(i, "constraint") ? t.get(i + 1).text() : null;
        int k = name == null ? i : i + 2;
        String kind = t.get(k).text();
        boolean notValid = notValid(t, k, to);
        switch (kind) {
            case "foreign" -> foreignKey(t, k, to, table, name, notValid, w, e);
            case "check" -> check(t, k, table, name, notValid, w, e);
            case "unique", "primary", "exclude" -> unique(t, k, to, table, kind, e);
            default -> e.lock(table, ACCESS_EXCLUSIVE);
        }
    }

    private static boolean notValid(Tokens t, int from, int to) {
        for (int i = from; i < to - 1; i++) {
            if (t.get(i).depth() == t.get(from).depth() && t.at(i, "not", "valid")) {
                return true;
            }
        }
        return false;
    }

    private static void foreignKey(Tokens t, int k, int to, TableRef table, String name, boolean notValid, Walk w, Effect e) {
        e.lock(table, SHARE_ROW_EXCLUSIVE);
        int r = t.find("references", k, to);
        TableRef referenced = r >= 0 && t.name(r + 1) != null ? t.name(r + 1).ref() : null;
        if (referenced != null) {
            e.lock(referenced, SHARE_ROW_EXCLUSIVE);
        }
        if (notValid) {
            remember(name, table, null, SHARE_ROW_EXCLUSIVE, w);
            return;
        }
        e.scan();
        e.issue(Issue.of(LintRule.ADD_CONSTRAINT_VALIDATES, table, SHARE_ROW_EXCLUSIVE, false, "adding the foreign key checks every row "
                + "of " + table + " while holding SHARE ROW EXCLUSIVE on it" + (referenced == null ? "" : " and on " + referenced)
                + ": writes to both wait", "ADD CONSTRAINT ... FOREIGN KEY ... NOT VALID, then in a later transaction VALIDATE "
                + "CONSTRAINT (SHARE UPDATE EXCLUSIVE: reads and writes go on)"));
    }

    private static void check(Tokens t, int k, TableRef table, String name, boolean notValid, Walk w, Effect e) {
        e.lock(table, ACCESS_EXCLUSIVE);
        String notNullColumn = notNullColumn(t, k + 1);
        if (notValid) {
            remember(name, table, notNullColumn, ACCESS_EXCLUSIVE, w);
            return;
        }
        if (notNullColumn != null) {
            w.provenNotNull(table, notNullColumn);
        }
        e.scan();
        e.issue(Issue.of(LintRule.ADD_CONSTRAINT_VALIDATES, table, ACCESS_EXCLUSIVE, false, "adding the CHECK constraint reads all of "
                + table + " under an ACCESS EXCLUSIVE lock: reads and writes wait", "ADD CONSTRAINT ... CHECK (...) NOT VALID, then in "
                + "a later transaction VALIDATE CONSTRAINT (SHARE UPDATE EXCLUSIVE: reads and writes go on)"));
    }

    /** The column of {@code CHECK (column IS NOT NULL)}, whose group opens at {@code open}; else null. */
    private static String notNullColumn(Tokens t, int open) {
        int i = open + 1;
        while (t.get(i).isSymbol("(")) {
            i++;
        }
        boolean shape = t.get(i).isName() && t.at(i + 1, "is", "not", "null");
        int close = i + 4;
        while (t.get(close).isSymbol(")")) {
            close++;
        }
        return shape && close == t.pastGroup(open) ? t.get(i).text() : null;
    }

    private static void remember(String name, TableRef table, String notNullColumn, LockMode lock, Walk w) {
        if (name != null) {
            w.notValid(name, new Walk.NotValid(table, w.transaction(), notNullColumn, lock));
        }
    }

    private static void unique(Tokens t, int k, int to, TableRef table, String kind, Effect e) {
        e.lock(table, ACCESS_EXCLUSIVE);
        if (t.has("using", k, to) && t.find("using", k, to) + 1 < to && t.get(t.find("using", k, to) + 1).is("index")) {
            return;
        }
        e.scan();
        String what = kind.equals("primary") ? "PRIMARY KEY" : kind.toUpperCase(java.util.Locale.ROOT);
        e.issue(Issue.of(LintRule.ADD_UNIQUE_WITHOUT_INDEX, table, ACCESS_EXCLUSIVE, false, "adding the " + what + " constraint builds "
                + "its index on " + table + " under an ACCESS EXCLUSIVE lock: reads and writes wait until it is built",
                "CREATE UNIQUE INDEX CONCURRENTLY first, then ALTER TABLE ... ADD CONSTRAINT ... " + (kind.equals("exclude")
                        ? "(an EXCLUDE constraint cannot use an existing index: do it in a quiet window)" : what + " USING INDEX ...")));
    }

    /** {@code VALIDATE CONSTRAINT}; {@code i} is at the constraint's name. */
    static void validate(Tokens t, int i, TableRef table, Walk w, Effect e) {
        e.lock(table, SHARE_UPDATE_EXCLUSIVE);
        e.scan();
        String name = t.get(i).text();
        Walk.NotValid added = w.notValid(name);
        if (added == null) {
            return;
        }
        if (added.notNullColumn() != null) {
            w.provenNotNull(table, added.notNullColumn());
        }
        if (added.transaction() == w.transaction()) {
            e.issue(Issue.of(LintRule.VALIDATE_IN_SAME_TRANSACTION, table, added.lock(), false, "VALIDATE CONSTRAINT " + name
                    + " runs in the transaction that added it NOT VALID, so the add's " + added.lock() + " lock is still held while "
                    + "every row is checked",
                    "commit between the two: put VALIDATE CONSTRAINT in the next migration (or after COMMIT)"));
        }
    }
}
