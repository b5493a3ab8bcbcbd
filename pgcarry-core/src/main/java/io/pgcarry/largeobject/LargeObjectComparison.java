package io.pgcarry.largeobject;

import io.pgcarry.error.SqlErrors;
import io.pgcarry.hash.LargeObjectHash;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Compares the large objects of two sides: the same OIDs, the same content (by {@link LargeObjectHash}) and comment,
 * and, where privileges were carried, the same owner and grants.
 */
public final class LargeObjectComparison {
    private LargeObjectComparison() {
    }

    /**
     * One side: its objects, and their content hashes by OID (empty when content is not compared).
     */
    public record Side(List<LargeObject> objects, Map<Long, String> hashes) {
        public Side {
            objects = List.copyOf(objects);
            hashes = Map.copyOf(hashes);
        }

        /**
         * Reads a side on a connection, in its snapshot; hashes its content when {@code content}.
         *
         * @param only the OIDs to read, or null for all
         */
        public static Side read(Connection c, boolean content, String side, Collection<Long> only) throws SQLException {
            List<LargeObject> objects = LargeObjects.read(c).stream().filter(o -> only == null || only.contains(o.oid())).toList();
            if (!content) {
                return new Side(objects, Map.of());
            }
            List<Long> unreadable = LargeObjects.unreadable(c).stream().filter(oid -> only == null || only.contains(oid)).toList();
            LargeObjects.requireReadable(c, unreadable, side, "compare");
            return new Side(objects, LargeObjectHash.onServer(c, only));
        }
    }

    /**
     * Reads both sides, each on its connection in the snapshot it is in (left open), and compares them.
     *
     * @param content    compare content hashes, not only which objects exist and their comments
     * @param privileges compare owners and grants too
     * @param extras     count objects only the target has as differences (not after a move into a target that may
     *                   hold objects of its own)
     * @param maxDiffs   how many differing objects to name
     */
    public static LargeObjectValidation between(Connection source, Connection target, boolean content, boolean privileges,
                                                boolean extras, int maxDiffs) {
        Side from;
        try {
            from = Side.read(source, content, "the source", null);
        } catch (SQLException e) {
            throw SqlErrors.translate("reading the source's large objects", e);
        }
        try {
            Side to = Side.read(target, content, "the target", extras ? null
                    : from.objects().stream().map(LargeObject::oid).collect(Collectors.toSet()));
            return compare(from, to, content, privileges, extras, maxDiffs);
        } catch (SQLException e) {
            throw SqlErrors.translate("reading the target's large objects", e);
        }
    }

    /**
     * Compares two sides already read; names the first {@code maxDiffs} differing objects by OID. Without
     * {@code extras}, objects only the target has are neither differences nor counted among its objects.
     */
    public static LargeObjectValidation compare(Side source, Side target, boolean content, boolean privileges, boolean extras,
                                                int maxDiffs) {
        Map<Long, LargeObject> from = byOid(source.objects());
        Map<Long, LargeObject> to = byOid(target.objects());
        if (!extras) {
            to.keySet().retainAll(from.keySet());
        }
        TreeSet<Long> oids = new TreeSet<>(from.keySet());
        oids.addAll(to.keySet());
        List<LargeObjectValidation.Difference> differences = new ArrayList<>();
        long differing = 0;
        for (long oid : oids) {
            LargeObjectValidation.Difference difference;
            if (!to.containsKey(oid)) {
                difference = new LargeObjectValidation.Difference(oid, "missing", List.of());
            } else if (!from.containsKey(oid)) {
                difference = new LargeObjectValidation.Difference(oid, "extra", List.of());
            } else {
                List<String> aspects = aspects(from.get(oid), to.get(oid), content ? source.hashes().get(oid) : null,
                        content ? target.hashes().get(oid) : null, privileges);
                difference = aspects.isEmpty() ? null : new LargeObjectValidation.Difference(oid, "changed", aspects);
            }
            if (difference != null) {
                differing++;
                if (differences.size() < Math.max(1, maxDiffs)) {
                    differences.add(difference);
                }
            }
        }
        return new LargeObjectValidation(from.size(), to.size(), content, differing, differences);
    }

    private static List<String> aspects(LargeObject a, LargeObject b, String hashA, String hashB, boolean privileges) {
        List<String> aspects = new ArrayList<>();
        if (!Objects.equals(hashA, hashB)) {
            aspects.add("content");
        }
        if (!Objects.equals(a.comment(), b.comment())) {
            aspects.add("comment");
        }
        if (privileges && !Objects.equals(a.owner(), b.owner())) {
            aspects.add("owner");
        }
        if (privileges && !Objects.equals(sorted(a.grants()), sorted(b.grants()))) {
            aspects.add("grants");
        }
        return aspects;
    }

    /** Grants in a fixed order: each server lists them by its own role OIDs. */
    private static List<LargeObject.Grant> sorted(List<LargeObject.Grant> grants) {
        return grants == null ? null : grants.stream().sorted(Comparator.comparing((LargeObject.Grant g) -> String.valueOf(g.grantee()))
                .thenComparing(LargeObject.Grant::privilege).thenComparing(LargeObject.Grant::grantable)).toList();
    }

    private static Map<Long, LargeObject> byOid(List<LargeObject> objects) {
        Map<Long, LargeObject> map = new TreeMap<>();
        objects.forEach(o -> map.put(o.oid(), o));
        return map;
    }
}
