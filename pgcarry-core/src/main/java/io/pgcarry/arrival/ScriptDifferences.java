package io.pgcarry.arrival;

import io.pgcarry.schema.ObjectKind;
import io.pgcarry.schema.ScriptStatement;
import io.pgcarry.schema.ScriptRunner;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Compares the schema statements an archive holds with those pgcarry writes from the restored target's model: equal
 * when the target holds exactly the schema the archive describes.
 */
public final class ScriptDifferences {
    /** Kinds whose statements PostgreSQL prints alike in every major version, so they are compared as text across majors. */
    private static final Set<ObjectKind> PRINTED_ALIKE = Set.of(ObjectKind.INDEX, ObjectKind.CONSTRAINT, ObjectKind.TRIGGER);

    private ScriptDifferences() {
    }

    /**
     * One sentence per statement found on one side only.
     *
     * @param sameMajor whether the archive was written from a server of the target's major version; if not, only the
     *                  statements of indexes, constraints and triggers are compared as text, the others by the object
     *                  they create (view definitions and procedure headers print differently across majors)
     */
    public static List<String> compare(List<ScriptStatement> archived, List<ScriptStatement> restored, boolean sameMajor) {
        Map<String, ScriptStatement> wanted = counted(archived, sameMajor);
        Map<String, ScriptStatement> found = counted(restored, sameMajor);
        List<String> differences = new ArrayList<>();
        wanted.forEach((key, s) -> {
            if (!found.containsKey(key)) {
                differences.add(name(s) + " is not in the target as the archive has it: " + ScriptRunner.firstLine(s.sql()));
            }
        });
        found.forEach((key, s) -> {
            if (!wanted.containsKey(key)) {
                differences.add(name(s) + " is in the target but not in the archive: " + ScriptRunner.firstLine(s.sql()));
            }
        });
        return differences;
    }

    /** Statements by key, a repeated key numbered so that two equal statements must be matched by two. */
    private static Map<String, ScriptStatement> counted(List<ScriptStatement> statements, boolean sameMajor) {
        Map<String, ScriptStatement> result = new LinkedHashMap<>();
        for (ScriptStatement s : statements) {
            String key = key(s, sameMajor);
            int n = 0;
            while (result.containsKey(key + "#" + n)) {
                n++;
            }
            result.put(key + "#" + n, s);
        }
        return result;
    }

    private static String key(ScriptStatement s, boolean sameMajor) {
        if (sameMajor || s.object() == null || PRINTED_ALIKE.contains(s.object().kind())) {
            return s.section() + " " + s.sql();
        }
        return s.section() + " " + s.object().kind() + " " + s.object();
    }

    private static String name(ScriptStatement s) {
        return s.object() == null ? "a " + s.section().toString().toLowerCase(Locale.ROOT).replace('_', '-') + " statement"
                : s.object().toString();
    }
}
