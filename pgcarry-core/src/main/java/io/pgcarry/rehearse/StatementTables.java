package io.pgcarry.rehearse;

import io.pgcarry.catalog.QualifiedName;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Tables named in a migration's statements, and table names as SQL. */
final class StatementTables {
    private static final int MAX_PROBED = 8;

    private StatementTables() {
    }

    /**
     * The existing tables whose name occurs as a word in any of the statements: the ones probe traffic exercises
     * (at most 8). Only chooses what to watch; what a statement does is measured, never read from its text.
     */
    static List<QualifiedName> mentioned(List<QualifiedName> tables, List<String> statements) {
        String text = String.join("\n", statements).toLowerCase(Locale.ROOT);
        Set<QualifiedName> found = new LinkedHashSet<>();
        for (QualifiedName t : tables) {
            Pattern word = Pattern.compile("(?<![\\w$])\"?" + Pattern.quote(t.name().toLowerCase(Locale.ROOT)) + "\"?(?![\\w$])");
            if (found.size() < MAX_PROBED && word.matcher(text).find()) {
                found.add(t);
            }
        }
        return List.copyOf(found);
    }

    /** {@code public.orders} (as {@link QualifiedName#toString()} shows it) as quoted SQL. */
    static String sql(String shown) {
        return QualifiedName.parse(shown, "public").sql();
    }
}
