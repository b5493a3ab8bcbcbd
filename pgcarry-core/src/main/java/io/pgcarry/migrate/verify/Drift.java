package io.pgcarry.migrate.verify;

import com.fasterxml.jackson.annotation.JsonValue;
import io.pgcarry.schema.AttributeChange;
import io.pgcarry.schema.ObjectDifference;
import java.util.List;
import java.util.Objects;

/**
 * One object whose schema in the target is not what the migration files make.
 *
 * @param kind       what it is: {@code table}, {@code column}, {@code index}...
 * @param name       its name as {@code pgcarry diff} shows it: {@code public.users.nickname}, {@code users_pkey on public.users}
 * @param change     missing in the target, extra in the target, or changed
 * @param attributes for a changed object, each attribute that differs
 */
public record Drift(String kind, String name, Change change, List<Attribute> attributes) {
    public Drift {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(change, "change");
        attributes = List.copyOf(attributes);
    }

    /** How the target differs from the files. */
    public enum Change {
        /** The files make it and the target lacks it: dropped by hand, or never made. */
        MISSING("missing", "missing in the target"),
        /** The target has it and the files do not make it: made by hand. */
        EXTRA("extra", "extra in the target"),
        /** Both have it, with different definitions. */
        CHANGED("changed", "changed");

        private final String label;
        private final String description;

        Change(String label, String description) {
            this.label = label;
            this.description = description;
        }

        @JsonValue
        public String label() {
            return label;
        }

        /** The words for a report: {@code extra in the target}. */
        public String description() {
            return description;
        }

        static Change of(ObjectDifference.Change change) {
            return switch (change) {
                case MISSING -> MISSING;
                case EXTRA -> EXTRA;
                case CHANGED -> CHANGED;
            };
        }
    }

    /**
     * One attribute of a changed object.
     *
     * @param attribute its name ({@code type}, {@code definition}, {@code not_null}...)
     * @param files     its value in the schema the files make, or null when absent there
     * @param target    its value in the target, or null when absent there
     */
    public record Attribute(String attribute, String files, String target) {
    }

    /** The drift of one difference {@code SchemaDiff} found, the files' schema being its SOURCE. */
    static Drift of(ObjectDifference difference) {
        String label = difference.id().kind().label();
        String shown = difference.id().toString();
        return new Drift(label, shown.substring(label.length() + 1), Change.of(difference.change()),
                difference.changes().stream().map(Drift::attribute).toList());
    }

    private static Attribute attribute(AttributeChange change) {
        return new Attribute(change.attribute(), change.source(), change.target());
    }

    @Override
    public String toString() {
        return change.description() + ": " + kind + " " + name;
    }
}
