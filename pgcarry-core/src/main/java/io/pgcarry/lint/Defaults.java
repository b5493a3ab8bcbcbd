package io.pgcarry.lint;

import io.pgcarry.script.SqlToken;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a default expression is evaluated once ({@code ALTER TABLE ... ADD COLUMN} stores it in the catalog) or per
 * row (the table is rewritten): by the functions it calls. Known volatile functions and known stable or immutable ones
 * are listed; any other function is asked of the target, or left unknown.
 */
final class Defaults {
    enum Kind {
        NULL, CONSTANT, VOLATILE, UNKNOWN
    }

    private static final Set<String> VOLATILE = Set.of("random", "random_normal", "gen_random_uuid", "uuid_generate_v1",
            "uuid_generate_v1mc", "uuid_generate_v4", "uuidv4", "uuidv7", "clock_timestamp", "timeofday", "nextval", "setval",
            "txid_current", "pg_current_xact_id", "gen_random_bytes", "gen_salt");
    private static final Set<String> NOT_VOLATILE = Set.of("now", "transaction_timestamp", "statement_timestamp", "lower", "upper",
            "coalesce", "nullif", "greatest", "least", "md5", "length", "trim", "btrim", "concat", "replace", "substring", "to_char",
            "to_timestamp", "to_date", "date_trunc", "make_interval", "make_date", "jsonb_build_object", "json_build_object",
            "jsonb_build_array", "json_build_array", "array", "row", "cast", "current_setting", "uuid_nil", "interval", "timezone",
            "numeric", "varchar", "char", "timestamp", "time", "float", "decimal", "bit", "character", "extract");

    private Defaults() {
    }

    static Kind classify(Tokens t, int from, int to, TargetFacts facts) {
        if (to - from == 1 && t.get(from).is("null")) {
            return Kind.NULL;
        }
        Kind kind = Kind.CONSTANT;
        for (int i = from; i < to; i++) {
            if (!isCall(t, i)) {
                continue;
            }
            String name = t.get(i).text();
            if (VOLATILE.contains(name)) {
                return Kind.VOLATILE;
            }
            if (!NOT_VOLATILE.contains(name)) {
                Optional<TargetFacts.Volatility> v = facts.volatility(name);
                if (v.isPresent() && v.get() == TargetFacts.Volatility.VOLATILE) {
                    return Kind.VOLATILE;
                }
                kind = v.isPresent() ? kind : Kind.UNKNOWN;
            }
        }
        return kind;
    }

    /** The first call of a function neither list knows, as {@code name()}. */
    static String unknownCall(Tokens t, int from, int to) {
        for (int i = from; i < to; i++) {
            if (isCall(t, i) && !NOT_VOLATILE.contains(t.get(i).text()) && !VOLATILE.contains(t.get(i).text())) {
                return t.get(i).text() + "()";
            }
        }
        return "a function it calls";
    }

    private static boolean isCall(Tokens t, int i) {
        SqlToken token = t.get(i);
        return (token.kind() == SqlToken.Kind.WORD || token.kind() == SqlToken.Kind.QUOTED) && t.get(i + 1).isSymbol("(");
    }
}
