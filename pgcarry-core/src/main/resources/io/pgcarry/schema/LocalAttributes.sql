-- Catalog queries of LocalAttributes: attributes an object holds beyond what its CREATE gives it, read after the
-- object queries of SchemaReader.sql and merged into the objects they name. Same shape as those queries:
--   kind, schema, name, parent, addresses (pg_depend may use them for the object), attributes (jsonb).
-- Every query works from PostgreSQL 13 on.

-- name: inherited_columns
-- Columns a table takes from its parent (every column of a partition, a child's inherited columns that it does not
-- declare itself): a default other than the parent's (null: none where the parent has one), NOT NULL where no parent
-- has it, (16 on) a partition's own generation expression, and the storage, compression (14 on) and statistics target
-- of the column. A partition or child takes its parent's storage and compression when it is created, whenever the
-- script sets its parent's (with ONLY), so they are stated where they differ from the parent's or from the type's
-- default; the statistics target is never taken, so it is stated where set.
with inherited as (
  select c.oid as relid, n.nspname, c.relname, a.attnum, a.attname, a.attgenerated, a.attnotnull, d.oid as defoid,
         pg_get_expr(d.adbin, d.adrelid) as own,
         (select pg_get_expr(pd.adbin, pd.adrelid) from pg_inherits i
            join pg_attribute pa on pa.attrelid = i.inhparent and pa.attname = a.attname
            join pg_attrdef pd on pd.adrelid = pa.attrelid and pd.adnum = pa.attnum
           where i.inhrelid = c.oid order by i.inhseqno limit 1) as parents,
         exists (select 1 from pg_inherits i join pg_attribute pa on pa.attrelid = i.inhparent and pa.attname = a.attname
                  where i.inhrelid = c.oid and pa.attnotnull) as parent_not_null,
         case when a.attstorage <> t.typstorage or a.attstorage <> parent.attstorage then a.attstorage::text end as storage,
         -- attcompression exists from PostgreSQL 14 on; read through the row so the query also runs on 13
         case when coalesce(row_to_json(a)::jsonb ->> 'attcompression', '') <> ''
                   or coalesce(row_to_json(a)::jsonb ->> 'attcompression', '') <> coalesce(parent.compression, '')
              then case row_to_json(a)::jsonb ->> 'attcompression' when 'p' then 'pglz' when 'l' then 'lz4' else 'default' end
         end as compression,
         -- -1 (up to 16) or null (17 on) is the default target
         case when coalesce(a.attstattarget, -1) >= 0 then a.attstattarget::text end as statistics
    from pg_attribute a
    join pg_class c on c.oid = a.attrelid
    join pg_namespace n on n.oid = c.relnamespace
    join pg_type t on t.oid = a.atttypid
    left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
    left join lateral (select pa.attstorage, row_to_json(pa)::jsonb ->> 'attcompression' as compression
                         from pg_inherits i join pg_attribute pa on pa.attrelid = i.inhparent and pa.attname = a.attname
                        where i.inhrelid = c.oid order by i.inhseqno limit 1) parent on true
   where c.relkind in ('r', 'p') and a.attnum > 0 and not a.attisdropped
     and (c.relispartition or not a.attislocal)
     and n.nspname not in ('pg_catalog', 'information_schema', 'pgcarry')
     and n.nspname !~ '^pg_(toast|temp_)'
     and not exists (select 1 from pg_depend e where e.classid = 'pg_class'::regclass and e.objid = c.oid and e.deptype = 'e')
)
select 'TABLE', nspname, relname, null::text,
       coalesce(array_agg('pg_attrdef:' || defoid || ':0') filter (where defoid is not null and own is distinct from parents), '{}'),
       jsonb_strip_nulls(jsonb_build_object(
           'column_defaults', (jsonb_object_agg(attname, own order by attnum)
                                 filter (where attgenerated = '' and own is distinct from parents))::text,
           'column_not_null', (jsonb_agg(attname order by attnum) filter (where attnotnull and not parent_not_null))::text,
           'column_generated', (jsonb_object_agg(attname, own order by attnum)
                                  filter (where attgenerated = 's' and own is distinct from parents))::text,
           'column_storage', (jsonb_object_agg(attname, storage order by attnum) filter (where storage is not null))::text,
           'column_compression', (jsonb_object_agg(attname, compression order by attnum) filter (where compression is not null))::text,
           'column_statistics', (jsonb_object_agg(attname, statistics order by attnum) filter (where statistics is not null))::text))
  from inherited
 group by relid, nspname, relname
