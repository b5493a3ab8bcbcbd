-- Catalog query of ColumnOrder: the column order of partitions and inheritance children, read after the object queries
-- of SchemaReader.sql and merged into the tables they name. Same shape as those queries:
--   kind, schema, name, parent, addresses (pg_depend may use them for the object), attributes (jsonb).
-- Works from PostgreSQL 13 on.

-- name: column_order
-- Every partition's and inheritance child's columns in their order (attnum order; dropped columns left out, since
-- PostgreSQL matches a partition's or a child's columns to its parents' by name, never by number). CREATE TABLE ...
-- PARTITION OF or ... INHERITS puts the parents' columns first (merged by name, parent after parent in inhseqno order)
-- and then the table's own: where that is not the table's order, the table is created on its own with its columns in
-- its order and attached afterwards, as pg_dump does for every partition:
--   attach_columns (a partition): its columns with their type, collation, generation expression or default and NOT
--     NULL, then the valid checks it takes from its parent, which ATTACH PARTITION requires it to hold already (its
--     parent's NOT VALID checks come later, onto the partition too, as in the source);
--   inherit_later (an inheritance child whose columns are all its own, as after CREATE TABLE then ALTER TABLE ...
--     INHERIT): its columns and checks are created with it, then it inherits. A child with a column only its parents
--     define (attislocal false) or with an inherited check it does not define itself as valid cannot be created apart:
--     it keeps the order INHERITS gives, as with pg_dump, which has no other way either (short of binary upgrade).
with children as (
  select c.oid, n.nspname, c.relname, c.relispartition,
         array(select a.attname::text from pg_attribute a
                where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped order by a.attnum) as names,
         -- the order CREATE TABLE ... PARTITION OF or ... INHERITS gives
         array(select p.attname from (select pa.attname::text, min(array[i.inhseqno, pa.attnum]) as at
                                        from pg_inherits i join pg_attribute pa on pa.attrelid = i.inhparent
                                       where i.inhrelid = c.oid and pa.attnum > 0 and not pa.attisdropped
                                       group by pa.attname) p order by p.at)
           || array(select a.attname::text from pg_attribute a
                     where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped and a.attinhcount = 0
                     order by a.attnum) as natural
    from pg_class c
    join pg_namespace n on n.oid = c.relnamespace
   where c.relkind in ('r', 'p')
     and exists (select 1 from pg_inherits i where i.inhrelid = c.oid)
     and n.nspname not in ('pg_catalog', 'information_schema', 'pgcarry')
     and n.nspname !~ '^pg_(toast|temp_)'
)
select 'TABLE', k.nspname, k.relname, null::text,
       array[]::text[],
       jsonb_strip_nulls(jsonb_build_object(
           'column_order', to_jsonb(k.names)::text,
           'attach_columns', case when k.relispartition and k.names <> k.natural then to_jsonb(
               array(select format('%I %s', a.attname, format_type(a.atttypid, a.atttypmod))
                            || coalesce((select ' COLLATE ' || format('%I.%I', cn.nspname, co.collname) from pg_collation co
                                           join pg_namespace cn on cn.oid = co.collnamespace
                                          where co.oid = a.attcollation and a.attcollation <> t.typcollation), '')
                            || case when a.attgenerated = 's' then ' GENERATED ALWAYS AS (' || pg_get_expr(d.adbin, d.adrelid) || ') STORED'
                                    when d.oid is not null then ' DEFAULT ' || pg_get_expr(d.adbin, d.adrelid)
                                    else '' end
                            || case when a.attnotnull then ' NOT NULL' else '' end
                       from pg_attribute a
                       join pg_type t on t.oid = a.atttypid
                       left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
                      where a.attrelid = k.oid and a.attnum > 0 and not a.attisdropped
                      order by a.attnum)
               || array(select format('CONSTRAINT %I %s', x.conname, pg_get_constraintdef(x.oid))
                          from pg_constraint x
                         where x.conrelid = k.oid and x.contype = 'c' and not x.conislocal and x.convalidated
                         order by x.conname))::text end,
           'inherit_later', case when not k.relispartition and k.names <> k.natural
                                  and not exists (select 1 from pg_attribute a
                                                   where a.attrelid = k.oid and a.attnum > 0 and not a.attisdropped and not a.attislocal)
                                  and not exists (select 1 from pg_constraint x
                                                   where x.conrelid = k.oid and x.contype = 'c' and x.coninhcount > 0
                                                     and (not x.conislocal or not x.convalidated))
                                 then 'true' end))
  from children k
