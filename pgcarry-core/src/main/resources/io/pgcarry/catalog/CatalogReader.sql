-- Catalog queries of CatalogReader. Objects of extensions (but for their configuration tables and sequences),
-- system schemas and pgcarry's own journal schema are left out. Every query works from PostgreSQL 13 on.

-- name: tables
select n.nspname, c.relname, c.relkind = 'p', pg_get_userbyid(c.relowner),
       greatest(c.reltuples, 0)::bigint,
       case when c.relkind = 'p'
            then coalesce((select sum(pg_table_size(p.relid)) from pg_partition_tree(c.oid) p), 0)::bigint
            else pg_table_size(c.oid) end,
       coalesce((select array_agg(a.attname order by k.ord)
                   from pg_constraint pk
                   cross join lateral unnest(pk.conkey) with ordinality k(attnum, ord)
                   join pg_attribute a on a.attrelid = pk.conrelid and a.attnum = k.attnum
                  where pk.conrelid = c.oid and pk.contype = 'p'), '{}'),
       -- an extension's configuration table: the filter of its user rows ('' for all), null for other tables
       (select coalesce(x.extcondition[array_position(x.extconfig, c.oid)], '')
          from pg_extension x where c.oid = any (x.extconfig) limit 1)
  from pg_class c
  join pg_namespace n on n.oid = c.relnamespace
 where c.relkind in ('r', 'p')
   and not c.relispartition
   and n.nspname not in ('pg_catalog', 'information_schema', 'pgcarry')
   and n.nspname not like 'pg\_toast%' and n.nspname not like 'pg\_temp%'
   and (not exists (select 1 from pg_depend d where d.classid = 'pg_class'::regclass and d.objid = c.oid and d.deptype = 'e')
        or exists (select 1 from pg_extension x where c.oid = any (x.extconfig)))
 order by 1, 2

-- name: columns
select n.nspname, c.relname, a.attname, a.attnum,
       format_type(a.atttypid, a.atttypmod),
       -- a domain is described by its base type (its own name stays in the formatted type above)
       coalesce(dn.nspname, tn.nspname), coalesce(dt.typname, t.typname),
       case when et.oid is not null then et.typtype else t.typtype end,
       coalesce(et.oid, t.oid) < 16384,
       t.typcategory = 'A',
       a.attnotnull,
       pg_get_expr(ad.adbin, ad.adrelid),
       a.attidentity,
       a.attgenerated = 's',
       case when coalesce(et.oid, t.oid) in ('varchar'::regtype, 'bpchar'::regtype) and a.atttypmod > 4
            then a.atttypmod - 4 end,
       case when coalesce(et.oid, t.oid) = 'numeric'::regtype and a.atttypmod > 4
            then ((a.atttypmod - 4) >> 16) & 65535 end,
       case when coalesce(et.oid, t.oid) = 'numeric'::regtype and a.atttypmod > 4
            then (a.atttypmod - 4) & 65535 end,
       -- aclitem has no binary send and receive functions: such a column can only be copied as text
       coalesce(et.typsend, dt.typsend, t.typsend) <> 0 and coalesce(et.typreceive, dt.typreceive, t.typreceive) <> 0
  from pg_attribute a
  join pg_class c on c.oid = a.attrelid
  join pg_namespace n on n.oid = c.relnamespace
  join pg_type t on t.oid = a.atttypid
  join pg_namespace tn on tn.oid = t.typnamespace
  left join pg_type et on et.oid = t.typelem and t.typcategory = 'A'
  left join pg_type dt on dt.oid = t.typbasetype and t.typtype = 'd'
  left join pg_namespace dn on dn.oid = dt.typnamespace
  left join pg_attrdef ad on ad.adrelid = a.attrelid and ad.adnum = a.attnum
 where c.relkind in ('r', 'p') and not c.relispartition
   and a.attnum > 0 and not a.attisdropped
   and n.nspname not in ('pg_catalog', 'information_schema', 'pgcarry')
   and n.nspname not like 'pg\_toast%' and n.nspname not like 'pg\_temp%'
 order by n.nspname, c.relname, a.attnum

