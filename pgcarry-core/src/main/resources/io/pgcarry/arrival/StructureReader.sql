-- The state of every index, constraint and trigger of some tables: one catalog query per read.

-- name: structure
-- The parameter (twice) is the tables as quoted, qualified names, or null for every user table. Their partitions and
-- inheritance children, and the tables whose foreign keys reference them, come along.
with recursive chosen(oid) as (
    select c.oid
      from pg_class c
      join pg_namespace n on n.oid = c.relnamespace
     where c.relkind in ('r', 'p', 'm')
       and n.nspname not in ('pg_catalog', 'information_schema', 'pgcarry')
       and n.nspname !~ '^pg_(toast|temp_)'
       and (?::text[] is null or c.oid in (select to_regclass(t) from unnest(?::text[]) t))
    union
    select i.inhrelid from pg_inherits i join chosen t on t.oid = i.inhparent
),
scope as (
    select oid from chosen
    union
    select k.conrelid from pg_constraint k join chosen t on t.oid = k.confrelid where k.contype = 'f'
)
select 'INDEX', n.nspname, c.relname, i.relname,
       jsonb_build_object(
           'definition', pg_get_indexdef(i.oid),
           'valid', x.indisvalid::text,
           'ready', x.indisready::text,
           'parent', (select format('%I.%I', pn.nspname, p.relname) from pg_inherits h
                        join pg_class p on p.oid = h.inhparent join pg_namespace pn on pn.oid = p.relnamespace
                       where h.inhrelid = i.oid),
           'replica_identity', x.indisreplident::text,
           'clustered', x.indisclustered::text,
           -- a partitioned table's index that some partition, at any level, has no index attached to: INVALID by design
           'incomplete', case when i.relkind = 'I' and exists (
                   with recursive below(idx, tbl) as (
                       select i.oid, x.indrelid
                       union all
                       select h.inhrelid, cx.indrelid from below b join pg_inherits h on h.inhparent = b.idx
                         join pg_index cx on cx.indexrelid = h.inhrelid)
                   select 1 from below b join pg_inherits p on p.inhparent = b.tbl join pg_class pc on pc.oid = p.inhrelid
                    where pc.relkind <> 'f' and not exists (select 1 from pg_inherits h join pg_index cx on cx.indexrelid = h.inhrelid
                                                            where h.inhparent = b.idx and cx.indrelid = p.inhrelid))
                 then 'true' end)::text
  from scope s
  join pg_index x on x.indrelid = s.oid
  join pg_class i on i.oid = x.indexrelid
  join pg_class c on c.oid = x.indrelid
  join pg_namespace n on n.oid = c.relnamespace
union all
select 'CONSTRAINT', n.nspname, c.relname, k.conname,
       jsonb_build_object(
           'definition', pg_get_constraintdef(k.oid),
           'validated', k.convalidated::text,
           -- the constraint it was cloned from: a foreign key's piece for one referenced partition, or a partition's copy
           'parent', (select p.conname from pg_constraint p where p.oid = k.conparentid),
           'parent_validated', (select p.convalidated::text from pg_constraint p where p.oid = k.conparentid),
           -- how it is inherited: declared on the table itself, and from how many parents
           'local', k.conislocal::text,
           'inherited', k.coninhcount::text)::text
  from scope s
  join pg_constraint k on k.conrelid = s.oid
  join pg_class c on c.oid = k.conrelid
  join pg_namespace n on n.oid = c.relnamespace
union all
select 'TRIGGER', n.nspname, c.relname, g.tgname,
       jsonb_build_object(
           'definition', pg_get_triggerdef(g.oid),
           'enabled', g.tgenabled::text)::text
  from scope s
  -- a user trigger's clones on partitions too, which PostgreSQL 13 and 14 mark internal (not those of foreign keys, whose
  -- names change when a key is set aside and added back)
  join pg_trigger g on g.tgrelid = s.oid and (not g.tgisinternal or g.tgparentid <> 0 and g.tgconstraint = 0)
  join pg_class c on c.oid = g.tgrelid
  join pg_namespace n on n.oid = c.relnamespace
