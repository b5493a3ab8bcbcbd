package io.pgcarry.schema;

import io.pgcarry.catalog.SqlResource;
import java.util.ArrayList;
import java.util.List;

/**
 * The catalog queries of foreign-data wrappers, foreign servers, user mappings, foreign tables, publications, event
 * triggers and default privileges, in the shape of {@link SchemaReader}'s object queries.
 */
final class DatabaseObjectCatalog {
    private static final SqlResource SQL = SqlResource.of(DatabaseObjectCatalog.class);
    /** Publications gained column lists, row filters and whole schemas in 15. */
    private static final int PUBLICATION_OBJECTS = 150000;

    private DatabaseObjectCatalog() {
    }

    /**
     * The queries for a server of {@code serverVersionNum}; default privileges only {@code withPrivileges}, since
     * without privileges they are not carried (as {@code pg_dump --no-privileges}), nor refused.
     */
    static List<String> queries(int serverVersionNum, boolean withPrivileges) {
        List<String> names = new ArrayList<>(List.of("foreign_data_wrappers", "foreign_servers", "user_mappings", "foreign_tables",
                serverVersionNum >= PUBLICATION_OBJECTS ? "publications_15" : "publications", "event_triggers"));
        if (withPrivileges) {
            names.add("default_privileges");
        }
        return names.stream().map(SQL::get).toList();
    }
}
