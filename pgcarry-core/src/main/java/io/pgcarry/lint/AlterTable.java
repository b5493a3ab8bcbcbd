package io.pgcarry.lint;

import static io.pgcarry.lint.LockMode.ACCESS_EXCLUSIVE;
import static io.pgcarry.lint.LockMode.SHARE_ROW_EXCLUSIVE;
import static io.pgcarry.lint.LockMode.SHARE_UPDATE_EXCLUSIVE;

import java.util.List;

/**
 * {@code ALTER TABLE}: each subcommand's lock level as PostgreSQL documents it (ACCESS EXCLUSIVE unless noted), and the
 * subcommands that rewrite, scan or break the running application.
 */
final class AlterTable {
    private AlterTable() {
    }

    /** {@code t} starts {@code ALTER TABLE}. */
    static void analyze(Tokens t, Walk w, Effect e) {
        int i = 2;
        i = t.at(i, "if", "exists") ? i + 2 : i;
        i = t.at(i, "only") ? i + 1 : i;
        Tokens.Named named = t.name(i);
        if (named == null) {
            return;
        }
        TableRef table = named.ref();
        i = t.get(named.next()).isSymbol("*") ? named.next() + 1 : named.next();
        if (t.at(i, "rename")) {
            rename(t, i + 1, table, e);
            return;
        }
        if (t.at(i, "set", "schema")) {
            e.lock(table, ACCESS_EXCLUSIVE);
            e.issue(Issue.of(LintRule.RENAME_TABLE, table, ACCESS_EXCLUSIVE, false, "moving " + table + " to another schema breaks "
                    + "every query of the running application that names it", RENAME_SAFER));
            return;
        }
        for (int[] part : t.split(i)) {
            subcommand(t, part[0], part[1], table, w, e);
        }
    }

    private static final String RENAME_SAFER = "expand and contract: add the new name beside the old (a view or a new column "
            + "kept in step by a trigger), move the application over in a deploy, and drop the old name in a later migration";

    private static void rename(Tokens t, int i, TableRef table, Effect e) {
        e.lock(table, ACCESS_EXCLUSIVE);
        if (t.at(i, "to")) {
            e.issue(Issue.of(LintRule.RENAME_TABLE, table, ACCESS_EXCLUSIVE, false, "renaming " + table + " breaks every query of "
                    + "the running application that names it", RENAME_SAFER));
        } else if (!t.at(i, "constraint")) {
            int c = t.at(i, "column") ? i + 1 : i;
            e.issue(Issue.of(LintRule.RENAME_COLUMN, table, ACCESS_EXCLUSIVE, false, "renaming column " + t.get(c).text() + " of "
                    + table + " breaks every query of the running application that names it", RENAME_SAFER));
        }
    }

    private static void subcommand(Tokens t, int from, int to, TableRef table, Walk w, Effect e) {
        String first = t.get(from).text();
        switch (first) {
            case "add" -> add(t, from + 1, to, table, w, e);
            case "drop" -> drop(t, from + 1, table, e);
            case "alter" -> Columns.alter(t, t.at(from + 1, "column") ? from + 2 : from + 1, to, table, w, e);
            case "validate" -> Constraints.validate(t, from + 2, table, w, e);
            case "set", "reset" -> set(t, from, to, table, e);
            case "enable", "disable" -> e.lock(table, t.has("trigger", from, to) ? SHARE_ROW_EXCLUSIVE : ACCESS_EXCLUSIVE);
            case "cluster" -> e.lock(table, SHARE_UPDATE_EXCLUSIVE);
            case "attach" -> attach(t, from, table, w, e);
            case "detach" -> detach(t, from, to, table, e);
            default -> e.lock(table, ACCESS_EXCLUSIVE);
        }
    }

    private static void add(Tokens t, int i, int to, TableRef table, Walk w, Effect e) {
        if (List.of("constraint", "check", "foreign", "unique", "primary", "exclude").contains(t.get(i).text())) {
            Constraints.add(t, i, to, table, w, e);
        } else {
            AddColumn.analyze(t, t.at(i, "column") ? i + 1 : i, to, table, w, e);
        }
    }

    private static void drop(Tokens t, int i, TableRef table, Effect e) {
        e.lock(table, ACCESS_EXCLUSIVE);
        if (t.at(i, "constraint")) {
            return;
        }
        int c = t.at(i, "column") ? i + 1 : i;
        c = t.at(c, "if", "exists") ? c + 2 : c;
        e.issue(Issue.of(LintRule.DROP_COLUMN, table, ACCESS_EXCLUSIVE, false, "dropping column " + t.get(c).text() + " of " + table
                + " breaks every query of the running application that still reads or writes it", "deploy the application without "
                + "the column first (for an ORM, mark it ignored), then drop it in a later migration"));
    }

    private static void set(Tokens t, int from, int to, TableRef table, Effect e) {
        boolean rewrites = t.has("tablespace", from, to) || t.has("logged", from, to) || t.has("unlogged", from, to)
                || t.at(from, "set", "access", "method");
        if (rewrites) {
            e.lock(table, ACCESS_EXCLUSIVE);
            e.rewrite();
            e.issue(Issue.of(LintRule.REWRITE_TABLE, table, ACCESS_EXCLUSIVE, true, t.text(from, to).toUpperCase(java.util.Locale.ROOT)
                    + " rewrites " + table + " under an ACCESS EXCLUSIVE lock: reads and writes wait until it is done",
                    "do it in a maintenance window, or copy the data into a new table online (pg_repack does this)"));
        } else if (t.get(from + 1).isSymbol("(") || t.at(from, "reset") || t.at(from, "set", "without", "cluster")
                || t.at(from, "set", "statistics")) {
            e.lock(table, SHARE_UPDATE_EXCLUSIVE);
        } else {
            e.lock(table, ACCESS_EXCLUSIVE);
        }
    }

    /** ATTACH PARTITION: SHARE UPDATE EXCLUSIVE on the parent from 12 on; ACCESS EXCLUSIVE on the partition, which is scanned. */
    private static void attach(Tokens t, int from, TableRef table, Walk w, Effect e) {
        e.lock(table, w.version() >= 12 ? SHARE_UPDATE_EXCLUSIVE : ACCESS_EXCLUSIVE);
        Tokens.Named partition = t.name(from + 2);
        if (partition != null) {
            e.lock(partition.ref(), ACCESS_EXCLUSIVE);
            e.scan();
        }
    }

    private static void detach(Tokens t, int from, int to, TableRef table, Effect e) {
        boolean concurrently = t.has("concurrently", from, to);
        e.lock(table, concurrently ? SHARE_UPDATE_EXCLUSIVE : ACCESS_EXCLUSIVE);
        Tokens.Named partition = t.name(from + 2);
        if (partition != null) {
            e.lock(partition.ref(), concurrently ? SHARE_UPDATE_EXCLUSIVE : ACCESS_EXCLUSIVE);
        }
    }
}
