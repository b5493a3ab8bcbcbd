package io.pgcarry.check;

import io.pgcarry.error.Setting;
import io.pgcarry.error.SqlErrors;
import io.pgcarry.hash.LargeObjectHash;
import io.pgcarry.largeobject.LargeObject;
import io.pgcarry.largeobject.LargeObjects;
import io.pgcarry.plan.TableSelection;
import io.pgcarry.report.Counts;
import io.pgcarry.report.Problem;
import io.pgcarry.report.ProblemCode;
import io.pgcarry.report.Severity;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a move would do with the source's large objects, found before anything is written: which to copy (those the
 * target lacks), which are there already with the same content (an earlier run's, left as they are), and which stop
 * the move: objects the role may not read on the source, or that exist in the target with other content (a move never
 * overwrites one). As pg_dump does, large objects take part only when the whole database does (no {@code --include}).
 */
final class LargeObjectChecks {
    static final String OBJECT = "large objects";

    private LargeObjectChecks() {
    }

    /** The objects to copy, in OID order, and the problems. */
    record Result(List<LargeObject> toCopy, List<Problem> problems) {
        static final Result NONE = new Result(List.of(), List.of());
    }

    static Result run(Connection source, Connection target, TableSelection selection) {
        try {
            List<LargeObject> objects = LargeObjects.read(source);
            if (objects.isEmpty()) {
                return Result.NONE;
            }
            if (!selection.withLargeObjects()) {
                return new Result(List.of(), List.of(Problem.note(ProblemCode.LARGE_OBJECTS_LEFT_OUT, OBJECT, "the source has "
                        + Counts.of(objects.size(), "large object") + ", which are carried only when the whole database is "
                        + "(no " + Setting.INCLUDE.mention() + "), as pg_dump -t leaves them out")));
            }
            List<Problem> problems = new ArrayList<>();
            List<Long> unreadable = LargeObjects.unreadable(source);
            if (!unreadable.isEmpty()) {
                problems.add(problem(ProblemCode.LARGE_OBJECT_NO_SELECT, unreadable, "this role may not read "
                        + Counts.of(unreadable.size(), "large object") + " of the source; grant it SELECT on them "
                        + "(GRANT SELECT ON LARGE OBJECT ...), or move as their owner"));
            }
            List<Long> present = LargeObjects.existing(target, objects.stream().map(LargeObject::oid).toList());
            Set<Long> skipped = new HashSet<>(present);
            problems.addAll(present(source, target, present, unreadable));
            List<LargeObject> toCopy = objects.stream().filter(o -> !skipped.contains(o.oid())).toList();
            return new Result(toCopy, problems);
        } catch (SQLException e) {
            throw SqlErrors.translate("checking large objects", e);
        }
    }

    /** Objects of the source the target holds already: the same content is a note, other content an error. */
    private static List<Problem> present(Connection source, Connection target, List<Long> present, List<Long> unreadable)
            throws SQLException {
        if (present.isEmpty()) {
            return List.of();
        }
        // What either side's role may not read cannot be shown to be the same: it counts as other content.
        Set<Long> comparable = new LinkedHashSet<>(present);
        unreadable.forEach(comparable::remove);
        LargeObjects.unreadable(target).forEach(comparable::remove);
        Map<Long, String> sourceHashes = LargeObjectHash.onServer(source, comparable);
        Map<Long, String> targetHashes = LargeObjectHash.onServer(target, comparable);
        List<Long> same = new ArrayList<>();
        List<Long> other = new ArrayList<>();
        for (long oid : present) {
            boolean equal = comparable.contains(oid) && Objects.equals(sourceHashes.get(oid), targetHashes.get(oid));
            (equal ? same : other).add(oid);
        }
        List<Problem> problems = new ArrayList<>();
        if (!same.isEmpty()) {
            problems.add(new Problem(Severity.NOTE, ProblemCode.LARGE_OBJECT_PRESENT, OBJECT, Counts.of(same.size(), "large object")
                    + " of the source " + (same.size() == 1 ? "is" : "are") + " in the target already with the same content"
                    + " (an earlier run's?): left as they are", null, strings(same)));
        }
        if (!other.isEmpty()) {
            problems.add(problem(ProblemCode.LARGE_OBJECT_EXISTS, other, Counts.of(other.size(), "large object") + " of the source exist"
                    + (other.size() == 1 ? "s" : "") + " in the target with other content (or content this role may not read),"
                    + " which a move never overwrites; remove them from the target (SELECT lo_unlink(oid)) or move elsewhere"));
        }
        return problems;
    }

    private static Problem problem(ProblemCode code, List<Long> oids, String message) {
        return new Problem(Severity.ERROR, code, OBJECT, message, null, strings(oids));
    }

    private static List<String> strings(List<Long> oids) {
        return oids.stream().map(String::valueOf).toList();
    }
}
