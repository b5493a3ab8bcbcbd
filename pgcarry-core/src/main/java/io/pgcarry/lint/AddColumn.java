package io.pgcarry.lint;

import static io.pgcarry.lint.LockMode.ACCESS_EXCLUSIVE;
import static io.pgcarry.lint.LockMode.SHARE_ROW_EXCLUSIVE;

import io.pgcarry.report.Severity;
import java.util.Set;

/**
 * {@code ALTER TABLE ... ADD COLUMN}: ACCESS EXCLUSIVE, brief unless the new column makes PostgreSQL write a value into
 * every row. From 11 on a constant or stable default is stored once in the catalog; a volatile default, a serial, an
 * identity or a stored generated column is computed per row, so the table is rewritten.
 */
final class AddColumn {
    private static final Set<String> SERIALS = Set.of("serial", "bigserial", "smallserial", "serial2", "serial4", "serial8");
    /** Words that end a column's DEFAULT expression. */
    private static final Set<String> CONSTRAINT_WORDS = Set.of("not", "null", "check", "unique", "primary", "references", "generated",
            "constraint", "collate", "deferrable", "initially");

    private AddColumn() {
    }

    static void analyze(Tokens t, int i, int to, TableRef table, Walk w, Effect e) {
        e.lock(table, ACCESS_EXCLUSIVE);
        i = t.at(i, "if", "not", "exists") ? i + 3 : i;
        String column = t.get(i).text();
        String type = t.get(i + 1).text();
        if (SERIALS.contains(type)) {
            generated(table, column, type, e);
        } else if (t.has("identity", i, to) || t.has("generated", i, to) && t.has("stored", i, to)) {
            generated(table, column, t.has("identity", i, to) ? "an identity" : "a stored generated", e);
        } else {
            int d = t.find("default", i, to);
            if (d >= 0 && !t.get(d + 1).is("null")) {
                defaulted(t, d + 1, to, table, column, w, e);
            }
        }
        int r = t.find("references", i, to);
        if (r >= 0 && t.name(r + 1) != null) {
            e.lock(t.name(r + 1).ref(), SHARE_ROW_EXCLUSIVE);
        }
        if (t.has("unique", i, to) || t.has("primary", i, to)) {
            e.scan();
            e.issue(Issue.of(LintRule.ADD_UNIQUE_WITHOUT_INDEX, table, ACCESS_EXCLUSIVE, false, "the new column's UNIQUE or PRIMARY KEY "
                    + "builds its index under an ACCESS EXCLUSIVE lock on " + table, "add the column plain, CREATE UNIQUE INDEX "
                    + "CONCURRENTLY on it, then ADD CONSTRAINT ... UNIQUE USING INDEX"));
        }
    }

    private static void generated(TableRef table, String column, String what, Effect e) {
        e.rewrite();
        e.issue(Issue.of(LintRule.ADD_COLUMN_GENERATED, table, ACCESS_EXCLUSIVE, true, "adding " + column + " as " + what
                + " column rewrites " + table + " under an ACCESS EXCLUSIVE lock: every row gets its value",
                "add a plain nullable column, fill it in batches (UPDATE ... WHERE id BETWEEN ...), then attach the default, "
                        + "sequence or identity with ALTER COLUMN, which does not rewrite"));
    }

    private static void defaulted(Tokens t, int from, int to, TableRef table, String column, Walk w, Effect e) {
        int end = from;
        while (end < to && !(t.get(end).depth() == t.get(from).depth() && CONSTRAINT_WORDS.contains(t.get(end).text()))) {
            end++;
        }
        Defaults.Kind kind = Defaults.classify(t, from, end, w.context().facts());
        if (kind == Defaults.Kind.NULL) {
            return;
        }
        String expression = t.text(from, end);
        if (kind == Defaults.Kind.VOLATILE || kind == Defaults.Kind.UNKNOWN) {
            e.rewrite();
            Issue issue = Issue.of(LintRule.ADD_COLUMN_VOLATILE_DEFAULT, table, ACCESS_EXCLUSIVE, true, "adding " + column
                    + " with the volatile default " + expression + " rewrites " + table + " under an ACCESS EXCLUSIVE lock"
                    + (kind == Defaults.Kind.UNKNOWN ? " if " + Defaults.unknownCall(t, from, end) + " is volatile (give --to to know)" : ""),
                    "add the column without a default, then ALTER COLUMN " + column + " SET DEFAULT " + expression
                            + " (new rows only), and fill existing rows in batches");
            e.issue(kind == Defaults.Kind.UNKNOWN ? issue.unsure(Severity.WARNING) : issue);
        } else if (w.version() < 11) {
            e.rewrite();
            e.issue(Issue.of(LintRule.ADD_COLUMN_DEFAULT_BEFORE_11, table, ACCESS_EXCLUSIVE, true, "before PostgreSQL 11 adding "
                    + column + " with any default, even the constant " + expression + ", rewrites " + table,
                    "add the column without a default, SET DEFAULT separately, and fill existing rows in batches"));
        }
    }
}
