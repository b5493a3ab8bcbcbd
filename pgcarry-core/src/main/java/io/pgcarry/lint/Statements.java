package io.pgcarry.lint;

import static io.pgcarry.lint.LockMode.ACCESS_EXCLUSIVE;
import static io.pgcarry.lint.LockMode.ROW_EXCLUSIVE;
import static io.pgcarry.lint.LockMode.SHARE_ROW_EXCLUSIVE;

import java.util.Set;

/**
 * The rules' entry for one statement: which statement kind it is, and the rules of that kind. Kinds no rule reads
 * (SELECT, GRANT, CREATE FUNCTION...) predict no lock worth naming.
 */
final class Statements {
    private static final Set<String> TABLE_KINDS = Set.of("table", "unlogged", "temp", "temporary", "global", "local");

    private Statements() {
    }

    static Effect analyze(String sql, Walk w) {
        Tokens t = Tokens.of(sql);
        Effect e = new Effect();
        switch (t.get(0).text()) {
            case "alter" -> alter(t, w, e);
            case "create" -> create(t, w, e);
            case "drop" -> drop(t, w, e);
            case "vacuum", "cluster", "refresh", "truncate", "reindex", "lock" -> Maintenance.analyze(t, w, e);
            case "delete", "update" -> Maintenance.writes(t, e);
            case "insert", "merge" -> {
                Tokens.Named target = t.name(2);
                if (target != null) {
                    e.lock(target.ref(), ROW_EXCLUSIVE);
                }
            }
            default -> { }
        }
        return e;
    }

    private static void alter(Tokens t, Walk w, Effect e) {
        if (t.at(1, "table")) {
            AlterTable.analyze(t, w, e);
        } else if (t.at(1, "type") && t.has("add", 2, t.size()) && t.has("value", 2, t.size())) {
            Maintenance.enumValue(t, w, e);
        }
    }

    private static void create(Tokens t, Walk w, Effect e) {
        int i = 1;
        i = t.at(i, "or", "replace") ? i + 2 : i;
        if (t.at(i, "index") || t.at(i, "unique", "index")) {
            Indexes.create(t, w, e);
            return;
        }
        while (TABLE_KINDS.contains(t.get(i).text()) && !t.at(i, "table")) {
            i++;
        }
        if (t.at(i, "table") || t.at(i, "materialized", "view")) {
            i += t.at(i, "table") ? 1 : 2;
            i = t.at(i, "if", "not", "exists") ? i + 3 : i;
            Tokens.Named named = t.name(i);
            if (named != null) {
                w.created(named.ref());
            }
            references(t, e);
        } else if (t.at(i, "trigger") || t.at(i, "constraint", "trigger")) {
            int on = t.find("on", i, t.size());
            if (on >= 0 && t.name(on + 1) != null) {
                e.lock(t.name(on + 1).ref(), SHARE_ROW_EXCLUSIVE);
            }
        }
    }

    /** The tables a new table's foreign keys reference get SHARE ROW EXCLUSIVE. */
    private static void references(Tokens t, Effect e) {
        for (int i = 0; i < t.size(); i++) {
            if (t.get(i).is("references") && t.name(i + 1) != null) {
                e.lock(t.name(i + 1).ref(), SHARE_ROW_EXCLUSIVE);
            }
        }
    }

    private static void drop(Tokens t, Walk w, Effect e) {
        if (t.at(1, "index")) {
            Indexes.drop(t, w, e);
            return;
        }
        // A materialized view's rows and a sequence's position go with them as a table's rows do.
        String kind = t.at(1, "table") ? "table" : t.at(1, "materialized", "view") ? "materialized view"
                : t.at(1, "sequence") ? "sequence" : null;
        if (kind == null) {
            return;
        }
        int at = kind.equals("materialized view") ? 3 : 2;
        int i = t.at(at, "if", "exists") ? at + 2 : at;
        for (int[] part : t.split(i)) {
            Tokens.Named named = t.name(part[0]);
            if (named != null) {
                TableRef table = named.ref();
                e.lock(table, ACCESS_EXCLUSIVE);
                e.issue(Issue.of(LintRule.DROP_TABLE, table, ACCESS_EXCLUSIVE, false, "dropping " + kind + " " + table
                        + " deletes its data and breaks every query of the running application that still uses it",
                        "deploy the application without the " + kind + " first, keep a backup (pgcarry backup --include "
                        + table + "), then drop it in a later migration"));
            }
        }
    }
}
