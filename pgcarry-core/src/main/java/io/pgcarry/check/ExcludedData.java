package io.pgcarry.check;

import io.pgcarry.catalog.Catalog;
import io.pgcarry.catalog.Constraint;
import io.pgcarry.catalog.Identifiers;
import io.pgcarry.catalog.Table;
import io.pgcarry.error.ConfigurationException;
import io.pgcarry.error.Setting;
import io.pgcarry.error.SqlErrors;
import io.pgcarry.plan.Mapping;
import io.pgcarry.plan.TableSelection;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Leaving a table's rows out (pg_dump's {@code --exclude-table-data}) keeps its definition but not its rows: a kept
 * row that references a left-out one would make its foreign key fail when it is re-created. This check finds every
 * such key, on the source, before anything is written.
 */
public final class ExcludedData {
    private ExcludedData() {
    }

    /**
     * Fails, naming every foreign key whose kept rows reference a table whose rows are left out, and first every
     * pattern that leaves out no table at all.
     *
     * @param dataKept  selects the tables whose rows are kept
     */
    public static void requireReferencesKept(Connection source, Catalog catalog, TableSelection dataKept) {
        dataKept.requireEveryPatternMatches(catalog.tables().keySet(), Mapping.EMPTY);
        List<String> broken = new ArrayList<>();
        try (Statement s = source.createStatement()) {
            for (Constraint fk : catalog.foreignKeys()) {
                if (!dataKept.selects(fk.table(), Mapping.EMPTY) || dataKept.selects(fk.references(), Mapping.EMPTY)) {
                    continue;
                }
                Table child = catalog.table(fk.table()).orElse(null);
                if (child == null) {
                    continue;
                }
                String present = fk.columns().stream().map(c -> Identifiers.quote(c) + " IS NOT NULL").collect(Collectors.joining(" AND "));
                try (ResultSet rs = s.executeQuery("SELECT EXISTS (SELECT 1 FROM " + child.rowsSql() + " WHERE " + present + ")")) {
                    rs.next();
                    if (rs.getBoolean(1)) {
                        broken.add(fk.label() + " references " + fk.references());
                    }
                }
            }
        } catch (SQLException e) {
            throw SqlErrors.translate("checking the foreign keys of left-out table data", e);
        }
        if (!broken.isEmpty()) {
            throw new ConfigurationException("kept rows reference rows that " + Setting.EXCLUDE_TABLE_DATA.mention() + " leaves out, so their foreign keys "
                    + "could not be restored: " + String.join("; ", broken) + "; leave out the referencing tables' data too, or keep "
                    + "the referenced rows");
        }
    }
}
