-- Queries of SnapshotLocks. They run in the snapshot's REPEATABLE READ transaction, where pg_class read by SQL shows
-- the catalog as the snapshot saw it, while pg_relation_filenode() and to_regclass() look at the catalog as it is now.

-- name: kinds
-- Whether each listed table is partitioned, as the snapshot saw it (a partitioned table is read with its partitions,
-- so it is locked with them).
select u.n, coalesce(c.relkind = 'p', false)
  from rows from (pg_catalog.unnest(?::text[]), pg_catalog.unnest(?::text[])) with ordinality as u(s, r, n)
  left join pg_namespace ns on ns.nspname = u.s
  left join pg_class c on c.relnamespace = ns.oid and c.relname = u.r
 order by u.n

-- name: changed
-- Listed tables whose name now leads to another relation than in the snapshot (dropped, renamed, replaced), or whose
-- file, or the file of one of their partitions as the snapshot knew them, is not the one the snapshot saw.
with recursive listed as (
    select u.n, c.oid as seen, pg_catalog.to_regclass(u.q)::oid as now
      from rows from (pg_catalog.unnest(?::text[]), pg_catalog.unnest(?::text[]), pg_catalog.unnest(?::text[]))
           with ordinality as u(s, r, q, n)
      left join pg_namespace ns on ns.nspname = u.s
      left join pg_class c on c.relnamespace = ns.oid and c.relname = u.r
), tree as (
    select n, seen as oid from listed where seen is not null
    union all
    select t.n, i.inhrelid
      from tree t
      join pg_class p on p.oid = t.oid and p.relkind = 'p'
      join pg_inherits i on i.inhparent = t.oid
)
select n from listed where seen is distinct from now
union
select t.n
  from tree t
  join pg_class c on c.oid = t.oid
 where c.relfilenode <> 0 and c.relfilenode is distinct from pg_catalog.pg_relation_filenode(c.oid)
 order by 1

-- name: exclusive
-- Tables of this database, as the snapshot knows them, on which another session holds an ACCESS EXCLUSIVE lock now.
select distinct n.nspname, c.relname
  from pg_locks l
  join pg_class c on c.oid = l.relation
  join pg_namespace n on n.oid = c.relnamespace
 where l.locktype = 'relation' and l.mode = 'AccessExclusiveLock' and l.granted
   and l.database = (select d.oid from pg_database d where d.datname = pg_catalog.current_database())
   and l.pid <> pg_catalog.pg_backend_pid()
   and c.relkind in ('r', 'p')
   and pg_catalog.has_table_privilege(c.oid, 'SELECT')
 order by 1, 2

-- name: holders
select a.pid, a.usename, a.application_name, a.state,
       pg_catalog.round(pg_catalog.date_part('epoch', pg_catalog.clock_timestamp() - a.xact_start)::numeric, 1)
  from pg_locks l
  join pg_stat_activity a on a.pid = l.pid
 where l.granted and l.locktype = 'relation' and l.relation = pg_catalog.to_regclass(?)
   and l.mode = 'AccessExclusiveLock'
 order by 1

-- name: waiters
-- Sessions waiting for a lock on one of the listed tables (behind pgcarry's own), as one line.
select pg_catalog.string_agg(distinct 'pid ' || a.pid || ' (user ' || coalesce(a.usename, '?') || ', application '''
           || coalesce(a.application_name, '') || ''', on ' || l.relation::regclass::text || ')', ', ')
  from pg_locks l
  join pg_stat_activity a on a.pid = l.pid
 where not l.granted and l.locktype = 'relation' and l.pid <> pg_catalog.pg_backend_pid()
   and l.relation in (select pg_catalog.to_regclass(u)::oid from pg_catalog.unnest(?::text[]) u)

-- name: queued
-- Listed tables on which another session waits for a lock (behind pgcarry's own): positions in the list.
select u.n
  from rows from (pg_catalog.unnest(?::text[]), pg_catalog.unnest(?::text[]), pg_catalog.unnest(?::text[]))
       with ordinality as u(s, r, q, n)
 where exists (select 1 from pg_locks l
                where not l.granted and l.locktype = 'relation' and l.pid <> pg_catalog.pg_backend_pid()
                  and l.relation = pg_catalog.to_regclass(u.q)::oid)
 order by 1
