-- Catalog query of ViewColumns: what the columns of views and materialized views hold beyond their view's definition,
-- merged into the VIEW and MATERIALIZED_VIEW objects SchemaReader read. Works from PostgreSQL 13 on.

-- name: view_column_settings
-- column_acl: [column, grantee, privilege, grantable] per column grant; column_settings: [column, storage, compression,
-- statistics target] where one differs from what CREATE MATERIALIZED VIEW gives.
select case when c.relkind = 'm' then 'MATERIALIZED_VIEW' else 'VIEW' end, n.nspname, c.relname, null::text,
       array[]::text[],
       jsonb_strip_nulls(jsonb_build_object(
           'column_acl', (select jsonb_agg(jsonb_build_array(at.attname,
                                           case when x.grantee = 0 then 'PUBLIC' else quote_ident(pg_get_userbyid(x.grantee)) end,
                                           x.privilege_type, x.is_grantable) order by at.attnum, x.grantee, x.privilege_type)
                            from pg_attribute at, aclexplode(at.attacl) x
                           where at.attrelid = c.oid and at.attnum > 0 and not at.attisdropped)::text,
           'column_settings', (select jsonb_agg(jsonb_build_array(s.attname, s.storage, s.compression, s.statistics) order by s.attnum)
                                 from (select a.attnum, a.attname,
                                              case when a.attstorage <> t.typstorage then a.attstorage::text end as storage,
                                              -- attcompression exists from 14 on: read through the row so this runs on 13
                                              case row_to_json(a)::jsonb ->> 'attcompression' when 'p' then 'pglz' when 'l' then 'lz4' end
                                                  as compression,
                                              -- -1 (up to 16) or null (17 on) is the default target
                                              case when coalesce(a.attstattarget, -1) >= 0 then a.attstattarget::text end as statistics
                                         from pg_attribute a join pg_type t on t.oid = a.atttypid
                                        where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped) s
                                where c.relkind = 'm' and coalesce(s.storage, s.compression, s.statistics) is not null)::text))
  from pg_class c
  join pg_namespace n on n.oid = c.relnamespace
 where c.relkind in ('v', 'm')
   and n.nspname not in ('pg_catalog', 'information_schema', 'pgcarry')
   and exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
                 and (a.attacl is not null or c.relkind = 'm'))
