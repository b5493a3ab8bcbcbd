package io.pgcarry.verify;

import io.pgcarry.catalog.Catalog;
import io.pgcarry.catalog.CatalogReader;
import io.pgcarry.catalog.Identifiers;
import io.pgcarry.catalog.QualifiedName;
import io.pgcarry.catalog.RowKeys;
import io.pgcarry.catalog.Table;
import io.pgcarry.error.SqlErrors;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Counts and samples the rows whose reference points at nothing. */
public final class Orphans {
    private Orphans() {
    }

    /** The number of rows of the referencing table whose reference is missing; {@code catalog} describes the tables. */
    public static long count(Connection c, Catalog catalog, Reference ref) {
        return query(c, "SELECT pg_catalog.count(*)" + from(catalog, ref), ref).stream().findFirst().map(Long::parseLong).orElse(0L);
    }

    /** Up to 10 keys of orphan rows, rendered by primary key. */
    public static List<String> samples(Connection c, Catalog catalog, Reference ref) {
        Table table = catalog.table(ref.table()).orElseThrow();
        return query(c, "SELECT " + RowKeys.keyText(table, "c") + from(catalog, ref) + " LIMIT 10", ref);
    }

    /** The first orphans of a foreign key by name, as one line, for error messages. */
    public static String sampleText(Connection c, QualifiedName table, String constraint) {
        try {
            Catalog catalog = CatalogReader.read(c);
            return catalog.foreignKeys().stream().filter(k -> k.table().equals(table) && k.name().equals(constraint))
                    .findFirst()
                    .map(fk -> String.join("; ", samples(c, catalog, Reference.of(fk))))
                    .orElse("(constraint not found)");
        } catch (RuntimeException e) {
            return "(could not list them: " + e.getMessage() + ")";
        }
    }

    /**
     * The orphan rows' FROM and WHERE. Each side is read as a foreign key sees it: a plain table's own rows (a key is
     * not inherited by inheritance children, nor satisfied by their rows), a partitioned table's whole tree.
     */
    private static String from(Catalog catalog, Reference ref) {
        String present = ref.columns().stream().map(col -> "c." + Identifiers.quote(col) + " IS NOT NULL")
                .collect(Collectors.joining(" AND "));
        List<String> match = new ArrayList<>();
        for (int i = 0; i < ref.columns().size(); i++) {
            match.add("p." + Identifiers.quote(ref.refColumns().get(i)) + " = c." + Identifiers.quote(ref.columns().get(i)));
        }
        return " FROM " + rows(catalog, ref.table()) + " c WHERE " + present + " AND NOT EXISTS (SELECT 1 FROM "
                + rows(catalog, ref.references()) + " p WHERE " + String.join(" AND ", match) + ")";
    }

    /** All rows a foreign key sees: an extension's configuration table's own rows too, not only its user rows. */
    private static String rows(Catalog catalog, QualifiedName table) {
        return catalog.table(table).map(t -> Table.rowsSql(t.name(), t.partitioned())).orElse(table.sql());
    }

    private static List<String> query(Connection c, String sql, Reference ref) {
        List<String> result = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                result.add(rs.getString(1));
            }
            return result;
        } catch (SQLException e) {
            throw SqlErrors.translate("looking for orphans of " + ref.label(), e);
        }
    }
}
