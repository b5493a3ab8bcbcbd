-- Catalog queries of SchemaReader. Every object query returns the same shape:
--   kind, schema, name, parent (the table of a column, constraint, index, trigger or policy),
--   addresses (every "catalog:objid:subid" pg_depend may use for the object), attributes (jsonb).
-- System schemas, pgcarry's journal schema and objects that belong to an extension are left out.
-- Every query works from PostgreSQL 13 on.

-- name: schemas
select 'SCHEMA', n.nspname, n.nspname, null::text,
       array['pg_namespace:' || n.oid || ':0'],
       jsonb_strip_nulls(jsonb_build_object(
           'comment', obj_description(n.oid, 'pg_namespace'),
           'owner', pg_get_userbyid(n.nspowner),
           'acl', (select jsonb_agg(jsonb_build_array(case when a.grantee = 0 then 'PUBLIC' else quote_ident(pg_get_userbyid(a.grantee)) end,
                                            a.privilege_type, a.is_grantable)
                           order by a.grantee, a.privilege_type) from aclexplode(n.nspacl) a)::text))
  from pg_namespace n
 where n.nspname not in ('pg_catalog', 'information_schema', 'pgcarry')
   and n.nspname !~ '^pg_(toast|temp_)'
   and not exists (select 1 from pg_depend e where e.classid = 'pg_namespace'::regclass and e.objid = n.oid and e.deptype = 'e')

-- name: extensions
select 'EXTENSION', null::text, x.extname, null::text,
       array['pg_extension:' || x.oid || ':0'],
       jsonb_strip_nulls(jsonb_build_object(
           'schema', x.extnamespace::regnamespace::text,
           'version', x.extversion,
           'comment', obj_description(x.oid, 'pg_extension')))
  from pg_extension x
 where x.extname <> 'plpgsql'

-- name: enums
select 'ENUM', n.nspname, t.typname, null::text,
       array['pg_type:' || t.oid || ':0', 'pg_type:' || t.typarray || ':0'],
       jsonb_strip_nulls(jsonb_build_object(
           'labels', (select jsonb_agg(e.enumlabel order by e.enumsortorder) from pg_enum e where e.enumtypid = t.oid)::text,
           'comment', obj_description(t.oid, 'pg_type'),
           'owner', pg_get_userbyid(t.typowner),
           'acl', (select jsonb_agg(jsonb_build_array(case when a.grantee = 0 then 'PUBLIC' else quote_ident(pg_get_userbyid(a.grantee)) end,
                                            a.privilege_type, a.is_grantable)
                           order by a.grantee, a.privilege_type) from aclexplode(t.typacl) a)::text))
  from pg_type t
  join pg_namespace n on n.oid = t.typnamespace
 where t.typtype = 'e'
   and n.nspname not in ('pg_catalog', 'information_schema', 'pgcarry')
   and not exists (select 1 from pg_depend e where e.classid = 'pg_type'::regclass and e.objid = t.oid and e.deptype = 'e')

-- name: domains
select 'DOMAIN', n.nspname, t.typname, null::text,
       array['pg_type:' || t.oid || ':0', 'pg_type:' || t.typarray || ':0']
         || coalesce((select array_agg('pg_constraint:' || k.oid || ':0') from pg_constraint k where k.contypid = t.oid), '{}'),
       jsonb_strip_nulls(jsonb_build_object(
           'type', format_type(t.typbasetype, t.typtypmod),
           'collation', case when t.typcollation <> b.typcollation
                             then format('%I.%I', cn.nspname, co.collname) end,
           'default', t.typdefault,
           'not_null', case when t.typnotnull then 'true' end,
           'checks', (select jsonb_object_agg(k.conname, pg_get_constraintdef(k.oid))
                        from pg_constraint k where k.contypid = t.oid and k.contype = 'c')::text,
           'check_comments', (select jsonb_object_agg(k.conname, obj_description(k.oid, 'pg_constraint'))
                                from pg_constraint k where k.contypid = t.oid and k.contype = 'c'
                                 and obj_description(k.oid, 'pg_constraint') is not null)::text,
           'comment', obj_description(t.oid, 'pg_type'),
           'owner', pg_get_userbyid(t.typowner),
           'acl', (select jsonb_agg(jsonb_build_array(case when a.grantee = 0 then 'PUBLIC' else quote_ident(pg_get_userbyid(a.grantee)) end,
                                            a.privilege_type, a.is_grantable)
                           order by a.grantee, a.privilege_type) from aclexplode(t.typacl) a)::text))
  from pg_type t
  join pg_namespace n on n.oid = t.typnamespace
  join pg_type b on b.oid = t.typbasetype
  left join pg_collation co on co.oid = t.typcollation
  left join pg_namespace cn on cn.oid = co.collnamespace
 where t.typtype = 'd'
   and n.nspname not in ('pg_catalog', 'information_schema', 'pgcarry')
   and not exists (select 1 from pg_depend e where e.classid = 'pg_type'::regclass and e.objid = t.oid and e.deptype = 'e')

