package io.pgcarry.schema;

import java.util.ArrayList;
import java.util.List;

/** A procedure's argument list as statements that name the procedure must write it. */
final class ProcedureArguments {
    private ProcedureArguments() {
    }

    /**
     * {@code p(a integer, OUT b integer)} as {@code p(IN a integer, OUT b integer)}. From 14 on a procedure's OUT
     * arguments belong to its signature, and a list without modes matches both the procedure whose arguments are all
     * these and the one whose input arguments are these: {@code p(a int, b int)} names {@code p(OUT x int, a int, b int)}
     * too. Saying IN picks one; 13 accepts it as well.
     */
    static String withModes(String signature) {
        int open = signature.indexOf('(');
        String arguments = signature.substring(open + 1, signature.length() - 1);
        if (arguments.isEmpty()) {
            return signature;
        }
        StringBuilder out = new StringBuilder(signature.substring(0, open + 1));
        List<String> split = topLevelArguments(arguments);
        for (int i = 0; i < split.size(); i++) {
            String argument = split.get(i);
            boolean moded = argument.matches("(IN|OUT|INOUT|VARIADIC) .*");
            out.append(i > 0 ? ", " : "").append(moded ? "" : "IN ").append(argument);
        }
        return out.append(')').toString();
    }

    /** Splits {@code a numeric(10,2), "b, c" text} at the commas outside parentheses and double quotes. */
    static List<String> topLevelArguments(String arguments) {
        List<String> result = new ArrayList<>();
        int depth = 0;
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < arguments.length(); i++) {
            char c = arguments.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == '(' || c == '[')) {
                depth++;
            } else if (!quoted && (c == ')' || c == ']')) {
                depth--;
            } else if (!quoted && depth == 0 && c == ',') {
                result.add(arguments.substring(start, i).trim());
                start = i + 1;
            }
        }
        result.add(arguments.substring(start).trim());
        return result;
    }
}
