package io.pgcarry.schema;

import io.pgcarry.error.ConfigurationException;
import java.util.Locale;

/** Where a statement belongs relative to the data load, as pg_dump's sections. */
public enum Section {
    /** What must exist before rows are loaded: schemas, types, functions, tables, views. */
    PRE_DATA,
    /** What is cheaper to build after the load: keys, foreign keys, indexes, triggers, policies. */
    POST_DATA;

    public static Section parse(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "pre-data" -> PRE_DATA;
            case "post-data" -> POST_DATA;
            default -> throw new ConfigurationException(
                    "unknown section '" + text + "'; use pre-data or post-data");
        };
    }
}