-- name: composites
select 'COMPOSITE', n.nspname, t.typname, null::text,
       array['pg_type:' || t.oid || ':0', 'pg_type:' || t.typarray || ':0', 'pg_class:' || t.typrelid || ':0'],
       jsonb_strip_nulls(jsonb_build_object(
           'attributes', (select jsonb_agg(jsonb_build_array(a.attname, format_type(a.atttypid, a.atttypmod),
                                      case when a.attcollation <> at.typcollation
                                           then (select format('%I.%I', cn.nspname, co.collname) from pg_collation co
                                                   join pg_namespace cn on cn.oid = co.collnamespace where co.oid = a.attcollation) end)
                                      order by a.attnum)
                            from pg_attribute a join pg_type at on at.oid = a.atttypid
                           where a.attrelid = t.typrelid and a.attnum > 0 and not a.attisdropped)::text,
           'comment', obj_description(t.oid, 'pg_type'),
           'owner', pg_get_userbyid(t.typowner),
           'acl', (select jsonb_agg(jsonb_build_array(case when a.grantee = 0 then 'PUBLIC' else quote_ident(pg_get_userbyid(a.grantee)) end,
                                            a.privilege_type, a.is_grantable)
                           order by a.grantee, a.privilege_type) from aclexplode(t.typacl) a)::text))
  from pg_type t
  join pg_namespace n on n.oid = t.typnamespace
  join pg_class c on c.oid = t.typrelid and c.relkind = 'c'
 where t.typtype = 'c'
   and n.nspname not in ('pg_catalog', 'information_schema', 'pgcarry')
   and not exists (select 1 from pg_depend e where e.classid = 'pg_type'::regclass and e.objid = t.oid and e.deptype = 'e')

-- name: sequences
select 'SEQUENCE', n.nspname, c.relname, null::text,
       array['pg_class:' || c.oid || ':0'],
       jsonb_strip_nulls(jsonb_build_object(
           'type', format_type(s.seqtypid, null),
           'start', s.seqstart::text,
           'increment', s.seqincrement::text,
           'min', s.seqmin::text,
           'max', s.seqmax::text,
           'cache', s.seqcache::text,
           'cycle', case when s.seqcycle then 'true' end,
           'persistence', case when c.relpersistence = 'u' then 'unlogged' end,
           'owned_by', (select format('%I.%I.%I', tn.nspname, t.relname, a.attname)
                          from pg_depend d
                          join pg_class t on t.oid = d.refobjid
                          join pg_namespace tn on tn.oid = t.relnamespace
                          join pg_attribute a on a.attrelid = t.oid and a.attnum = d.refobjsubid
                         where d.classid = 'pg_class'::regclass and d.objid = c.oid
                           and d.refclassid = 'pg_class'::regclass and d.deptype = 'a'),
           'comment', obj_description(c.oid, 'pg_class'),
           'owner', pg_get_userbyid(c.relowner),
           'acl', (select jsonb_agg(jsonb_build_array(case when a.grantee = 0 then 'PUBLIC' else quote_ident(pg_get_userbyid(a.grantee)) end,
                                            a.privilege_type, a.is_grantable)
                           order by a.grantee, a.privilege_type) from aclexplode(c.relacl) a)::text))
  from pg_class c
  join pg_sequence s on s.seqrelid = c.oid
  join pg_namespace n on n.oid = c.relnamespace
 where c.relkind = 'S'
   and n.nspname not in ('pg_catalog', 'information_schema', 'pgcarry')
   -- identity sequences belong to their column
   and not exists (select 1 from pg_depend i where i.classid = 'pg_class'::regclass and i.objid = c.oid and i.deptype = 'i')
   and not exists (select 1 from pg_depend e where e.classid = 'pg_class'::regclass and e.objid = c.oid and e.deptype = 'e')

-- name: functions
select case when p.prokind = 'p' then 'PROCEDURE' else 'FUNCTION' end, n.nspname,
       -- PostgreSQL 14 and later print the IN of procedure arguments; 13 does not
       p.proname || '(' || regexp_replace(pg_get_function_identity_arguments(p.oid), '(^|, )IN ', '\1', 'g') || ')', null::text,
       array['pg_proc:' || p.oid || ':0'],
       jsonb_strip_nulls(jsonb_build_object(
           'signature', format('%I.%I(%s)', n.nspname, p.proname,
                               regexp_replace(pg_get_function_identity_arguments(p.oid), '(^|, )IN ', '\1', 'g')),
           'definition', pg_get_functiondef(p.oid),
           'comment', obj_description(p.oid, 'pg_proc'),
           'owner', pg_get_userbyid(p.proowner),
           'acl', (select jsonb_agg(jsonb_build_array(case when a.grantee = 0 then 'PUBLIC' else quote_ident(pg_get_userbyid(a.grantee)) end,
                                            a.privilege_type, a.is_grantable)
                           order by a.grantee, a.privilege_type) from aclexplode(p.proacl) a)::text))
  from pg_proc p
  join pg_namespace n on n.oid = p.pronamespace
 where p.prokind in ('f', 'p', 'w')
   and n.nspname not in ('pg_catalog', 'information_schema', 'pgcarry')
   and not exists (select 1 from pg_depend e where e.classid = 'pg_proc'::regclass and e.objid = p.oid and e.deptype = 'e')
   -- the constructors of a range (and multirange) type come with CREATE TYPE
   and not exists (select 1 from pg_depend i where i.classid = 'pg_proc'::regclass and i.objid = p.oid and i.deptype = 'i')

