package io.pgcarry.lint;

import static io.pgcarry.lint.LockMode.ACCESS_EXCLUSIVE;
import static io.pgcarry.lint.LockMode.EXCLUSIVE;
import static io.pgcarry.lint.LockMode.ROW_EXCLUSIVE;
import static io.pgcarry.lint.LockMode.SHARE;
import static io.pgcarry.lint.LockMode.SHARE_UPDATE_EXCLUSIVE;

import io.pgcarry.script.SqlToken;
import java.util.Locale;

/**
 * Statements that work on a whole table: VACUUM FULL and CLUSTER (rewrite under ACCESS EXCLUSIVE), REFRESH MATERIALIZED
 * VIEW, TRUNCATE, REINDEX, LOCK, a DELETE or UPDATE of every row, and ALTER TYPE ... ADD VALUE.
 */
final class Maintenance {
    private Maintenance() {
    }

    static void analyze(Tokens t, Walk w, Effect e) {
        switch (t.get(0).text()) {
            case "vacuum" -> vacuum(t, e);
            case "cluster" -> cluster(t, e);
            case "refresh" -> refresh(t, e);
            case "truncate" -> truncate(t, e);
            case "reindex" -> reindex(t, e);
            default -> lock(t, e);
        }
    }

    /** The relation after {@code i} skipping a parenthesised option list and the given keywords; null when none. */
    private static TableRef target(Tokens t, int i, String... skip) {
        if (t.get(i).isSymbol("(")) {
            i = t.pastGroup(i);
        }
        while (i < t.size() && java.util.Arrays.asList(skip).contains(t.get(i).text()) && t.get(i).kind() == SqlToken.Kind.WORD) {
            i++;
        }
        Tokens.Named named = t.name(i);
        return named == null ? null : named.ref();
    }

    private static void vacuum(Tokens t, Effect e) {
        boolean full = t.at(1, "full") || t.get(1).isSymbol("(") && hasWord(t, 2, t.pastGroup(1), "full");
        TableRef table = target(t, 1, "full", "freeze", "verbose", "analyze");
        if (!full) {
            if (table != null) {
                e.lock(table, SHARE_UPDATE_EXCLUSIVE);
            }
            return;
        }
        rewriting(LintRule.VACUUM_FULL, "VACUUM FULL", table, e);
    }

    private static void cluster(Tokens t, Effect e) {
        int on = t.find("on", 1, t.size());
        TableRef table = on >= 0 && t.name(on + 1) != null ? t.name(on + 1).ref() : target(t, 1, "verbose");
        rewriting(LintRule.CLUSTER, "CLUSTER", table, e);
    }

    private static boolean hasWord(Tokens t, int from, int to, String word) {
        for (int i = from; i < to; i++) {
            if (t.get(i).is(word)) {
                return true;
            }
        }
        return false;
    }

    private static void rewriting(LintRule rule, String what, TableRef table, Effect e) {
        e.rewrite();
        String on = table == null ? "every table of the database, one by one," : table.toString();
        if (table != null) {
            e.lock(table, ACCESS_EXCLUSIVE);
        }
        e.issue(Issue.of(rule, table, ACCESS_EXCLUSIVE, true, what + " rewrites " + on + " under an ACCESS EXCLUSIVE lock: reads "
                + "and writes wait until it is done", "leave it out of the migration; to reclaim space or reorder rows online use "
                + "pg_repack (or plain VACUUM, which takes only SHARE UPDATE EXCLUSIVE)"));
    }

    private static void refresh(Tokens t, Effect e) {
        boolean concurrently = t.at(3, "concurrently");
        Tokens.Named named = t.name(concurrently ? 4 : 3);
        if (named == null) {
            return;
        }
        TableRef view = named.ref();
        e.lock(view, concurrently ? EXCLUSIVE : ACCESS_EXCLUSIVE);
        e.scan();
        if (!concurrently) {
            e.issue(Issue.of(LintRule.REFRESH_MATERIALIZED_VIEW, view, ACCESS_EXCLUSIVE, true, "REFRESH MATERIALIZED VIEW holds an "
                    + "ACCESS EXCLUSIVE lock on " + view + " while its query runs: reads of the view wait", "REFRESH MATERIALIZED VIEW "
                    + "CONCURRENTLY (it needs a unique index on the view), outside the migration if it is slow"));
        }
    }

