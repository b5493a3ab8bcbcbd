package io.pgcarry.catalog;

/**
 * Which primary and unique keys can be added in two steps, read from the catalog: their unique index first, with
 * {@code CREATE UNIQUE INDEX}, which lets readers in while it sorts the table, then the constraint
 * {@code USING INDEX}, which holds the table exclusively only for a moment. The key ends as one statement would
 * make it: same name, columns, included columns, index options, NULLS NOT DISTINCT and deferrability. PostgreSQL
 * attaches only a btree index without expressions or predicate, and not on a partitioned table; an index in a
 * tablespace of its own stays one statement too, since the index definition does not name it. Any other key is
 * added in one statement.
 * <p>
 * The SQL goes into the catalog queries that need it (the schema model's and the move journal's), in place of
 * {@link #ATTACH_PLACEHOLDER}, so that the rule is written once and no one reads it back out of a definition.
 */
public final class KeySteps {
    /** Where a catalog query wants the {@code USING INDEX} clause of the {@code pg_constraint} row {@code k}. */
    public static final String ATTACH_PLACEHOLDER = "/* key-attach(k) */ null";

    /**
     * For the {@code pg_constraint} row {@code k}: the clause that attaches its index as the key
     * ({@code PRIMARY KEY USING INDEX name [DEFERRABLE [INITIALLY DEFERRED]]}), or null when it cannot be added so.
     */
    private static final String ATTACH = """
            (case when k.contype in ('p', 'u') and exists (
                      select 1 from pg_catalog.pg_index x
                        join pg_catalog.pg_class i on i.oid = x.indexrelid
                        join pg_catalog.pg_am m on m.oid = i.relam
                        join pg_catalog.pg_class t on t.oid = x.indrelid
                       where x.indexrelid = k.conindid and t.relkind = 'r' and m.amname = 'btree'
                         and x.indexprs is null and x.indpred is null and i.reltablespace = 0)
                  then case k.contype when 'p' then 'PRIMARY KEY' else 'UNIQUE' end || ' USING INDEX '
                       || pg_catalog.quote_ident(k.conname)
                       || case when k.condeferred then ' DEFERRABLE INITIALLY DEFERRED'
                               when k.condeferrable then ' DEFERRABLE' else '' end
             end)""";

    /** Where a catalog query wants the full definition of the {@code pg_constraint} row {@code k}. */
    public static final String DEFINITION_PLACEHOLDER = "/* constraint-definition(k) */ null";

    /**
     * The definition of constraint {@code k} as {@code pg_get_constraintdef} prints it, with the storage options of a
     * key's index ({@code WITH (fillfactor=70)}), which that function leaves out although ADD CONSTRAINT takes them.
     */
    private static final String DEFINITION = """
            (pg_catalog.pg_get_constraintdef(k.oid)
             || coalesce((select ' WITH (' || pg_catalog.array_to_string(i.reloptions, ', ') || ')' from pg_catalog.pg_class i
                           where i.oid = k.conindid and k.contype in ('p', 'u', 'x') and i.reloptions is not null), ''))""";

    private KeySteps() {
    }

    /** {@code sql} with the definition of the constraint row {@code k} in place of {@link #DEFINITION_PLACEHOLDER}. */
    public static String withDefinition(String sql) {
        if (!sql.contains(DEFINITION_PLACEHOLDER)) {
            throw new IllegalArgumentException("no " + DEFINITION_PLACEHOLDER + " in the query");
        }
        return sql.replace(DEFINITION_PLACEHOLDER, DEFINITION);
    }

    /** {@code sql} with the attach clause of the constraint row {@code k} in place of {@link #ATTACH_PLACEHOLDER}. */
    public static String withAttachClause(String sql) {
        if (!sql.contains(ATTACH_PLACEHOLDER)) {
            throw new IllegalArgumentException("no " + ATTACH_PLACEHOLDER + " in the query");
        }
        return sql.replace(ATTACH_PLACEHOLDER, ATTACH);
    }
}