-- name: tables
select 'TABLE', n.nspname, c.relname, null::text,
       array['pg_class:' || c.oid || ':0', 'pg_type:' || c.reltype || ':0', 'pg_type:' || rt.typarray || ':0'],
       jsonb_strip_nulls(jsonb_build_object(
           'of_type', case when c.reloftype <> 0 then format_type(c.reloftype, null) end,
           'partition_key', case when c.relkind = 'p' then pg_get_partkeydef(c.oid) end,
           'partition_of', (select format('%I.%I', pn.nspname, pc.relname) from pg_inherits i
                              join pg_class pc on pc.oid = i.inhparent join pg_namespace pn on pn.oid = pc.relnamespace
                             where i.inhrelid = c.oid and c.relispartition),
           'partition_bound', case when c.relispartition then pg_get_expr(c.relpartbound, c.oid) end,
           'inherits', (select string_agg(format('%I.%I', pn.nspname, pc.relname), ', ' order by i.inhseqno) from pg_inherits i
                          join pg_class pc on pc.oid = i.inhparent join pg_namespace pn on pn.oid = pc.relnamespace
                         where i.inhrelid = c.oid and not c.relispartition),
           'persistence', case when c.relpersistence = 'u' then 'unlogged' end,
           'options', array_to_string(c.reloptions, ', '),
           'toast_options', (select array_to_string(tt.reloptions, ', ') from pg_class tt where tt.oid = c.reltoastrelid),
           'replica_identity', case c.relreplident when 'f' then 'full' when 'n' then 'nothing' end,
           'row_security', case when c.relrowsecurity then 'enabled' end,
           'force_row_security', case when c.relforcerowsecurity then 'true' end,
           'comment', obj_description(c.oid, 'pg_class'),
           'owner', pg_get_userbyid(c.relowner),
           'acl', (select jsonb_agg(jsonb_build_array(case when a.grantee = 0 then 'PUBLIC' else quote_ident(pg_get_userbyid(a.grantee)) end,
                                            a.privilege_type, a.is_grantable)
                           order by a.grantee, a.privilege_type) from aclexplode(c.relacl) a)::text))
  from pg_class c
  join pg_namespace n on n.oid = c.relnamespace
  join pg_type rt on rt.oid = c.reltype
 where c.relkind in ('r', 'p')
   and n.nspname not in ('pg_catalog', 'information_schema', 'pgcarry')
   and n.nspname !~ '^pg_(toast|temp_)'
   and not exists (select 1 from pg_depend e where e.classid = 'pg_class'::regclass and e.objid = c.oid and e.deptype = 'e')

