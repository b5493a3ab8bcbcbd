-- Catalog queries of LocalAttributes: attributes an object holds beyond what its CREATE gives it, read after the
-- object queries of SchemaReader.sql and merged into the objects they name. Same shape as those queries:
--   kind, schema, name, parent, addresses (pg_depend may use them for the object), attributes (jsonb).
-- Every query works from PostgreSQL 13 on.

-- name: inherited_columns
-- Columns a table takes from its parent (every column of a partition, a child's inherited columns that it does not
-- declare itself): a default other than the parent's (null: none where the parent has one), NOT NULL where no parent
-- has it, and (16 on) a partition's own generation expression.
with inherited as (
  select c.oid as relid, n.nspname, c.relname, a.attnum, a.attname, a.attgenerated, a.attnotnull, d.oid as defoid,
         pg_get_expr(d.adbin, d.adrelid) as own,
         (select pg_get_expr(pd.adbin, pd.adrelid) from pg_inherits i
            join pg_attribute pa on pa.attrelid = i.inhparent and pa.attname = a.attname
            join pg_attrdef pd on pd.adrelid = pa.attrelid and pd.adnum = pa.attnum
           where i.inhrelid = c.oid order by i.inhseqno limit 1) as parents,
         exists (select 1 from pg_inherits i join pg_attribute pa on pa.attrelid = i.inhparent and pa.attname = a.attname
                  where i.inhrelid = c.oid and pa.attnotnull) as parent_not_null
    from pg_attribute a
    join pg_class c on c.oid = a.attrelid
    join pg_namespace n on n.oid = c.relnamespace
    left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
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
                                  filter (where attgenerated = 's' and own is distinct from parents))::text))
  from inherited
 group by relid, nspname, relname
having bool_or(own is distinct from parents or attnotnull and not parent_not_null)

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
