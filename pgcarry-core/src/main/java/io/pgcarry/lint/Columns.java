package io.pgcarry.lint;

import static io.pgcarry.lint.LockMode.ACCESS_EXCLUSIVE;
import static io.pgcarry.lint.LockMode.SHARE_UPDATE_EXCLUSIVE;

import io.pgcarry.report.Severity;
import io.pgcarry.schema.BinaryCoercion;
import java.util.Optional;

/** {@code ALTER TABLE ... ALTER COLUMN}: a type change (rewrite unless binary-coercible) and {@code SET NOT NULL} (a scan). */
final class Columns {
    private Columns() {
    }

    /** {@code i} is at the column's name; {@code to} ends the subcommand. */
    static void alter(Tokens t, int i, int to, TableRef table, Walk w, Effect e) {
        String column = t.get(i).text();
        int k = i + 1;
        if (t.at(k, "type") || t.at(k, "set", "data", "type")) {
            type(t, t.at(k, "type") ? k + 1 : k + 3, to, table, column, w, e);
        } else if (t.at(k, "set", "not", "null")) {
            setNotNull(table, column, w, e);
        } else if (t.at(k, "set", "statistics") || t.at(k, "set") && t.get(k + 1).isSymbol("(") || t.at(k, "reset")) {
            e.lock(table, SHARE_UPDATE_EXCLUSIVE);
        } else {
            e.lock(table, ACCESS_EXCLUSIVE);
        }
    }

    private static void type(Tokens t, int from, int to, TableRef table, String column, Walk w, Effect e) {
        e.lock(table, ACCESS_EXCLUSIVE);
        int using = t.find("using", from, to);
        int collate = t.find("collate", from, to);
        int end = Math.min(using < 0 ? to : using, collate < 0 ? to : collate);
        String wanted = TypeNames.canonical(t.text(from, end));
        Optional<String> current = w.context().facts().columnType(table, column);
        if (using < 0 && collate < 0 && current.isPresent() && BinaryCoercion.keepsStorage(current.get(), wanted)) {
            return;
        }
        e.rewrite();
        String safer = "add a new column of type " + wanted + ", keep it in step with a trigger, backfill it in batches, "
                + "then switch the application over and drop the old column";
        String message = "changing " + column + " of " + table + " to " + wanted
                + current.map(c -> " (from " + c + ")").orElse("") + " rewrites the table and its indexes under an ACCESS EXCLUSIVE lock";
        Issue issue = Issue.of(LintRule.CHANGE_COLUMN_TYPE, table, ACCESS_EXCLUSIVE, true, message, safer);
        if (current.isEmpty() && using < 0 && TypeNames.mayKeepStorage(wanted)) {
            issue = new Issue(issue.rule(), Severity.WARNING, table, ACCESS_EXCLUSIVE, true, message + ", unless the column is a "
                    + "shorter varchar, numeric or varbit today (binary-coercible: no rewrite; give --to to know)", safer);
        }
        e.issue(issue);
    }

    private static void setNotNull(TableRef table, String column, Walk w, Effect e) {
        e.lock(table, ACCESS_EXCLUSIVE);
        if (w.version() >= 12 && w.isProvenNotNull(table, column)) {
            return;
        }
        e.scan();
        String safer = w.version() >= 12
                ? "ADD CONSTRAINT " + column + "_not_null CHECK (" + column + " IS NOT NULL) NOT VALID; in another transaction "
                + "VALIDATE CONSTRAINT " + column + "_not_null (SHARE UPDATE EXCLUSIVE: reads and writes go on); then SET NOT NULL, "
                + "which uses the validated check and skips the scan; then DROP CONSTRAINT " + column + "_not_null"
                : "before PostgreSQL 12 SET NOT NULL always scans: keep a validated CHECK (" + column + " IS NOT NULL) instead, added "
                + "NOT VALID and validated separately";
        e.issue(Issue.of(LintRule.SET_NOT_NULL, table, ACCESS_EXCLUSIVE, false, "SET NOT NULL on " + column + " reads all of " + table
                + " under an ACCESS EXCLUSIVE lock to check for nulls", safer));
    }
}
