package io.pgcarry.plan;

import io.pgcarry.catalog.QualifiedName;
import io.pgcarry.error.ConfigurationException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A table pattern read as pg_dump reads {@code -t}: {@code table} or {@code schema.table}, where, outside double
 * quotes, {@code *} matches any text, {@code ?} one character and {@code .} separates the schema from the table;
 * inside double quotes every character stands for itself and {@code ""} is one quote. So any name can be selected:
 * {@code "we""ird"}, {@code "Mixed.Case"}, {@code public."Animal"}, {@code "my schema".t*}.
 *
 * <p>
 * Quoted text matches with its case. Unquoted text keeps pgcarry's rule rather than pg_dump's folding to lower
 * case, because users write table names as their ORM shows them: unquoted text with a capital letter matches with
 * its case ({@code Animal}), unquoted text all in lower case matches any case ({@code databasechangelog}).
 *
 * @param text    the pattern as given, for messages
 * @param schema  what the schema must match, or null when the pattern names no schema
 * @param name    what the table name must match
 */
public record TablePattern(String text, Pattern schema, Pattern name) {
    /** Parses a pattern; a malformed one is a {@link ConfigurationException} naming it. */
    public static TablePattern parse(String text) {
        List<List<Token>> parts = new ArrayList<>(List.of(new ArrayList<>()));
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' && quoted && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                parts.get(parts.size() - 1).add(new Token(c, true));
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == '.' && !quoted) {
                parts.add(new ArrayList<>());
            } else {
                parts.get(parts.size() - 1).add(new Token(c, quoted));
            }
        }
        if (quoted) {
            throw new ConfigurationException("table pattern '" + text + "' has a double quote that is never closed; "
                    + "close it, and write a quote inside a quoted name as \"\"");
        }
        if (parts.size() > 2) {
            throw new ConfigurationException("table pattern '" + text + "' has more than one dot outside double quotes; "
                    + "write table or schema.table, and quote a name that holds a dot (\"my.table\")");
        }
        if (parts.stream().anyMatch(List::isEmpty)) {
            throw new ConfigurationException("table pattern '" + text + "' has an empty schema or table part; "
                    + "write table or schema.table");
        }
        Pattern name = compile(parts.get(parts.size() - 1));
        return new TablePattern(text, parts.size() == 2 ? compile(parts.get(0)) : null, name);
    }

    /** Whether the table's name (and schema, when the pattern names one) match. */
    public boolean matches(QualifiedName table) {
        return (schema == null || schema.matcher(table.schema()).matches()) && name.matcher(table.name()).matches();
    }

    @Override
    public String toString() {
        return text;
    }

    /** One character of a pattern, and whether it stood inside double quotes. */
    private record Token(char c, boolean quoted) {
    }

    private static Pattern compile(List<Token> tokens) {
        boolean capitals = tokens.stream().anyMatch(t -> !t.quoted() && Character.isUpperCase(t.c()));
        StringBuilder regex = new StringBuilder();
        for (Token t : tokens) {
            String literal = Pattern.quote(String.valueOf(t.c()));
            if (t.quoted()) {
                regex.append(literal);
            } else if (t.c() == '*' || t.c() == '?') {
                regex.append(t.c() == '*' ? ".*" : ".");
            } else {
                regex.append(capitals ? literal : "(?iu:" + literal + ")");
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}
