package io.pgcarry.lint;

import static io.pgcarry.lint.LockMode.ACCESS_EXCLUSIVE;
import static io.pgcarry.lint.LockMode.SHARE;
import static io.pgcarry.lint.LockMode.SHARE_UPDATE_EXCLUSIVE;

/**
 * {@code CREATE INDEX} takes SHARE on its table (writes wait for the whole build), {@code CONCURRENTLY} only SHARE UPDATE
 * EXCLUSIVE; {@code DROP INDEX} takes ACCESS EXCLUSIVE on the index's table, {@code CONCURRENTLY} SHARE UPDATE EXCLUSIVE.
 */
final class Indexes {
    private Indexes() {
    }

    /** {@code t} starts {@code CREATE [UNIQUE] INDEX}. */
    static void create(Tokens t, Walk w, Effect e) {
        int i = t.at(1, "unique") ? 3 : 2;
        boolean concurrently = t.at(i, "concurrently");
        i = concurrently ? i + 1 : i;
        i = t.at(i, "if", "not", "exists") ? i + 3 : i;
        TableRef index = t.at(i, "on") ? null : t.name(i) == null ? null : t.name(i).ref();
        int on = t.find("on", i, t.size());
        Tokens.Named named = on < 0 ? null : t.name(t.at(on + 1, "only") ? on + 2 : on + 1);
        if (index != null) {
            w.created(index);
        }
        if (named == null) {
            return;
        }
        TableRef table = named.ref();
        e.lock(table, concurrently ? SHARE_UPDATE_EXCLUSIVE : SHARE);
        e.scan();
        if (!concurrently) {
            e.issue(Issue.of(LintRule.CREATE_INDEX, table, SHARE, false, "CREATE INDEX holds a SHARE lock on " + table + " while it "
                    + "builds: inserts, updates and deletes wait until it is done", "CREATE INDEX CONCURRENTLY, outside a transaction "
                    + "block (its own migration file); if it fails, DROP INDEX CONCURRENTLY the invalid index and try again"));
        }
    }

    /** {@code t} starts {@code DROP INDEX}. */
    static void drop(Tokens t, Walk w, Effect e) {
        boolean concurrently = t.at(2, "concurrently");
        int i = concurrently ? 3 : 2;
        i = t.at(i, "if", "exists") ? i + 2 : i;
        for (int[] part : t.split(i)) {
            Tokens.Named named = t.name(part[0]);
            if (named == null) {
                continue;
            }
            TableRef index = named.ref();
            TableRef table = w.context().facts().indexTable(index).orElse(index);
            e.lock(table, concurrently ? SHARE_UPDATE_EXCLUSIVE : ACCESS_EXCLUSIVE);
            if (!concurrently && !w.isNew(index)) {
                e.issue(Issue.of(LintRule.DROP_INDEX, table, ACCESS_EXCLUSIVE, false, "DROP INDEX " + index + " takes an ACCESS "
                        + "EXCLUSIVE lock on " + (table == index ? "its table" : table) + ": quick once granted, but it queues behind "
                        + "every running query and everything queues behind it", "DROP INDEX CONCURRENTLY " + index
                        + ", outside a transaction block"));
            }
        }
    }
}
