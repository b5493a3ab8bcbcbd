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
        return unusableIndexes(false);
    }

    /**
     * The {@linkplain #unusableIndexes() unusable indexes}; with {@code treesCompared}, not the index of a partitioned
     * table that some partition has no index attached to, which is INVALID by design when its source's is, and which
     * the caller's comparison of the trees of partition indexes (the schema model's) checks.
     */
    public List<String> unusableIndexes(boolean treesCompared) {
        List<String> result = new ArrayList<>();
        for (StructureObject o : objects) {
            if (o.kind() == StructureObject.Kind.INDEX && !"true".equals(o.attribute("ready"))) {
                result.add(o + " is not ready (it is not maintained)");
            } else if (o.kind() == StructureObject.Kind.INDEX && !"true".equals(o.attribute("valid"))
                    && !(treesCompared && "true".equals(o.attribute("incomplete")))) {
                result.add(o + " is INVALID");
            }
        }
        return result;
    }

    /**
     * Each piece of a constraint that is NOT VALID under a valid parent: a foreign key's piece for one partition of the
     * table it references (or a partition's copy of its parent's key), which PostgreSQL leaves NOT VALID when the key was
     * added NOT VALID and validated afterwards; the key then holds, but the copy differs from a source that added it checked.
     */
    public List<String> notValidPieces() {
        return objects.stream().filter(o -> o.kind() == StructureObject.Kind.CONSTRAINT && "false".equals(o.attribute("validated"))
                        && "true".equals(o.attribute("parent_validated")))
                .map(o -> o + " is NOT VALID under its valid " + o.attribute("parent")).toList();
    }
}
