package io.pgcarry.migrate.verify;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Recognises {@code CREATE EXTENSION [IF NOT EXISTS] name ...} and gives the extension's name as PostgreSQL keeps it. */
final class ExtensionStatement {
    private static final Pattern CREATE = Pattern.compile(
            "(?is)\\s*create\\s+extension\\s+(?:if\\s+not\\s+exists\\s+)?(\"(?:[^\"]|\"\")+\"|[\\p{L}_][\\p{L}\\p{N}_$]*).*");

    private ExtensionStatement() {
    }

    /** The extension {@code sql} creates, or empty when it is no {@code CREATE EXTENSION}. */
    static Optional<String> created(String sql) {
        Matcher m = CREATE.matcher(sql);
        if (!m.matches()) {
            return Optional.empty();
        }
        String name = m.group(1);
        return Optional.of(name.startsWith("\"") ? name.substring(1, name.length() - 1).replace("\"\"", "\"")
                : name.toLowerCase(Locale.ROOT));
    }
}
