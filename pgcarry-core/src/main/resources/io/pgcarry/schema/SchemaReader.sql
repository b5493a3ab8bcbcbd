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

-- name: tables
select 'TABLE', n.nspname, c.relname, null::text,
       array['pg_class:' || c.oid || ':0', 'pg_type:' || c.reltype || ':0', 'pg_type:' || rt.typarray || ':0'],
       jsonb_strip_nulls(jsonb_build_object(
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
 where c.relkind in ('r', 'p') and c.reloftype = 0
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
           'not_null', case when a.attnotnull then 'true' end,
           'identity', case a.attidentity when 'a' then 'always' when 'd' then 'by default' end,
           'identity_sequence', (select format('SEQUENCE NAME %I.%I START WITH %s INCREMENT BY %s MINVALUE %s MAXVALUE %s CACHE %s%s',
                                               sn.nspname, sc.relname, s.seqstart, s.seqincrement, s.seqmin, s.seqmax, s.seqcache,
                                               case when s.seqcycle then ' CYCLE' else '' end)
                                   from pg_depend d join pg_class sc on sc.oid = d.objid
                                   join pg_namespace sn on sn.oid = sc.relnamespace
                                   join pg_sequence s on s.seqrelid = sc.oid
                                  where a.attidentity <> '' and d.classid = 'pg_class'::regclass
                                    and d.refclassid = 'pg_class'::regclass and d.refobjid = c.oid
                                    and d.refobjsubid = a.attnum and d.deptype = 'i'),
           'storage', case when a.attstorage <> t.typstorage then a.attstorage::text end,
           'comment', col_description(c.oid, a.attnum),
           'acl', (select jsonb_agg(jsonb_build_array(case when a.grantee = 0 then 'PUBLIC' else quote_ident(pg_get_userbyid(a.grantee)) end,
                                            a.privilege_type, a.is_grantable)
                           order by a.grantee, a.privilege_type) from aclexplode(a.attacl) a)::text))
  from pg_attribute a
  join pg_class c on c.oid = a.attrelid
  join pg_namespace n on n.oid = c.relnamespace
  join pg_type t on t.oid = a.atttypid
  left join pg_attrdef ad on ad.adrelid = a.attrelid and ad.adnum = a.attnum
 where c.relkind in ('r', 'p') and c.reloftype = 0
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
           'definition', pg_get_constraintdef(k.oid),
           'not_valid', case when not k.convalidated then 'true' end,
           'comment', obj_description(k.oid, 'pg_constraint')))
  from pg_constraint k
  join pg_class c on c.oid = k.conrelid
  join pg_namespace n on n.oid = c.relnamespace
 where c.relkind in ('r', 'p') and c.reloftype = 0
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
           'comment', obj_description(i.oid, 'pg_class')))
  from pg_index x
  join pg_class i on i.oid = x.indexrelid
  join pg_class c on c.oid = x.indrelid
  join pg_namespace n on n.oid = c.relnamespace
 where c.relkind in ('r', 'p', 'm') and c.reloftype = 0
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

-- name: dependencies
select d.classid::regclass::text || ':' || d.objid || ':' || d.objsubid,
       d.refclassid::regclass::text || ':' || d.refobjid || ':' || d.refobjsubid
  from pg_depend d
 where d.deptype in ('n', 'a') and d.objid >= 16384 and d.refobjid >= 16384

-- name: unmodelled
select o.kind, o.name from (
  select 'aggregate' as kind, format('%I.%I(%s)', n.nspname, p.proname, pg_get_function_identity_arguments(p.oid)) as name,
         'pg_proc'::regclass cls, p.oid
    from pg_proc p join pg_namespace n on n.oid = p.pronamespace where p.prokind = 'a'
  union all
  select case t.typtype when 'r' then 'range type' when 'm' then 'multirange type' else 'base type' end,
         format('%I.%I', n.nspname, t.typname), 'pg_type'::regclass, t.oid
    from pg_type t join pg_namespace n on n.oid = t.typnamespace
   where t.typtype in ('b', 'r') and t.oid >= 16384 and t.typcategory <> 'A'
  union all
  select case c.relkind when 'f' then 'foreign table' else 'typed table' end, format('%I.%I', n.nspname, c.relname),
         'pg_class'::regclass, c.oid
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
   where c.relkind = 'f' or (c.relkind in ('r', 'p') and c.reloftype <> 0)
  union all
  select 'rule', format('%I on %I.%I', r.rulename, n.nspname, c.relname), 'pg_rewrite'::regclass, r.oid
    from pg_rewrite r join pg_class c on c.oid = r.ev_class join pg_namespace n on n.oid = c.relnamespace
   where r.rulename <> '_RETURN' and r.oid >= 16384 and n.nspname not in ('pg_catalog', 'information_schema', 'pgcarry')
  union all
  select 'statistics object', format('%I.%I', n.nspname, s.stxname), 'pg_statistic_ext'::regclass, s.oid
    from pg_statistic_ext s join pg_namespace n on n.oid = s.stxnamespace
  union all
  select 'collation', format('%I.%I', n.nspname, c.collname), 'pg_collation'::regclass, c.oid
    from pg_collation c join pg_namespace n on n.oid = c.collnamespace where c.oid >= 16384
  union all
  select 'operator', format('%I.%s', n.nspname, o.oprname), 'pg_operator'::regclass, o.oid
    from pg_operator o join pg_namespace n on n.oid = o.oprnamespace where o.oid >= 16384
  union all
  select 'text search configuration', format('%I.%I', n.nspname, c.cfgname), 'pg_ts_config'::regclass, c.oid
    from pg_ts_config c join pg_namespace n on n.oid = c.cfgnamespace where c.oid >= 16384
  union all
  select 'event trigger', quote_ident(e.evtname), 'pg_event_trigger'::regclass, e.oid from pg_event_trigger e
  union all
  select 'publication', quote_ident(p.pubname), 'pg_publication'::regclass, p.oid from pg_publication p
  union all
  select 'cast', format('%s AS %s', c.castsource::regtype, c.casttarget::regtype), 'pg_cast'::regclass, c.oid
    from pg_cast c where c.oid >= 16384
) o
where o.name not like 'pg\_catalog.%' and o.name not like 'information\_schema.%' and o.name not like 'pgcarry.%'
  and not exists (select 1 from pg_depend e where e.classid = o.cls and e.objid = o.oid and e.deptype = 'e')
order by 1, 2
