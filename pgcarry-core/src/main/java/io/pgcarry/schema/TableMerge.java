package io.pgcarry.schema;

import io.pgcarry.catalog.Identifiers;
import io.pgcarry.catalog.QualifiedName;
import io.pgcarry.error.ConfigurationException;
import io.pgcarry.error.Setting;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A duplicate table (one TARGET has and SOURCE lacks) to be merged into its canonical table before it is dropped:
 * rows are matched by {@code key}, rows missing from the canonical table are inserted, identical ones skipped, and
 * rows with the same key but other values are conflicts, settled only by {@code prefer}.
 *
 * @param duplicate the table whose rows go, then which is dropped
 * @param canonical the table that keeps them
 * @param key       the columns rows are matched by; empty for the canonical table's primary key
 * @param prefer    whose values win in a conflict; NONE keeps the duplicate until its conflicts are resolved
 */
public record TableMerge(QualifiedName duplicate, QualifiedName canonical, List<String> key, Preference prefer) {
    /** Whose values a conflict keeps. */
    public enum Preference {
        /** Nobody's: the duplicate is kept (its drop commented out) while conflicts remain. */
        NONE,
        /** The duplicate's values replace the canonical row's. */
        DUPLICATE,
        /** The canonical row stays as it is; the duplicate's values go with the duplicate. */
        CANONICAL
    }

    public TableMerge {
        Objects.requireNonNull(duplicate, "duplicate");
        Objects.requireNonNull(canonical, "canonical");
        Objects.requireNonNull(prefer, "prefer");
        key = List.copyOf(key);
        if (duplicate.equals(canonical)) {
            throw new ConfigurationException(Setting.MERGE.mention() + " " + duplicate + "=" + canonical + " merges a table into itself");
        }
    }

    /**
     * Parses {@code DUPLICATE=CANONICAL}, each a table name as {@link QualifiedName#parse} reads it (unqualified names
     * are in {@code public}; quotes keep an {@code =} or a dot in a name).
     */
    public static TableMerge parse(String text, List<String> key, Preference prefer) {
        List<String> sides = Identifiers.splitOutsideQuotes(text, '=');
        if (sides.size() != 2 || sides.get(0).isBlank() || sides.get(1).isBlank()) {
            throw new ConfigurationException(Setting.MERGE.mention() + " '" + text
                    + "' is not DUPLICATE=CANONICAL (for example api_usage_metric=bazaar-vid_api_usage_metric)");
        }
        try {
            return new TableMerge(QualifiedName.parse(sides.get(0).strip(), "public"), QualifiedName.parse(sides.get(1).strip(), "public"),
                    key, prefer);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(Setting.MERGE.mention() + " '" + text + "': " + e.getMessage());
        }
    }

    /** Parses {@code COLS}: column names separated by commas, each as written or in double quotes. */
    public static List<String> parseKey(String text) {
        List<String> columns = new ArrayList<>();
        for (String part : Identifiers.splitOutsideQuotes(text, ',')) {
            List<String> name = Identifiers.splitQualified(part.strip());
            if (name.size() != 1 || name.get(0).isEmpty()) {
                throw new ConfigurationException(Setting.MERGE_KEY.mention() + " '" + text + "' is not a list of column names (id or tenant,id)");
            }
            columns.add(name.get(0));
        }
        return columns;
    }
}