having bool_or(own is distinct from parents or attnotnull and not parent_not_null
               or storage is not null or compression is not null or statistics is not null)

-- name: partition_trigger_states
-- Partitions whose clone of a trigger is enabled otherwise than their parent's clone, shallowest first: ALTER TABLE on
-- a partitioned table sets its partitions' clones too, so each setting is followed by the deeper ones.
with recursive clones as (
  select g.oid as root, g.oid, g.tgenabled as parent_state, 0 as depth
    from pg_trigger g where g.tgparentid = 0 and not g.tgisinternal
  union all
  select k.root, g.oid, k.parent_state, k.depth + 1
    from clones k join pg_trigger g on g.tgparentid = k.oid
)
select 'TRIGGER', n.nspname, r.tgname, c.relname,
       array[]::text[],
       jsonb_build_object('partition_states', jsonb_agg(jsonb_build_array(pn.nspname, pc.relname, g.tgname,
                                                   case g.tgenabled when 'D' then 'disabled' when 'R' then 'replica'
                                                                    when 'A' then 'always' else 'enabled' end)
                                                   order by k.depth, pn.nspname, pc.relname)::text)
  from clones k
  join pg_trigger r on r.oid = k.root
  join pg_class c on c.oid = r.tgrelid
  join pg_namespace n on n.oid = c.relnamespace
  join pg_trigger g on g.oid = k.oid
  join pg_trigger up on up.oid = g.tgparentid
  join pg_class pc on pc.oid = g.tgrelid
  join pg_namespace pn on pn.oid = pc.relnamespace
 where g.tgenabled <> up.tgenabled
 group by n.nspname, r.tgname, c.relname

-- name: view_columns
-- Column defaults of views (what an INSERT through the view gets) and comments on the columns of views and
-- materialized views.
select case when c.relkind = 'm' then 'MATERIALIZED_VIEW' else 'VIEW' end, n.nspname, c.relname, null::text,
       coalesce(array_agg('pg_attrdef:' || d.oid || ':0') filter (where d.oid is not null), '{}'),
       jsonb_strip_nulls(jsonb_build_object(
           'column_defaults', (jsonb_object_agg(a.attname, pg_get_expr(d.adbin, d.adrelid) order by a.attnum)
                                 filter (where d.oid is not null))::text,
           'column_comments', (jsonb_object_agg(a.attname, col_description(c.oid, a.attnum) order by a.attnum)
                                 filter (where col_description(c.oid, a.attnum) is not null))::text))
  from pg_attribute a
  join pg_class c on c.oid = a.attrelid
  join pg_namespace n on n.oid = c.relnamespace
  left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
 where c.relkind in ('v', 'm') and a.attnum > 0 and not a.attisdropped
   and n.nspname not in ('pg_catalog', 'information_schema', 'pgcarry')
   and not exists (select 1 from pg_depend e where e.classid = 'pg_class'::regclass and e.objid = c.oid and e.deptype = 'e')
 group by c.oid, c.relkind, n.nspname, c.relname
having bool_or(d.oid is not null or col_description(c.oid, a.attnum) is not null)

-- name: key_index_comments
-- A comment on the index of a primary key, unique or exclusion constraint (the index is named as its constraint).
select 'CONSTRAINT', n.nspname, k.conname, c.relname,
       array[]::text[],
       jsonb_build_object('index_comment', obj_description(k.conindid, 'pg_class'))
  from pg_constraint k
  join pg_class c on c.oid = k.conrelid
  join pg_namespace n on n.oid = c.relnamespace
 where k.contype in ('p', 'u', 'x') and obj_description(k.conindid, 'pg_class') is not null
   and n.nspname not in ('pg_catalog', 'information_schema', 'pgcarry')

-- name: access_methods
-- The table access method of tables and materialized views that do not use heap.
select case when c.relkind = 'm' then 'MATERIALIZED_VIEW' else 'TABLE' end, n.nspname, c.relname, null::text,
       array[]::text[],
       jsonb_build_object('access_method', quote_ident(a.amname))
  from pg_class c
  join pg_namespace n on n.oid = c.relnamespace
  join pg_am a on a.oid = c.relam
 where c.relkind in ('r', 'p', 'm') and a.amname <> 'heap'
   and n.nspname not in ('pg_catalog', 'information_schema', 'pgcarry')