    private static void truncate(Tokens t, Effect e) {
        int i = t.at(1, "table") ? 2 : 1;
        i = t.at(i, "only") ? i + 1 : i;
        for (int[] part : t.split(i)) {
            Tokens.Named named = t.name(part[0]);
            if (named != null && !t.get(part[0]).is("restart") && !t.get(part[0]).is("cascade")) {
                e.lock(named.ref(), ACCESS_EXCLUSIVE);
                e.issue(Issue.of(LintRule.TRUNCATE, named.ref(), ACCESS_EXCLUSIVE, false, "TRUNCATE deletes every row of "
                        + named.ref() + " under an ACCESS EXCLUSIVE lock", "if the rows are not needed, say so with an allow comment; "
                        + "otherwise delete what must go in batches (DELETE ... WHERE id IN (SELECT ... LIMIT 10000))"));
            }
        }
    }

    private static void reindex(Tokens t, Effect e) {
        int i = t.get(1).isSymbol("(") ? t.pastGroup(1) : 1;
        boolean table = t.at(i, "table");
        boolean concurrently = t.at(i + 1, "concurrently");
        Tokens.Named named = t.name(concurrently ? i + 2 : i + 1);
        if (named != null && (table || t.at(i, "index"))) {
            e.lock(named.ref(), concurrently ? SHARE_UPDATE_EXCLUSIVE : table ? SHARE : ACCESS_EXCLUSIVE);
            e.scan();
        }
    }

    private static void lock(Tokens t, Effect e) {
        int i = t.at(1, "table") ? 2 : 1;
        i = t.at(i, "only") ? i + 1 : i;
        int in = t.find("in", i, t.size());
        int mode = t.find("mode", i, t.size());
        LockMode lock = in >= 0 && mode > in ? LockMode.parse(t.text(in + 1, mode).toUpperCase(Locale.ROOT)).orElse(ACCESS_EXCLUSIVE)
                : ACCESS_EXCLUSIVE;
        for (int[] part : t.split(i)) {
            Tokens.Named named = t.name(part[0]);
            if (named != null) {
                e.lock(named.ref(), lock);
            }
        }
    }

    /** DELETE or UPDATE: ROW EXCLUSIVE; without WHERE, every row in one transaction. */
    static void writes(Tokens t, Effect e) {
        boolean delete = t.at(0, "delete");
        int i = delete ? 2 : 1;
        i = t.at(i, "only") ? i + 1 : i;
        Tokens.Named named = t.name(i);
        if (named == null) {
            return;
        }
        TableRef table = named.ref();
        e.lock(table, ROW_EXCLUSIVE);
        if (t.has("where", 0, t.size())) {
            return;
        }
        e.scan();
        LintRule rule = delete ? LintRule.DELETE_WITHOUT_WHERE : LintRule.UPDATE_WITHOUT_WHERE;
        e.issue(Issue.of(rule, table, ROW_EXCLUSIVE, false, (delete ? "DELETE" : "UPDATE") + " without WHERE " + (delete ? "deletes"
                : "rewrites") + " every row of " + table + " in one transaction: each row stays locked against other writers "
                + "until it commits, and the dead rows bloat the table", "work in batches of a few thousand rows, each in its own "
                + "transaction (WHERE id BETWEEN ... AND ...), outside the schema migration"));
    }

    /** ALTER TYPE ... ADD VALUE: refused inside a transaction block before PostgreSQL 12. */
    static void enumValue(Tokens t, Walk w, Effect e) {
        if (w.version() < 12 && w.inTransaction()) {
            Tokens.Named type = t.name(2);
            e.issue(Issue.of(LintRule.ENUM_ADD_VALUE_IN_TRANSACTION, type == null ? null : type.ref(), null, false,
                    "before PostgreSQL 12 ALTER TYPE ... ADD VALUE cannot run inside a transaction block: it fails",
                    "put it in a migration of its own that runs outside a transaction (or upgrade to 12, where it may)"));
        }
    }
}
