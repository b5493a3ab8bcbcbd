package io.pgcarry.tables;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Objects;

/**
 * Something else in the database that uses a table.
 *
 * @param kind     what it is
 * @param object   its name: {@code public.v}, {@code rule_name on public.t}, {@code public.f(integer)}
 * @param evidence how it was found
 * @param calledBy for a function, the triggers that call it ({@code trg on public.orders})
 */
public record Dependent(Kind kind, String object, Evidence evidence, List<String> calledBy) {
    public Dependent {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(object, "object");
        Objects.requireNonNull(evidence, "evidence");
        calledBy = List.copyOf(calledBy);
    }

    /** What kind of object uses the table. */
    public enum Kind {
        VIEW("view"), MATERIALIZED_VIEW("materialized view"), RULE("rule"), TRIGGER("trigger"), FUNCTION("function"),
        POLICY("policy");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        @JsonValue
        public String label() {
            return label;
        }

        static Kind of(String label) {
            for (Kind kind : values()) {
                if (kind.label.equals(label)) {
                    return kind;
                }
            }
            throw new IllegalArgumentException("unknown dependent kind " + label);
        }
    }

    /** How a dependent was found: the server's own record, or a weaker text search of a function body. */
    public enum Evidence {
        /** {@code pg_depend}: the server will not drop the table without it (or CASCADE). */
        CATALOG("pg_depend"),
        /** The table's name occurs in the body of a SQL or PL/pgSQL function: maybe in a comment, a string, another schema. */
        FUNCTION_BODY("mentioned in function body");

        private final String label;

        Evidence(String label) {
            this.label = label;
        }

        @JsonValue
        public String label() {
            return label;
        }
    }
}