-- name: constraints
select n.nspname, c.relname, k.conname, k.contype,
       coalesce((select array_agg(a.attname order by u.ord)
                   from unnest(k.conkey) with ordinality u(attnum, ord)
                   join pg_attribute a on a.attrelid = k.conrelid and a.attnum = u.attnum), '{}'),
       rn.nspname, r.relname,
       coalesce((select array_agg(a.attname order by u.ord)
                   from unnest(k.confkey) with ordinality u(attnum, ord)
                   join pg_attribute a on a.attrelid = k.confrelid and a.attnum = u.attnum), '{}'),
       /* constraint-definition(k) */ null,
       k.convalidated
  from pg_constraint k
  join pg_class c on c.oid = k.conrelid
  join pg_namespace n on n.oid = c.relnamespace
  left join pg_class r on r.oid = k.confrelid
  left join pg_namespace rn on rn.oid = r.relnamespace
 where c.relkind in ('r', 'p') and not c.relispartition
   and k.conparentid = 0
   and n.nspname not in ('pg_catalog', 'information_schema', 'pgcarry')
   and n.nspname not like 'pg\_toast%'
 order by 1, 2, 3

-- name: indexes
select n.nspname, c.relname, i.relname, pg_get_indexdef(x.indexrelid), x.indisunique,
       exists (select 1 from pg_constraint k where k.conindid = x.indexrelid and k.conrelid = x.indrelid
               and k.contype in ('p', 'u', 'x'))
  from pg_index x
  join pg_class i on i.oid = x.indexrelid
  join pg_class c on c.oid = x.indrelid
  join pg_namespace n on n.oid = c.relnamespace
 where c.relkind in ('r', 'p') and not c.relispartition
   and not i.relispartition
   and n.nspname not in ('pg_catalog', 'information_schema', 'pgcarry')
   and n.nspname not like 'pg\_toast%'
 order by 1, 2, 3

-- name: sequences
select n.nspname, s.relname, tn.nspname, t.relname, a.attname
  from pg_class s
  join pg_namespace n on n.oid = s.relnamespace
  left join pg_depend d on d.classid = 'pg_class'::regclass and d.objid = s.oid
        and d.refclassid = 'pg_class'::regclass and d.deptype in ('a', 'i')
  left join pg_class t on t.oid = d.refobjid
  left join pg_namespace tn on tn.oid = t.relnamespace
  left join pg_attribute a on a.attrelid = d.refobjid and a.attnum = d.refobjsubid
 where s.relkind = 'S'
   and n.nspname not in ('pg_catalog', 'information_schema', 'pgcarry')
   -- an extension's sequences come with it, but for those it marked as configuration (their value is user data)
   and (not exists (select 1 from pg_depend e where e.classid = 'pg_class'::regclass and e.objid = s.oid and e.deptype = 'e')
        or exists (select 1 from pg_extension x where s.oid = any (x.extconfig)))
 order by 1, 2

-- name: enums
select n.nspname, t.typname, array_agg(e.enumlabel order by e.enumsortorder)
  from pg_type t
  join pg_namespace n on n.oid = t.typnamespace
  join pg_enum e on e.enumtypid = t.oid
 where n.nspname not in ('pg_catalog', 'information_schema')
 group by 1, 2
 order by 1, 2

-- name: triggers
select n.nspname, c.relname, g.tgname, g.tgenabled
  from pg_trigger g
  join pg_class c on c.oid = g.tgrelid
  join pg_namespace n on n.oid = c.relnamespace
 where not g.tgisinternal
   and g.tgparentid = 0
   and c.relkind in ('r', 'p') and not c.relispartition
   and n.nspname not in ('pg_catalog', 'information_schema', 'pgcarry')
 order by 1, 2, 3
