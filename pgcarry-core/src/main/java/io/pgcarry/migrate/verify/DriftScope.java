package io.pgcarry.migrate.verify;

import io.pgcarry.catalog.QualifiedName;
import io.pgcarry.schema.ObjectId;
import io.pgcarry.schema.ObjectKind;
import io.pgcarry.schema.SchemaModel;
import io.pgcarry.schema.SchemaObject;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * What {@code migrate verify} leaves out of the comparison, on both sides alike: pgcarry's own schemas; the tool's
 * ledger table with what belongs to it (its keys, indexes and sequences) and its schema when nothing else is in it;
 * and what a missing extension made impossible on the throw-away server (the extension itself, the target's objects
 * that depend on its members, a table whose creation needed it, and everything that depends on those).
 *
 * @param files    the schema the files made, scoped
 * @param target   the target's schema, scoped
 * @param excluded the objects left out because of missing extensions, sorted; the columns, keys and indexes of a table
 *                 left out go without saying
 */
record DriftScope(SchemaModel files, SchemaModel target, List<ObjectId> excluded) {
    /** Schemas pgcarry itself creates: the move journal and the migration ledger of plain SQL directories. */
    static final Set<String> PGCARRY_SCHEMAS = Set.of("pgcarry", "pgcarry_migrate");

    DriftScope {
        excluded = List.copyOf(excluded);
    }

    static DriftScope of(SchemaModel files, SchemaModel target, QualifiedName ledger, Collection<String> missingExtensions,
                         Set<ObjectId> extensionDependents) {
        Predicate<SchemaObject> own = o -> schemaOf(o.id()) != null && PGCARRY_SCHEMAS.contains(schemaOf(o.id()));
        Predicate<SchemaObject> ledgers = ledger == null ? o -> false : o -> ofTable(o, ledger);
        SchemaModel f = without(files, own.or(ledgers));
        SchemaModel t = without(target, own.or(ledgers));
        if (ledger != null && !ledger.schema().equals("public")) {
            f = withoutEmptySchema(f, ledger.schema());
            t = withoutEmptySchema(t, ledger.schema());
        }
        Set<ObjectId> excluded = excluded(f, t, missingExtensions, extensionDependents);
        return new DriftScope(without(f, o -> excluded.contains(o.id())), without(t, o -> excluded.contains(o.id())),
                excluded.stream().filter(id -> !ofExcludedTable(id, excluded)).toList());
    }

    /** The ledger table, its columns, keys, indexes..., and objects that depend on them (its serial's sequence). */
    private static boolean ofTable(SchemaObject o, QualifiedName table) {
        return isTableOrChild(o.id(), table) || o.dependsOn().stream().anyMatch(d -> isTableOrChild(d, table));
    }

    private static boolean isTableOrChild(ObjectId id, QualifiedName table) {
        if (!table.schema().equals(id.schema())) {
            return false;
        }
        return id.kind() == ObjectKind.TABLE ? id.name().equals(table.name())
                : id.kind().belongsToTable() && table.name().equals(id.parent());
    }

    /** The ledger's own schema ({@code drizzle}), when nothing but the ledger was in it. */
    private static SchemaModel withoutEmptySchema(SchemaModel model, String schema) {
        boolean empty = model.objects().stream().noneMatch(o -> o.kind() != ObjectKind.SCHEMA && schema.equals(o.id().schema()));
        return empty ? without(model, o -> o.kind() == ObjectKind.SCHEMA && o.id().name().equals(schema)) : model;
    }

    /**
     * The missing extensions, the target's objects that depend on them, and then everything in either schema that
     * belongs to or depends on an excluded object; and a table the files' schema lacks altogether when a column, key or
     * index of it is excluded (its CREATE TABLE needed the extension, directly or through another table).
     */
    private static Set<ObjectId> excluded(SchemaModel files, SchemaModel target, Collection<String> missingExtensions,
                                          Set<ObjectId> dependents) {
        Set<ObjectId> excluded = new TreeSet<>(dependents);
        missingExtensions.forEach(x -> excluded.add(new ObjectId(ObjectKind.EXTENSION, null, x, null)));
        Map<ObjectId, SchemaObject> made = files.byId();
        Map<ObjectId, SchemaObject> found = target.byId();
        List<SchemaObject> all = Stream.concat(files.objects().stream(), target.objects().stream()).toList();
        boolean grew = !excluded.isEmpty();
        while (grew) {
            grew = false;
            for (ObjectId id : List.copyOf(excluded)) {
                if (id.kind().belongsToTable() && found.containsKey(id.table()) && !made.containsKey(id.table())) {
                    grew |= excluded.add(id.table());
                }
            }
            for (SchemaObject o : all) {
                if (!excluded.contains(o.id()) && (ofExcludedTable(o.id(), excluded) || o.dependsOn().stream().anyMatch(excluded::contains))) {
                    grew |= excluded.add(o.id());
                }
            }
        }
        return excluded;
    }

    private static boolean ofExcludedTable(ObjectId id, Set<ObjectId> excluded) {
        return id.kind().belongsToTable() && excluded.contains(id.table());
    }

    private static String schemaOf(ObjectId id) {
        return id.kind() == ObjectKind.SCHEMA ? id.name() : id.schema();
    }

    private static SchemaModel without(SchemaModel model, Predicate<SchemaObject> leftOut) {
        return new SchemaModel(model.formatVersion(), model.serverVersion(), model.database(), model.withPrivileges(),
                model.objects().stream().filter(leftOut.negate()).toList(), model.warnings());
    }
}
