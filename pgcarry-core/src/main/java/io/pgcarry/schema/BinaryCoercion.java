package io.pgcarry.schema;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Type changes PostgreSQL makes without rewriting the table: widening a length limit or dropping it, and the few
 * binary-coercible casts between distinct types ({@code text} and {@code varchar}, {@code cidr} to {@code inet}). Types are
 * written as {@code format_type} writes them. Used by the schema planner and by {@code lint}.
 */
public final class BinaryCoercion {
    private static final Pattern LIMITED = Pattern.compile("(character varying|numeric|bit varying)\\((\\d+)(?:,(\\d+))?\\)");

    private BinaryCoercion() {
    }

    /** Whether changing a column from type {@code from} to {@code to} keeps its storage, so nothing is rewritten. */
    public static boolean keepsStorage(String from, String to) {
        if (from == null || to == null) {
            return false;
        }
        if (from.equals(to) || from.equals("cidr") && to.equals("inet") || from.equals("text") && to.equals("character varying")) {
            return true;
        }
        if (from.startsWith("character varying") && (to.equals("text") || to.equals("character varying"))) {
            return true;
        }
        if (from.startsWith("numeric(") && to.equals("numeric") || from.startsWith("bit varying(") && to.equals("bit varying")) {
            return true;
        }
        Matcher f = LIMITED.matcher(from);
        Matcher t = LIMITED.matcher(to);
        if (f.matches() && t.matches() && f.group(1).equals(t.group(1))) {
            boolean sameScale = Objects.equals(f.group(3), t.group(3));
            return sameScale && Integer.parseInt(t.group(2)) >= Integer.parseInt(f.group(2));
        }
        return from.equals("character varying") && to.equals("text");
    }
}
