package io.pgcarry.catalog;

/** The one place where SQL identifiers are quoted: real schemas have names like "Animal" and "bazaar-vid_exports". */
public final class Identifiers {
    private Identifiers() {
    }

    /** Always quotes, doubling embedded quotes: safe for any name, including reserved words and mixed case. */
    public static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /** A SQL string literal, for the rare places where a value cannot be bound as a parameter (DDL). */
    public static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    /** Quotes only when PostgreSQL would need it: for messages meant to be read by people. */
    public static String display(String identifier) {
        return identifier.matches("[a-z_][a-z0-9_]*") ? identifier : quote(identifier);
    }
}
