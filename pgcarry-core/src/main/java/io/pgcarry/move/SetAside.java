package io.pgcarry.move;

import io.pgcarry.catalog.Catalog;
import io.pgcarry.catalog.Constraint;
import io.pgcarry.catalog.Identifiers;
import io.pgcarry.catalog.Index;
import io.pgcarry.catalog.LoadDeferredChecks;
import io.pgcarry.catalog.QualifiedName;
import io.pgcarry.catalog.Table;
import io.pgcarry.catalog.Trigger;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Chooses what a move sets aside in the target and does it: foreign keys touching loaded tables, NOT VALID checks
 * of loaded tables, primary and unique keys and secondary indexes of loaded tables that were empty, and (when asked)
 * user triggers. Each object is written to the
 * journal in the same transaction that drops or disables it, so no crash can lose a definition.
 */
final class SetAside {
    private SetAside() {
    }

    /**
     * @param partitionForeignKeys foreign keys declared on partitions themselves, which the catalog (whose unit is the
     *                             partitioned table) does not list; set aside like the others when either end's
     *                             partition tree is loaded, since the load would otherwise check them row by row and
     *                             fail on rows whose referenced row has not arrived yet
     */
    static List<JournalObject> choose(Catalog target, List<TargetLinks.ForeignKey> partitionForeignKeys,
                                      Map<String, LoadDeferredChecks.Deferrable> deferredChecks, Map<QualifiedName, Long> rowsBefore,
                                      boolean disableTriggers) {
        // An extension's configuration table keeps everything it has: its keys, indexes and triggers are the
        // extension's, and they hold the extension's own rows, beside which the user's rows are loaded.
        Set<QualifiedName> loaded = new LinkedHashSet<>(rowsBefore.keySet());
        loaded.removeIf(table -> extensionConfig(target, table));
        List<JournalObject> objects = new ArrayList<>(foreignKeys(target, partitionForeignKeys, loaded));
        objects.addAll(checks(target, deferredChecks, loaded));
        for (QualifiedName table : loaded) {
            if (rowsBefore.get(table) == 0) {
                objects.addAll(ofEmptyTable(target, table, disableTriggers));
            }
        }
        return objects;
    }

    /** Every foreign key with either end loaded, but those of extension configuration tables. */
    private static List<JournalObject> foreignKeys(Catalog target, List<TargetLinks.ForeignKey> partitionForeignKeys,
                                                   Set<QualifiedName> loaded) {
        List<JournalObject> objects = new ArrayList<>();
        for (Constraint fk : target.foreignKeys()) {
            if (!extensionConfig(target, fk.table()) && (loaded.contains(fk.table()) || loaded.contains(fk.references()))) {
                objects.add(new JournalObject(SetAsideKind.FOREIGN_KEY, fk.table(), fk.name(), stripNotValid(fk.definition()),
                        fk.validated(), SetAsideState.DROPPED));
            }
        }
        for (TargetLinks.ForeignKey fk : partitionForeignKeys) {
            if (loaded.contains(fk.tableRoot()) || loaded.contains(fk.referencedRoot())) {
                objects.add(new JournalObject(SetAsideKind.FOREIGN_KEY, fk.table(), fk.name(), stripNotValid(fk.definition()),
                        fk.validated(), SetAsideState.DROPPED));
            }
        }
        return objects;
    }

    /** What a table that was empty before the load sets aside: its keys and indexes, and its triggers when asked. */
    private static List<JournalObject> ofEmptyTable(Catalog target, QualifiedName table, boolean disableTriggers) {
        List<JournalObject> objects = new ArrayList<>();
        boolean partitioned = target.table(table).map(Table::partitioned).orElse(true);
        for (Constraint key : target.constraintsOf(table)) {
            // Keys are rebuilt after the load, which is far cheaper than maintaining their index row by row.
            // Partitioned roots keep theirs: their keys span partitions.
            if ((key.kind() == 'p' || key.kind() == 'u') && !partitioned) {
                objects.add(new JournalObject(SetAsideKind.KEY, table, key.name(), key.definition(), true, SetAsideState.DROPPED));
            }
        }
        for (Index index : target.indexesOf(table)) {
            // A partitioned table's index stays: its definition re-creates it ON ONLY the parent, INVALID and
            // without the partitions' indexes, which would have to be rebuilt and attached one by one.
            if (!index.backsConstraint() && !partitioned) {
                objects.add(new JournalObject(SetAsideKind.INDEX, table, index.name(), index.definition(), true, SetAsideState.DROPPED));
            }
        }
        if (disableTriggers) {
            for (Trigger trigger : target.triggersOf(table)) {
                if (trigger.enabled() != 'D') {
                    objects.add(new JournalObject(SetAsideKind.TRIGGER, table, trigger.name(),
                            String.valueOf(trigger.enabled()), true, SetAsideState.DROPPED));
                }
            }
        }
        return objects;
    }

    /**
     * PostgreSQL checks every inserted row against a NOT VALID check: rows the source legitimately holds against it could
     * not load. Like pg_dump, which creates such checks after the data, pgcarry adds them back NOT VALID after the load,
     * whatever the table held before: each from the table that declares it (see {@link LoadDeferredChecks}), once
     * however many of the loaded tables hold a copy of it.
     */
    private static List<JournalObject> checks(Catalog target, Map<String, LoadDeferredChecks.Deferrable> deferred,
                                              Set<QualifiedName> loaded) {
        Map<List<String>, JournalObject> byRoot = new LinkedHashMap<>();
        for (QualifiedName table : loaded) {
            for (Constraint check : target.constraintsOf(table)) {
                LoadDeferredChecks.Deferrable d = deferred.get(check.label());
                if (check.kind() == 'c' && !check.validated() && d != null) {
                    byRoot.putIfAbsent(List.of(d.root().sql(), d.name()), new JournalObject(SetAsideKind.CHECK, d.root(), d.name(),
                            stripNotValid(d.rootDefinition()), false, SetAsideState.DROPPED));
                }
            }
        }
        return new ArrayList<>(byRoot.values());
    }

    private static boolean extensionConfig(Catalog target, QualifiedName table) {
        return target.table(table).map(Table::extensionConfig).orElse(false);
    }

    /** Journals and drops (or disables) each object, on the caller's open transaction. */
    static void apply(Connection target, long run, List<JournalObject> objects) throws SQLException {
        try (Statement s = target.createStatement()) {
            for (JournalObject o : objects) {
                Journal.addObject(target, run, o);
                s.execute(dropSql(o));
            }
        }
    }

    static String dropSql(JournalObject o) {
        return switch (o.kind()) {
            case FOREIGN_KEY, KEY, CHECK -> "ALTER TABLE " + o.table().sql() + " DROP CONSTRAINT "
                    + Identifiers.quote(o.name());
            case INDEX -> "DROP INDEX " + new QualifiedName(o.table().schema(), o.name()).sql();
            case TRIGGER -> "ALTER TABLE " + o.table().sql() + " DISABLE TRIGGER " + Identifiers.quote(o.name());
        };
    }

    private static String stripNotValid(String definition) {
        return definition.endsWith(" NOT VALID") ? definition.substring(0, definition.length() - " NOT VALID".length()) : definition;
    }
}
