package io.pgcarry.arrival;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The indexes, constraints and triggers of some tables at one moment, as {@link StructureReader} read them; also
 * what the move journal keeps of the target before a move, so that a later resume or abort compares with it.
 *
 * @param objects every object, sorted by kind, table and name
 */
public record Structure(List<StructureObject> objects) {
    public Structure {
        objects = objects.stream().sorted(Comparator.comparing(StructureObject::kind).thenComparing(StructureObject::schema)
                .thenComparing(StructureObject::table).thenComparing(StructureObject::name)).toList();
    }

    /** The objects by {@link StructureObject#key()}. */
    public Map<String, StructureObject> byKey() {
        Map<String, StructureObject> result = new LinkedHashMap<>();
        objects.forEach(o -> result.put(o.key(), o));
        return result;
    }

    /** Each index that cannot be used: INVALID (it enforces and answers nothing) or not ready (not even maintained). */
    public List<String> unusableIndexes() {
        List<String> result = new ArrayList<>();
        for (StructureObject o : objects) {
            if (o.kind() == StructureObject.Kind.INDEX && !"true".equals(o.attribute("ready"))) {
                result.add(o + " is not ready (it is not maintained)");
            } else if (o.kind() == StructureObject.Kind.INDEX && !"true".equals(o.attribute("valid"))) {
                result.add(o + " is INVALID");
            }
        }
        return result;
    }
}
