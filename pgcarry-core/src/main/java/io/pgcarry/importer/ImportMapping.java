package io.pgcarry.importer;

import io.pgcarry.catalog.QualifiedName;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What an import reads and where each value goes, as read from the mapping file.
 *
 * @param file         the mapping file, for messages
 * @param strict       whether a field no column reads rejects its record (otherwise a warning)
 * @param collections  the top-level collections, in load order (a collection looked up must come first)
 */
public record ImportMapping(Path file, boolean strict, List<Collection> collections) {
    public ImportMapping {
        Objects.requireNonNull(file, "file");
        collections = List.copyOf(collections);
    }

    /** How a store lays out its records. */
    public enum Format {
        /** One JSON array of records. */
        JSON,
        /** One record per line (NDJSON, JSON Lines). */
        NDJSON,
        /** A directory of files, one record each, read in name order. */
        DIR,
        /** CSV with a header line; every value is text. */
        CSV
    }

    /** Where a record's target key comes from. */
    public enum KeySource {
        /** The source id itself, converted to the key's type. */
        SOURCE,
        /** The key column's sequence (identity or serial), drawn with nextval. */
        SEQUENCE,
        /** A new random UUID, as an application's {@code uuid()} default gives. */
        UUID
    }

    /**
     * How records are identified: {@code source} points at the source id (null: the record's position), {@code key}
     * names the target's key column (null: the table has no single key, as a child table keyed by its parent's key
     * and a value).
     */
    public record IdSpec(String source, String key, KeySource generate) {
        public IdSpec {
            Objects.requireNonNull(generate, "generate");
        }
    }

    /**
     * One collection: a top-level one has an {@code input}; a child has a {@code path} to an array in its parent's
     * record and a {@code parentColumn} that receives the parent's key.
     */
    public record Collection(String name, Path input, Format format, String path, String parentColumn, QualifiedName table,
                             IdSpec id, Map<String, ValueSpec> columns, List<String> ignore, List<Collection> children) {
        public Collection {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(table, "table");
            columns = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(columns));
            ignore = List.copyOf(ignore);
            children = List.copyOf(children);
        }

        public boolean isChild() {
            return path != null;
        }
    }
}
