package io.pgcarry.tables;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The bodies of the database's SQL and PL/pgSQL functions, searched for a table's name. PostgreSQL records no
 * dependency for what a PL/pgSQL body (or a SQL body written as a string) does, so a trigger function that writes a
 * table is found only here. It is text search, hence weaker evidence: the name may occur in a comment, a string, or as
 * another schema's table or a column.
 */
public final class FunctionBodies {
    private final List<Function> functions;

    /**
     * A function with its body.
     *
     * @param signature {@code public.log_order()}
     * @param body      {@code pg_proc.prosrc}
     * @param calledBy  the triggers that call it
     */
    public record Function(String signature, String body, List<String> calledBy) {
        public Function {
            calledBy = List.copyOf(calledBy);
        }
    }

    public FunctionBodies(List<Function> functions) {
        this.functions = List.copyOf(functions);
    }

    /** The functions whose body names the table {@code name}, as dependents found by text. */
    public List<Dependent> mentioning(String name) {
        List<Dependent> result = new ArrayList<>();
        for (Function f : functions) {
            if (mentions(f.body(), name)) {
                result.add(new Dependent(Dependent.Kind.FUNCTION, f.signature(), Dependent.Evidence.FUNCTION_BODY, f.calledBy()));
            }
        }
        return result;
    }

    /**
     * Whether {@code body} names {@code table}: the name standing alone (not inside a longer identifier), quoted or
     * not. A name PostgreSQL would fold to itself ({@code legacy_metric}) is matched in any case, since
     * {@code Legacy_Metric} unquoted names it too; any other ({@code "Animal"}, {@code "bazaar-vid_metric"}) exactly.
     */
    public static boolean mentions(String body, String table) {
        if (body == null || body.isEmpty() || table.isEmpty()) {
            return false;
        }
        boolean folds = table.matches("[a-z_][a-z0-9_$]*");
        String text = folds ? body.toLowerCase(Locale.ROOT) : body;
        for (int at = text.indexOf(table); at >= 0; at = text.indexOf(table, at + 1)) {
            if (boundary(text, at - 1) && boundary(text, at + table.length())) {
                return true;
            }
        }
        return false;
    }

    private static boolean boundary(String text, int index) {
        if (index < 0 || index >= text.length()) {
            return true;
        }
        char c = text.charAt(index);
        return !(Character.isLetterOrDigit(c) || c == '_' || c == '$');
    }
}
