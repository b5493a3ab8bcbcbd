package io.pgcarry.catalog;

import java.util.stream.Collectors;

/** How rows are named in reports: by primary key ({@code id=42}), or by physical position without one. */
public final class RowKeys {
    private RowKeys() {
    }

    /** A SQL expression rendering a row's key as text; {@code alias} qualifies the columns when not null. */
    public static String keyText(Table table, String alias) {
        String prefix = alias == null ? "" : alias + ".";
        if (!table.hasPrimaryKey()) {
            return "'ctid=' || " + prefix + "ctid::text";
        }
        return table.primaryKey().stream()
                .map(c -> Identifiers.literal(c + "=") + " || coalesce(" + prefix + Identifiers.quote(c) + "::text, 'NULL')")
                .collect(Collectors.joining(" || ', ' || "));
    }
}
