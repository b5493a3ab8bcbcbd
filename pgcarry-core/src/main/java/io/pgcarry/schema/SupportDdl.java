package io.pgcarry.schema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What CREATE cannot say for the support objects of {@link SupportObjects}: an operator family's members that belong
 * to none of its classes, a text search configuration's token mappings; and how a change to either is made in place
 * (dropping a family would drop its classes with it).
 */
final class SupportDdl {
    private SupportDdl() {
    }

    /** The statements that follow the object's CREATE. */
    static List<String> additions(SchemaObject object) {
        ObjectId id = object.id();
        if (id.kind() == ObjectKind.OPERATOR_FAMILY && object.attribute("members") != null) {
            List<String> added = Ddl.jsonRows(object.attribute("members")).stream().map(m -> m.get(0)).toList();
            return List.of("ALTER OPERATOR FAMILY " + id.sqlName() + " ADD " + String.join(", ", added));
        }
        if (id.kind() == ObjectKind.TEXT_SEARCH_CONFIGURATION) {
            List<String> sql = new ArrayList<>();
            mappings(object).forEach((token, dictionaries) -> sql.add(addMapping(id, token, dictionaries)));
            return sql;
        }
        return List.of();
    }

    /**
     * Writes a change to an operator family's members or a configuration's mappings in place; false when the object is
     * to be made again instead. Between major versions, which members a class holds and which its family holds may
     * differ by PostgreSQL's own filing: what to add or drop is then left to a person.
     */
    static boolean write(StatementWriter writer, SchemaObject wanted, SchemaObject found, List<AttributeChange> changes) {
        ObjectId id = wanted.id();
        if (id.kind() == ObjectKind.OPERATOR_FAMILY && changes.stream().anyMatch(c -> c.attribute().equals("all_members"))) {
            writer.emitCommented(Step.PRE_DATA, id, "the members of " + id + " differ between the major versions: align them by hand",
                    List.of(Hazard.of(Hazard.Kind.MANUAL)));
            return true;
        }
        String attribute = id.kind() == ObjectKind.OPERATOR_FAMILY ? "members"
                : id.kind() == ObjectKind.TEXT_SEARCH_CONFIGURATION ? "mappings" : null;
        if (attribute == null || !changes.stream().allMatch(c -> c.attribute().equals(attribute))) {
            return false;
        }
        change(wanted, found).forEach(sql -> writer.emit(Step.PRE_DATA, id, sql, List.of()));
        return true;
    }

    /** The statements that turn {@code found}'s members or mappings into {@code wanted}'s. */
    private static List<String> change(SchemaObject wanted, SchemaObject found) {
        ObjectId id = wanted.id();
        List<String> sql = new ArrayList<>();
        if (id.kind() == ObjectKind.OPERATOR_FAMILY) {
            List<List<String>> want = Ddl.jsonRows(wanted.attribute("members"));
            List<List<String>> have = Ddl.jsonRows(found.attribute("members"));
            List<String> dropped = have.stream().filter(m -> !want.contains(m)).map(m -> m.get(1)).toList();
            List<String> added = want.stream().filter(m -> !have.contains(m)).map(m -> m.get(0)).toList();
            if (!dropped.isEmpty()) {
                sql.add("ALTER OPERATOR FAMILY " + id.sqlName() + " DROP " + String.join(", ", dropped));
            }
            if (!added.isEmpty()) {
                sql.add("ALTER OPERATOR FAMILY " + id.sqlName() + " ADD " + String.join(", ", added));
            }
            return sql;
        }
        Map<String, String> want = mappings(wanted);
        Map<String, String> have = mappings(found);
        have.forEach((token, dictionaries) -> {
            if (!want.containsKey(token)) {
                sql.add("ALTER TEXT SEARCH CONFIGURATION " + id.sqlName() + " DROP MAPPING FOR " + token);
            }
        });
        want.forEach((token, dictionaries) -> {
            if (!have.containsKey(token)) {
                sql.add(addMapping(id, token, dictionaries));
            } else if (!Objects.equals(have.get(token), dictionaries)) {
                sql.add("ALTER TEXT SEARCH CONFIGURATION " + id.sqlName() + " ALTER MAPPING FOR " + token + " WITH " + dictionaries);
            }
        });
        return sql;
    }

    private static String addMapping(ObjectId id, String token, String dictionaries) {
        return "ALTER TEXT SEARCH CONFIGURATION " + id.sqlName() + " ADD MAPPING FOR " + token + " WITH " + dictionaries;
    }

    /** Token (quoted as SQL) to its dictionaries (as SQL), in the parser's token order. */
    private static Map<String, String> mappings(SchemaObject configuration) {
        Map<String, String> result = new LinkedHashMap<>();
        for (List<String> row : Ddl.jsonRows(configuration.attribute("mappings"))) {
            result.put(row.get(0), row.get(1));
        }
        return result;
    }
}