-- name: partition_indexes
-- The indexes of a partitioned table's partitions that are attached to its index (at every level), when a CREATE
-- INDEX on the table would not make them so: a partition without one (the index is then INVALID), an index named
-- otherwise than PostgreSQL names the ones it makes (a partition's own index the parent's took over), an expression
-- (whose partition indexes PostgreSQL names otherwise depending on how they were made), other options than the
-- parent's, a comment, or an index of a partition that is left alone but that such a CREATE INDEX would take over.
-- The rows: the index itself first (ON ONLY, no parent), then its partitions' indexes, shallowest first, each with the
-- index it is attached to. Every index of the tree is an address of the parent's, so what depends on one depends on it.
with recursive tree as (
  select x.indexrelid as root, x.indexrelid as idx, x.indrelid as tbl, null::oid as parent, 0 as depth
    from pg_index x join pg_class i on i.oid = x.indexrelid
   where i.relkind = 'I' and not i.relispartition
  union all
  select t.root, h.inhrelid, x.indrelid, t.idx, t.depth + 1
    from tree t join pg_inherits h on h.inhparent = t.idx join pg_index x on x.indexrelid = h.inhrelid
),
nodes as (
  select t.*, i.relname, ni.nspname, c.relname as tblname, nc.nspname as tblschema, x.indisunique,
         substring(pg_get_indexdef(t.idx) from ' USING .*$') as body,
         (select string_agg(a.attname, '_' order by a.attnum) from pg_attribute a where a.attrelid = t.root and a.attnum > 0) as columns
    from tree t
    join pg_class i on i.oid = t.idx join pg_namespace ni on ni.oid = i.relnamespace
    join pg_class c on c.oid = t.tbl join pg_namespace nc on nc.oid = c.relnamespace
    join pg_index x on x.indexrelid = t.idx
),
deviating as (
  select r.idx as root
    from nodes r
   where r.depth = 0 and (
         -- expressions, whose partition indexes are named after "expr" or after the expression, depending on how they were made
         (select x.indexprs is not null from pg_index x where x.indexrelid = r.idx)
         -- a partition (at any level) without an index attached to the tree
      or exists (select 1 from nodes p join pg_inherits h on h.inhparent = p.tbl join pg_class pc on pc.oid = h.inhrelid
                  where p.root = r.idx and pc.relkind <> 'f'
                    and not exists (select 1 from nodes ch where ch.parent = p.idx and ch.tbl = h.inhrelid))
      or exists (select 1 from nodes n where n.root = r.idx and n.depth > 0 and (
                     -- named otherwise than CREATE INDEX on the parent names it
                     octet_length(n.tblname || '_' || r.columns || '_idx') > 63 or n.relname <> n.tblname || '_' || r.columns || '_idx'
                  or n.body is distinct from r.body or n.indisunique <> r.indisunique
                  or obj_description(n.idx, 'pg_class') is not null
                  or exists (select 1 from pg_constraint k where k.conindid = n.idx)))
         -- an index of a partition, attached to nothing, that CREATE INDEX on the parent would take over
      or exists (select 1 from nodes n join pg_index ox on ox.indrelid = n.tbl join pg_class o on o.oid = ox.indexrelid
                  where n.root = r.idx and n.depth > 0 and not o.relispartition and ox.indisvalid
                    and ox.indisunique = r.indisunique and substring(pg_get_indexdef(o.oid) from ' USING .*$') = r.body))
)
select 'INDEX', r.nspname, r.relname, r.tblname,
       (select array_agg('pg_class:' || n.idx || ':0') from nodes n where n.root = r.idx and n.depth > 0),
       jsonb_build_object('partition_indexes', (
           select jsonb_agg(jsonb_build_array(n.nspname, n.relname, n.tblschema, n.tblname, pn.nspname, p.relname,
                                              case when not exists (select 1 from pg_constraint k where k.conindid = n.idx)
                                                   then pg_get_indexdef(n.idx) end,
                                              obj_description(n.idx, 'pg_class'))
                            order by n.depth, n.nspname, n.relname)
             from nodes n
             left join pg_class p on p.oid = n.parent left join pg_namespace pn on pn.oid = p.relnamespace
            where n.root = r.idx)::text)
  from nodes r
  join deviating d on d.root = r.idx
 where r.depth = 0
   and r.nspname not in ('pg_catalog', 'information_schema', 'pgcarry')
   and r.nspname !~ '^pg_(toast|temp_)'
