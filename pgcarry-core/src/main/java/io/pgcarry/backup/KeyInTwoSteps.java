package io.pgcarry.backup;

import io.pgcarry.catalog.Identifiers;
import io.pgcarry.schema.ScriptStatement;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A primary or unique key added to a loaded table as two statements: {@code CREATE UNIQUE INDEX}, which lets readers
 * in while it sorts the table, then {@code ADD CONSTRAINT ... USING INDEX}, which holds the table exclusively only
 * for a moment. The key ends up as one statement would make it: same name, columns, index and deferrability.
 */
final class KeyInTwoSteps {
    /** A key over plain columns, optionally deferrable; INCLUDE, WITH, a tablespace or NULLS NOT DISTINCT stay one statement. */
    private static final Pattern KEY = Pattern.compile("(PRIMARY KEY|UNIQUE) \\(([^()]+)\\)( DEFERRABLE( INITIALLY DEFERRED)?)?");

    private KeyInTwoSteps() {
    }

    /** The statement as two, or as it is when it adds no key that can be split. */
    static List<ScriptStatement> of(ScriptStatement statement) {
        Matcher key = KEY.matcher(statement.addedConstraint().orElse(""));
        if (!key.matches()) {
            return List.of(statement);
        }
        String name = Identifiers.quote(statement.object().name());
        String index = "CREATE UNIQUE INDEX " + name + " ON " + statement.object().sqlTable() + " (" + key.group(2) + ")";
        String attach = statement.addConstraintPrefix() + key.group(1) + " USING INDEX " + name + (key.group(3) == null ? "" : key.group(3));
        return List.of(new ScriptStatement(index, statement.section(), statement.object()),
                new ScriptStatement(attach, statement.section(), statement.object()));
    }
}
