package io.pgcarry.arrival;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Compares a structure with the one recorded before a command ran, naming each object that differs. */
public final class StructureDiff {
    private StructureDiff() {
    }

    /**
     * Each object of {@code before} that is missing from {@code after}, extra in it, or differs in an attribute, as a
     * sentence such as {@code index public.m_v_idx is INVALID after the move (it was valid)}.
     *
     * @param event what happened in between ({@code the move}, {@code the abort})
     */
    public static List<String> compare(Structure before, Structure after, String event) {
        Map<String, StructureObject> was = before.byKey();
        Map<String, StructureObject> is = after.byKey();
        Set<String> keys = new TreeSet<>(was.keySet());
        keys.addAll(is.keySet());
        List<String> differences = new ArrayList<>();
        for (String key : keys) {
            StructureObject b = was.get(key);
            StructureObject a = is.get(key);
            if (a == null) {
                differences.add(b + " is missing after " + event);
            } else if (b == null) {
                differences.add(a + " is there after " + event + " but was not before");
            } else {
                changes(b, a, event, differences);
            }
        }
        return differences;
    }

    /**
     * The schema section of a move or an abort: {@code after} compared with the structure recorded before the move;
     * without a record (a run journaled by an older pgcarry), at least no index may be INVALID.
     */
    public static SchemaCheck check(Optional<Structure> before, Structure after, String event) {
        return before.map(b -> SchemaCheck.of("indexes, constraints and triggers after " + event + " against before the move",
                        compare(b, after, event)))
                .orElseGet(() -> SchemaCheck.of("indexes after " + event + " (their state before was not recorded)",
                        after.unusableIndexes()));
    }

    private static void changes(StructureObject before, StructureObject after, String event, List<String> differences) {
        Set<String> names = new TreeSet<>(before.attributes().keySet());
        names.addAll(after.attributes().keySet());
        for (String name : names) {
            String was = before.attribute(name);
            String is = after.attribute(name);
            if (!Objects.equals(was, is)) {
                String former = state(name, was);
                differences.add(after + " " + change(name, was, is) + " after " + event + (former == null ? "" : " (it was " + former + ")"));
            }
        }
    }

    private static String change(String attribute, String was, String is) {
        return switch (attribute) {
            case "valid" -> "true".equals(is) ? "is valid" : "is INVALID";
            case "ready" -> "true".equals(is) ? "is ready" : "is not ready";
            case "validated" -> "true".equals(is) ? "is validated" : "is NOT VALID";
            case "enabled" -> "is " + state(attribute, is);
            case "replica_identity" -> "true".equals(is) ? "is the replica identity" : "is no longer the replica identity";
            case "clustered" -> "true".equals(is) ? "is the CLUSTER index" : "is no longer the CLUSTER index";
            case "parent" -> is == null ? "is no longer attached to " + was : "is attached to " + is;
            default -> "has " + attribute + " " + (is == null ? "none" : is);
        };
    }

    private static String state(String attribute, String value) {
        return switch (attribute) {
            case "valid" -> "true".equals(value) ? "valid" : "INVALID";
            case "ready" -> "true".equals(value) ? "ready" : "not ready";
            case "validated" -> "true".equals(value) ? "validated" : "NOT VALID";
            case "enabled" -> switch (value == null ? "" : value) {
                case "O" -> "enabled";
                case "D" -> "disabled";
                case "R" -> "enabled for replicas only";
                case "A" -> "enabled always";
                default -> "absent";
            };
            // "no longer" and "is ... after" say it already
            case "replica_identity", "clustered" -> null;
            case "parent" -> value == null ? "not attached" : "attached to " + value;
            default -> value == null ? "none" : value;
        };
    }
}
