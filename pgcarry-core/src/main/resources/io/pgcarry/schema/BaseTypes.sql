-- Catalog queries of BaseTypes, in the shape of SchemaReader.sql's object queries:
--   kind, schema, name, parent, addresses, attributes (jsonb). Every query works from PostgreSQL 13 on.

-- name: base_types
-- User base types (not the array types PostgreSQL makes for every type), with CREATE TYPE's options computed here.
select 'BASE_TYPE', n.nspname, t.typname, null::text,
       array['pg_type:' || t.oid || ':0'] || case when t.typarray <> 0 then array['pg_type:' || t.typarray || ':0'] else '{}' end,
       jsonb_strip_nulls(jsonb_build_object(
           'definition', format('CREATE TYPE %I.%I (%s)', n.nspname, t.typname, concat_ws(', ',
               'INPUT = ' || t.typinput::regproc::text,
               'OUTPUT = ' || t.typoutput::regproc::text,
               case when t.typreceive <> 0 then 'RECEIVE = ' || t.typreceive::regproc::text end,
               case when t.typsend <> 0 then 'SEND = ' || t.typsend::regproc::text end,
               case when t.typmodin <> 0 then 'TYPMOD_IN = ' || t.typmodin::regproc::text end,
               case when t.typmodout <> 0 then 'TYPMOD_OUT = ' || t.typmodout::regproc::text end,
               case when t.typanalyze <> 0 then 'ANALYZE = ' || t.typanalyze::regproc::text end,
               -- typsubscript exists from 14 on (read through the row so the query runs on 13); ELEMENT alone gives
               -- raw_array_subscript_handler
               case when coalesce(row_to_json(t)::jsonb ->> 'typsubscript', '-') not in ('-', 'raw_array_subscript_handler')
                      or t.typelem = 0 and row_to_json(t)::jsonb ->> 'typsubscript' = 'raw_array_subscript_handler'
                    then 'SUBSCRIPT = ' || (row_to_json(t)::jsonb ->> 'typsubscript') end,
               'INTERNALLENGTH = ' || case when t.typlen = -1 then 'VARIABLE' else t.typlen::text end,
               case when t.typbyval then 'PASSEDBYVALUE' end,
               'ALIGNMENT = ' || case t.typalign when 'c' then 'char' when 's' then 'int2' when 'i' then 'int4' else 'double' end,
               'STORAGE = ' || case t.typstorage when 'p' then 'plain' when 'e' then 'external' when 'm' then 'main' else 'extended' end,
               'CATEGORY = ' || quote_literal(t.typcategory::text),
               case when t.typispreferred then 'PREFERRED = true' end,
               case when t.typdefault is not null then 'DEFAULT = ' || quote_literal(t.typdefault) end,
               case when t.typelem <> 0 then 'ELEMENT = ' || format_type(t.typelem, null) end,
               case when t.typdelim::text <> ',' then 'DELIMITER = ' || quote_literal(t.typdelim::text) end,
               case when t.typcollation <> 0 then 'COLLATABLE = true' end)),
           'comment', obj_description(t.oid, 'pg_type'),
           'owner', pg_get_userbyid(t.typowner),
           'acl', (select jsonb_agg(jsonb_build_array(case when a.grantee = 0 then 'PUBLIC' else quote_ident(pg_get_userbyid(a.grantee)) end,
                                            a.privilege_type, a.is_grantable)
                           order by a.grantee, a.privilege_type) from aclexplode(t.typacl) a)::text))
  from pg_type t
  join pg_namespace n on n.oid = t.typnamespace
 where t.typtype = 'b'
   and not exists (select 1 from pg_type e where e.typarray = t.oid)
   and n.nspname not in ('pg_catalog', 'information_schema', 'pgcarry')
   and n.nspname !~ '^pg_(toast|temp_)'
   and not exists (select 1 from pg_depend e where e.classid = 'pg_type'::regclass and e.objid = t.oid and e.deptype = 'e')

-- name: shell_types
-- Types declared (CREATE TYPE name) and never defined.
select 'SHELL_TYPE', n.nspname, t.typname, null::text,
       array['pg_type:' || t.oid || ':0'],
       jsonb_strip_nulls(jsonb_build_object(
           'comment', obj_description(t.oid, 'pg_type'),
           'owner', pg_get_userbyid(t.typowner)))
  from pg_type t
  join pg_namespace n on n.oid = t.typnamespace
 where t.typtype = 'p' and not t.typisdefined
   and n.nspname not in ('pg_catalog', 'information_schema', 'pgcarry')
   and n.nspname !~ '^pg_(toast|temp_)'
   and not exists (select 1 from pg_depend e where e.classid = 'pg_type'::regclass and e.objid = t.oid and e.deptype = 'e')
