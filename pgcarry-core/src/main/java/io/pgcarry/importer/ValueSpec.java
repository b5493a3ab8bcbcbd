package io.pgcarry.importer;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;

/** How one target column gets its value from a record. */
public sealed interface ValueSpec {
    /** How a value is read before it meets the column's type. */
    enum As {
        /** By the column's type alone. */
        AUTO,
        /** A number of seconds since 1970 (to a date or timestamp). */
        EPOCH_S,
        /** A number of milliseconds since 1970. */
        EPOCH_MS,
        /** Kept as JSON text (to text or jsonb). */
        JSON
    }

    /** The value at a JSON pointer ({@code ""}: the element itself), read as {@code as} says. */
    record Pointer(String pointer, As as) implements ValueSpec {
        public Pointer {
            Objects.requireNonNull(pointer, "pointer");
            Objects.requireNonNull(as, "as");
        }
    }

    /** The same value for every record. */
    record Const(JsonNode value) implements ValueSpec {
    }

    /** The parts' text, one after the other; a missing part makes the value NULL. */
    record Concat(List<ValueSpec> parts) implements ValueSpec {
        public Concat {
            parts = List.copyOf(parts);
        }
    }

    /** The time the import started (one instant for the whole run, so parity can know it). */
    record Now() implements ValueSpec {
    }

    /** The target key of the record of {@code collection} whose source id is at {@code pointer}. */
    record Lookup(String collection, String pointer) implements ValueSpec {
    }
}