-- name: columns
select 'COLUMN', n.nspname, a.attname, c.relname,
       array['pg_class:' || c.oid || ':' || a.attnum]
         || coalesce((select array_agg('pg_attrdef:' || d.oid || ':0') from pg_attrdef d
                       where d.adrelid = c.oid and d.adnum = a.attnum), '{}'),
       jsonb_strip_nulls(jsonb_build_object(
           'position', (row_number() over (partition by c.oid order by a.attnum))::text,
           'type', format_type(a.atttypid, a.atttypmod),
           'collation', case when a.attcollation <> t.typcollation
                             then (select format('%I.%I', cn.nspname, co.collname) from pg_collation co
                                     join pg_namespace cn on cn.oid = co.collnamespace where co.oid = a.attcollation) end,
           'default', case when a.attgenerated = '' then pg_get_expr(ad.adbin, ad.adrelid) end,
           'generated', case when a.attgenerated = 's' then pg_get_expr(ad.adbin, ad.adrelid) end,
           -- a generated column an inheritance child shares with its parent takes the parent's expression: before 16
           -- a CREATE TABLE ... INHERITS refuses to say it again
           'inherits_generation', case when a.attinhcount > 0 and a.attgenerated = 's' and exists (
                   select 1 from pg_inherits i
                     join pg_attribute pa on pa.attrelid = i.inhparent and pa.attname = a.attname and pa.attgenerated = 's'
                     join pg_attrdef pd on pd.adrelid = pa.attrelid and pd.adnum = pa.attnum
                    where i.inhrelid = c.oid and pg_get_expr(pd.adbin, pd.adrelid) = pg_get_expr(ad.adbin, ad.adrelid))
                 then 'true' end,
           'not_null', case when a.attnotnull then 'true' end,
           'identity', case a.attidentity when 'a' then 'always' when 'd' then 'by default' end,
           -- a sequence logged otherwise than its table (15 on) says so
           'identity_sequence', (select format('SEQUENCE NAME %I.%I%s START WITH %s INCREMENT BY %s MINVALUE %s MAXVALUE %s CACHE %s%s',
                                               sn.nspname, sc.relname,
                                               case when sc.relpersistence = c.relpersistence then ''
                                                    when sc.relpersistence = 'u' then ' UNLOGGED' else ' LOGGED' end,
                                               s.seqstart, s.seqincrement, s.seqmin, s.seqmax, s.seqcache,
                                               case when s.seqcycle then ' CYCLE' else '' end)
                                   from pg_depend d join pg_class sc on sc.oid = d.objid
                                   join pg_namespace sn on sn.oid = sc.relnamespace
                                   join pg_sequence s on s.seqrelid = sc.oid
                                  where a.attidentity <> '' and d.classid = 'pg_class'::regclass
                                    and d.refclassid = 'pg_class'::regclass and d.refobjid = c.oid
                                    and d.refobjsubid = a.attnum and d.deptype = 'i'),
           -- [the sequence's name, its comment]; its privileges are SystemPrivileges'
           'identity_comment', (select jsonb_build_array(format('%I.%I', sn.nspname, sc.relname), obj_description(sc.oid, 'pg_class'))::text
                                  from pg_depend d join pg_class sc on sc.oid = d.objid
                                  join pg_namespace sn on sn.oid = sc.relnamespace
                                 where a.attidentity <> '' and d.classid = 'pg_class'::regclass
                                   and d.refclassid = 'pg_class'::regclass and d.refobjid = c.oid
                                   and d.refobjsubid = a.attnum and d.deptype = 'i' and obj_description(sc.oid, 'pg_class') is not null),
           'storage', case when a.attstorage <> t.typstorage then a.attstorage::text end,
           -- -1 (up to 16) or null (17 on) is the default target
           'statistics', case when coalesce(a.attstattarget, -1) >= 0 then a.attstattarget::text end,
           -- attcompression exists from PostgreSQL 14 on; read through the row so the query also runs on 13
           'compression', case row_to_json(a)::jsonb ->> 'attcompression' when 'p' then 'pglz' when 'l' then 'lz4' end,
           'comment', col_description(c.oid, a.attnum),
           'acl', (select jsonb_agg(jsonb_build_array(case when a.grantee = 0 then 'PUBLIC' else quote_ident(pg_get_userbyid(a.grantee)) end,
                                            a.privilege_type, a.is_grantable)
                           order by a.grantee, a.privilege_type) from aclexplode(a.attacl) a)::text))
  from pg_attribute a
  join pg_class c on c.oid = a.attrelid
  join pg_namespace n on n.oid = c.relnamespace
  join pg_type t on t.oid = a.atttypid
  left join pg_attrdef ad on ad.adrelid = a.attrelid and ad.adnum = a.attnum
 where c.relkind in ('r', 'p')
   and a.attnum > 0 and not a.attisdropped
   -- columns of partitions and inherited columns come from the parent
   and not c.relispartition and a.attislocal
   and n.nspname not in ('pg_catalog', 'information_schema', 'pgcarry')
   and n.nspname !~ '^pg_(toast|temp_)'
   and not exists (select 1 from pg_depend e where e.classid = 'pg_class'::regclass and e.objid = c.oid and e.deptype = 'e')

-- name: constraints
select 'CONSTRAINT', n.nspname, k.conname, c.relname,
       array['pg_constraint:' || k.oid || ':0']
         || case when k.contype in ('p', 'u', 'x') then array['pg_class:' || k.conindid || ':0'] else '{}' end,
       jsonb_strip_nulls(jsonb_build_object(
           'type', case k.contype when 'p' then 'primary key' when 'u' then 'unique' when 'f' then 'foreign key'
                                  when 'c' then 'check' when 'x' then 'exclusion' else k.contype::text end,
           'definition', /* constraint-definition(k) */ null,
           'not_valid', case when not k.convalidated then 'true' end,
           'clustered', (select case when x.indisclustered then 'true' end from pg_index x
                          where x.indexrelid = k.conindid and k.contype in ('p', 'u', 'x')),
           'replica_identity', (select case when x.indisreplident then 'true' end from pg_index x
                                 where x.indexrelid = k.conindid and k.contype in ('p', 'u', 'x')),
           'comment', obj_description(k.oid, 'pg_constraint'),
           -- The structure loads need, read here so that nothing parses the definition again (not compared by diff:
           -- the definition says it all). Key and referenced columns, quoted, in key order:
           'columns', (select jsonb_agg(quote_ident(a.attname) order by o.n)::text
                         from unnest(k.conkey) with ordinality o(attnum, n)
                         join pg_attribute a on a.attrelid = k.conrelid and a.attnum = o.attnum
                        where k.contype in ('p', 'u', 'f')),
           'references', (select format('%I.%I', rn.nspname, r.relname) from pg_class r
                            join pg_namespace rn on rn.oid = r.relnamespace where r.oid = k.confrelid),
           'ref_columns', (select jsonb_agg(quote_ident(a.attname) order by o.n)::text
                             from unnest(k.confkey) with ordinality o(attnum, n)
                             join pg_attribute a on a.attrelid = k.confrelid and a.attnum = o.attnum),
           -- A key that can be added in two steps (see io.pgcarry.catalog.KeySteps): its index, then the clause that
           -- makes it the key.
           'index_definition', case when k.attach is not null then pg_get_indexdef(k.conindid) end,
           'attach', k.attach))
  from (select k.*, /* key-attach(k) */ null as attach from pg_constraint k) k
  join pg_class c on c.oid = k.conrelid
  join pg_namespace n on n.oid = c.relnamespace
 where c.relkind in ('r', 'p')
   and k.contype in ('p', 'u', 'f', 'c', 'x')
   and k.conparentid = 0 and k.conislocal
   and n.nspname not in ('pg_catalog', 'information_schema', 'pgcarry')
   and n.nspname !~ '^pg_(toast|temp_)'
   and not exists (select 1 from pg_depend e where e.classid = 'pg_class'::regclass and e.objid = c.oid and e.deptype = 'e')

-- name: indexes
select 'INDEX', n.nspname, i.relname, c.relname,
       array['pg_class:' || i.oid || ':0'],
       jsonb_strip_nulls(jsonb_build_object(
           -- an index on a partitioned table is created on its partitions too, as a plain CREATE INDEX does
           'definition', replace(pg_get_indexdef(i.oid), ' ON ONLY ', ' ON '),
           'clustered', case when x.indisclustered then 'true' end,
           'replica_identity', case when x.indisreplident then 'true' end,
           'comment', obj_description(i.oid, 'pg_class')))
  from pg_index x
  join pg_class i on i.oid = x.indexrelid
  join pg_class c on c.oid = x.indrelid
  join pg_namespace n on n.oid = c.relnamespace
 where c.relkind in ('r', 'p', 'm')
   and not i.relispartition
   and not exists (select 1 from pg_constraint k where k.conindid = x.indexrelid and k.conrelid = x.indrelid
                   and k.contype in ('p', 'u', 'x'))
   and n.nspname not in ('pg_catalog', 'information_schema', 'pgcarry')
   and n.nspname !~ '^pg_(toast|temp_)'
   and not exists (select 1 from pg_depend e where e.classid = 'pg_class'::regclass and e.objid = c.oid and e.deptype = 'e')

-- name: views
select case when c.relkind = 'm' then 'MATERIALIZED_VIEW' else 'VIEW' end, n.nspname, c.relname, null::text,
       array['pg_class:' || c.oid || ':0', 'pg_type:' || c.reltype || ':0']
         || coalesce((select array_agg('pg_rewrite:' || r.oid || ':0') from pg_rewrite r
                       where r.ev_class = c.oid and r.rulename = '_RETURN'), '{}'),
       jsonb_strip_nulls(jsonb_build_object(
           'definition', pg_get_viewdef(c.oid),
           'unpopulated', case when c.relkind = 'm' and not c.relispopulated then 'true' end,
           'options', array_to_string(c.reloptions, ', '),
           'comment', obj_description(c.oid, 'pg_class'),
           'owner', pg_get_userbyid(c.relowner),
           'acl', (select jsonb_agg(jsonb_build_array(case when a.grantee = 0 then 'PUBLIC' else quote_ident(pg_get_userbyid(a.grantee)) end,
                                            a.privilege_type, a.is_grantable)
                           order by a.grantee, a.privilege_type) from aclexplode(c.relacl) a)::text))
  from pg_class c
  join pg_namespace n on n.oid = c.relnamespace
 where c.relkind in ('v', 'm')
   and n.nspname not in ('pg_catalog', 'information_schema', 'pgcarry')
   and not exists (select 1 from pg_depend e where e.classid = 'pg_class'::regclass and e.objid = c.oid and e.deptype = 'e')

-- name: triggers
select 'TRIGGER', n.nspname, g.tgname, c.relname,
       array['pg_trigger:' || g.oid || ':0'],
       jsonb_strip_nulls(jsonb_build_object(
           'definition', pg_get_triggerdef(g.oid),
           'enabled', case g.tgenabled when 'D' then 'disabled' when 'R' then 'replica' when 'A' then 'always' end,
           'comment', obj_description(g.oid, 'pg_trigger')))
  from pg_trigger g
  join pg_class c on c.oid = g.tgrelid
  join pg_namespace n on n.oid = c.relnamespace
 where not g.tgisinternal and g.tgparentid = 0
   and n.nspname not in ('pg_catalog', 'information_schema', 'pgcarry')
   and not exists (select 1 from pg_depend e where e.classid = 'pg_class'::regclass and e.objid = c.oid and e.deptype = 'e')

-- name: policies
select 'POLICY', n.nspname, p.polname, c.relname,
       array['pg_policy:' || p.oid || ':0'],
       jsonb_strip_nulls(jsonb_build_object(
           'command', case p.polcmd when 'r' then 'SELECT' when 'a' then 'INSERT' when 'w' then 'UPDATE'
                                    when 'd' then 'DELETE' else 'ALL' end,
           'permissive', case when p.polpermissive then 'PERMISSIVE' else 'RESTRICTIVE' end,
           'roles', (select string_agg(case when r = 0 then 'PUBLIC' else quote_ident(pg_get_userbyid(r)) end, ', ' order by 1)
                       from unnest(p.polroles) r),
           'using', pg_get_expr(p.polqual, p.polrelid),
           'with_check', pg_get_expr(p.polwithcheck, p.polrelid),
           'comment', obj_description(p.oid, 'pg_policy')))
  from pg_policy p
  join pg_class c on c.oid = p.polrelid
  join pg_namespace n on n.oid = c.relnamespace
 where n.nspname not in ('pg_catalog', 'information_schema', 'pgcarry')

-- name: ranges
select 'RANGE', n.nspname, t.typname, null::text,
       array['pg_type:' || t.oid || ':0', 'pg_type:' || t.typarray || ':0']
         -- the multirange type (14 on) and its array come with the range type
         || coalesce((select array['pg_type:' || m.oid || ':0', 'pg_type:' || m.typarray || ':0'] from pg_type m
                       where m.oid = (row_to_json(r)::jsonb ->> 'rngmultitypid')::oid), '{}'),
       jsonb_strip_nulls(jsonb_build_object(
           'subtype', format_type(r.rngsubtype, null),
           'subtype_opclass', (select format('%I.%I', cn.nspname, c.opcname) from pg_opclass c
                                 join pg_namespace cn on cn.oid = c.opcnamespace
                                where c.oid = r.rngsubopc and not c.opcdefault),
           'collation', (select format('%I.%I', cn.nspname, co.collname) from pg_collation co
                           join pg_namespace cn on cn.oid = co.collnamespace join pg_type st on st.oid = r.rngsubtype
                          where co.oid = r.rngcollation and r.rngcollation <> st.typcollation),
           'subtype_diff', case when r.rngsubdiff <> 0 then r.rngsubdiff::regproc::text end,
           -- a canonical function takes the range type: the type is first declared as a shell (BaseTypes)
           'canonical', case when r.rngcanonical <> 0 then r.rngcanonical::regproc::text end,
           -- the multirange type (14 on) when it is not named as CREATE TYPE names it by default ("range" becomes
           -- "multirange", else "_multirange" is appended, in the range's schema)
           'multirange', (select format('%I.%I', mn.nspname, m.typname) from pg_type m join pg_namespace mn on mn.oid = m.typnamespace
                           where m.oid = (row_to_json(r)::jsonb ->> 'rngmultitypid')::oid
                             and (m.typnamespace <> t.typnamespace
                                  or m.typname <> case when strpos(t.typname, 'range') > 0
                                                       then overlay(t.typname placing 'multirange' from strpos(t.typname, 'range') for 5)
                                                       else t.typname || '_multirange' end)),
           'comment', obj_description(t.oid, 'pg_type'),
           'owner', pg_get_userbyid(t.typowner),
           'acl', (select jsonb_agg(jsonb_build_array(case when a.grantee = 0 then 'PUBLIC' else quote_ident(pg_get_userbyid(a.grantee)) end,
                                            a.privilege_type, a.is_grantable)
                           order by a.grantee, a.privilege_type) from aclexplode(t.typacl) a)::text))
  from pg_type t
  join pg_range r on r.rngtypid = t.oid
  join pg_namespace n on n.oid = t.typnamespace
 where t.typtype = 'r'
   and n.nspname not in ('pg_catalog', 'information_schema', 'pgcarry')
   and not exists (select 1 from pg_depend e where e.classid = 'pg_type'::regclass and e.objid = t.oid and e.deptype = 'e')

-- name: aggregates
select 'AGGREGATE', n.nspname, p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')', null::text,
       array['pg_proc:' || p.oid || ':0'],
       jsonb_strip_nulls(jsonb_build_object(
           'definition', format('CREATE AGGREGATE %I.%I(%s) (%s)', n.nspname, p.proname, coalesce(nullif(pg_get_function_arguments(p.oid), ''), '*'), concat_ws(', ',
               'SFUNC = ' || a.aggtransfn::regproc::text,
               'STYPE = ' || format_type(a.aggtranstype, null),
               case when a.aggtransspace <> 0 then 'SSPACE = ' || a.aggtransspace end,
               case when a.aggfinalfn <> 0 then 'FINALFUNC = ' || a.aggfinalfn::regproc::text end,
               case when a.aggfinalextra then 'FINALFUNC_EXTRA' end,
               -- READ_ONLY is the default of ordinary aggregates, READ_WRITE of ordered-set and hypothetical-set ones
               case a.aggfinalmodify when 's' then 'FINALFUNC_MODIFY = SHAREABLE' when 'w' then 'FINALFUNC_MODIFY = READ_WRITE'
                                     else case when a.aggkind <> 'n' then 'FINALFUNC_MODIFY = READ_ONLY' end end,
               case when a.aggcombinefn <> 0 then 'COMBINEFUNC = ' || a.aggcombinefn::regproc::text end,
               case when a.aggserialfn <> 0 then 'SERIALFUNC = ' || a.aggserialfn::regproc::text end,
               case when a.aggdeserialfn <> 0 then 'DESERIALFUNC = ' || a.aggdeserialfn::regproc::text end,
               case when a.agginitval is not null then 'INITCOND = ' || quote_literal(a.agginitval) end,
               case when a.aggmtransfn <> 0 then 'MSFUNC = ' || a.aggmtransfn::regproc::text end,
               case when a.aggminvtransfn <> 0 then 'MINVFUNC = ' || a.aggminvtransfn::regproc::text end,
               case when a.aggmtranstype <> 0 then 'MSTYPE = ' || format_type(a.aggmtranstype, null) end,
               case when a.aggmtransspace <> 0 then 'MSSPACE = ' || a.aggmtransspace end,
               case when a.aggmfinalfn <> 0 then 'MFINALFUNC = ' || a.aggmfinalfn::regproc::text end,
               case when a.aggmfinalextra then 'MFINALFUNC_EXTRA' end,
               case a.aggmfinalmodify when 's' then 'MFINALFUNC_MODIFY = SHAREABLE' when 'w' then 'MFINALFUNC_MODIFY = READ_WRITE' end,
               case when a.aggminitval is not null then 'MINITCOND = ' || quote_literal(a.aggminitval) end,
               case when a.aggsortop <> 0 then 'SORTOP = OPERATOR(' || a.aggsortop::regoper::text || ')' end,
               case when a.aggkind = 'h' then 'HYPOTHETICAL' end,
               case p.proparallel when 's' then 'PARALLEL = SAFE' when 'r' then 'PARALLEL = RESTRICTED' end)),
           'comment', obj_description(p.oid, 'pg_proc'),
           'owner', pg_get_userbyid(p.proowner),
           'acl', (select jsonb_agg(jsonb_build_array(case when x.grantee = 0 then 'PUBLIC' else quote_ident(pg_get_userbyid(x.grantee)) end,
                                            x.privilege_type, x.is_grantable)
                           order by x.grantee, x.privilege_type) from aclexplode(p.proacl) x)::text))
  from pg_proc p
  join pg_aggregate a on a.aggfnoid = p.oid
  join pg_namespace n on n.oid = p.pronamespace
 -- ordinary, ordered-set (their arguments print ORDER BY) and hypothetical-set aggregates
 where p.prokind = 'a'
   and n.nspname not in ('pg_catalog', 'information_schema', 'pgcarry')
   and not exists (select 1 from pg_depend e where e.classid = 'pg_proc'::regclass and e.objid = p.oid and e.deptype = 'e')

-- name: rules
select 'RULE', n.nspname, r.rulename, c.relname,
       array['pg_rewrite:' || r.oid || ':0'],
       jsonb_strip_nulls(jsonb_build_object(
           'definition', pg_get_ruledef(r.oid),
           'enabled', case r.ev_enabled when 'D' then 'disabled' when 'R' then 'replica' when 'A' then 'always' end,
           'comment', obj_description(r.oid, 'pg_rewrite')))
  from pg_rewrite r
  join pg_class c on c.oid = r.ev_class
  join pg_namespace n on n.oid = c.relnamespace
 where r.rulename <> '_RETURN'
   and n.nspname not in ('pg_catalog', 'information_schema', 'pgcarry')
   and not exists (select 1 from pg_depend e where e.classid = 'pg_class'::regclass and e.objid = c.oid and e.deptype = 'e')

-- name: statistics
select 'STATISTICS', n.nspname, s.stxname, null::text,
       array['pg_statistic_ext:' || s.oid || ':0'],
       jsonb_strip_nulls(jsonb_build_object(
           'definition', pg_get_statisticsobjdef(s.oid),
           -- -1 (up to 16) or null (17 on) is the default target
           'statistics', case when coalesce(s.stxstattarget, -1) >= 0 then s.stxstattarget::text end,
           'comment', obj_description(s.oid, 'pg_statistic_ext'),
           'owner', pg_get_userbyid(s.stxowner)))
  from pg_statistic_ext s
  join pg_namespace n on n.oid = s.stxnamespace
 where n.nspname not in ('pg_catalog', 'information_schema', 'pgcarry')
   and not exists (select 1 from pg_depend e where e.classid = 'pg_statistic_ext'::regclass and e.objid = s.oid and e.deptype = 'e')

-- name: dependencies
select d.classid::regclass::text || ':' || d.objid || ':' || d.objsubid,
       d.refclassid::regclass::text || ':' || d.refobjid || ':' || d.refobjsubid
  from pg_depend d
 where d.deptype in ('n', 'a') and d.objid >= 16384 and d.refobjid >= 16384

-- name: unmodelled
-- What exists but the model does not carry: objects (pg_dump's kinds for PostgreSQL 13 to 17) and attributes the
-- script would not reproduce. Extension members come with CREATE EXTENSION and are never listed.
-- Returns kind, name (as a user would write it).
select o.kind, o.name from (
  -- foreign tables are modelled, except in an inheritance tree or as a partition: a parent's rows would be read from,
  -- and loaded into, the remote side
  select 'foreign table in an inheritance tree' as kind, format('%I.%I', n.nspname, c.relname) as name, 'pg_class'::regclass cls,
         c.oid, n.nspname
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
   where c.relkind = 'f' and exists (select 1 from pg_inherits i where i.inhrelid = c.oid or i.inhparent = c.oid)
  union all
  -- user mappings are modelled; their options only when this role may read them (the rule of pg_user_mappings)
  select 'user mapping options this role cannot read', format('for %s server %I', case when u.umuser = 0 then 'PUBLIC' else quote_ident(u.usename) end,
                                u.srvname), 'pg_user_mapping'::regclass, u.umid, null
    from pg_user_mappings u join pg_foreign_server s on s.oid = u.srvid
   where not (u.umuser <> 0 and u.umuser = (select oid from pg_roles where rolname = current_user)
              and (pg_has_role(s.srvowner, 'USAGE') or has_server_privilege(s.oid, 'USAGE'))
              or u.umuser = 0 and pg_has_role(s.srvowner, 'USAGE')
              or (select rolsuper from pg_roles where rolname = current_user))
  -- subscriptions are modelled; those this role cannot read, or whose connection string holds a password, are refused
  -- by SubscriptionCatalog
  -- large objects are data, not schema (pg_dump --schema-only leaves them out): move, clone, backup and validate carry
  -- them (io.pgcarry.largeobject)
  -- security labels are held by the objects they label; those of objects not read are listed by SecurityLabels
  -- attributes the script does not reproduce
  union all
  select 'tablespace', format('%I.%I in %I', n.nspname, c.relname, s.spcname), 'pg_class'::regclass, c.oid, n.nspname
    from pg_class c join pg_namespace n on n.oid = c.relnamespace join pg_tablespace s on s.oid = c.reltablespace
   where c.relkind in ('r', 'p', 'm', 'i', 'I')
  union all
  -- LocalAttributes carries a partition's own expression and a child's local column; pg_get_expr prints column names,
  -- so a child's expression compares with its parent's as text
  select 'inherited generated column with its own expression', format('%I.%I.%I', n.nspname, c.relname, a.attname),
         'pg_class'::regclass, c.oid, n.nspname
    from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
    join pg_attrdef d on d.adrelid = c.oid and d.adnum = a.attnum
   where a.attinhcount > 0 and a.attgenerated = 's' and not a.attislocal and not c.relispartition
     and exists (select 1 from pg_inherits i join pg_attribute pa on pa.attrelid = i.inhparent and pa.attname = a.attname
                   join pg_attrdef pd on pd.adrelid = pa.attrelid and pd.adnum = pa.attnum
                  where i.inhrelid = c.oid and pg_get_expr(pd.adbin, pd.adrelid) <> pg_get_expr(d.adbin, d.adrelid))
  union all
  select 'comment on a constraint''s index', format('%I.%I', n.nspname, i.relname), 'pg_class'::regclass, i.oid, n.nspname
    from pg_constraint k join pg_class i on i.oid = k.conindid join pg_namespace n on n.oid = i.relnamespace
   -- LocalAttributes carries it for the keys the model holds: not those a partition or child takes from its parent
   where k.contype in ('p', 'u', 'x') and obj_description(i.oid, 'pg_class') is not null
     and (k.conparentid <> 0 or not k.conislocal)
) o
where coalesce(o.nspname, '') not in ('pg_catalog', 'information_schema', 'pgcarry') and coalesce(o.nspname, '') !~ '^pg_(toast|temp_)'
  and not exists (select 1 from pg_depend e where e.classid = o.cls and e.objid = o.oid and e.deptype = 'e')
order by 1, 2
