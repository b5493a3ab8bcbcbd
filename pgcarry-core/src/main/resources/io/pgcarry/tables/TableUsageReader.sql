-- Queries of TableUsageReader. Each runs after the common table expressions of "members": the tables to report
-- (bound as two arrays, schemas and names, as the catalog and the selection chose them) and, for each, the
-- relations it stands for: itself and, for a partitioned table, every partition below it. Everything read here is
-- readable by any role: the statistics views, pg_class, pg_depend, pg_rewrite, pg_policy and pg_proc (function
-- bodies included). Every query works from PostgreSQL 13 on.

-- name: members
with listed as (
    select c.oid
      from unnest(?::text[], ?::text[]) u(nspname, relname)
      join pg_namespace n on n.nspname = u.nspname
      join pg_class c on c.relnamespace = n.oid and c.relname = u.relname
), members as (
    select l.oid as top, l.oid as member from listed l
    union all
    select l.oid, t.relid from listed l cross join lateral pg_partition_tree(l.oid) t where t.level > 0
)

-- name: database
select current_setting('server_version_num')::int,
       (select d.stats_reset from pg_stat_database d where d.datname = current_database()),
       current_setting('track_counts')::bool,
       current_user

-- name: tables
-- a row count: pg_class.reltuples where VACUUM, ANALYZE or CREATE INDEX set it (relpages > 0 or reltuples > 0;
-- 0 on PostgreSQL 13 and -1 from 14 on mean "never measured"), else the statistics' n_live_tup, leaf by leaf
, leaves as (
    select m.top, c.relkind, c.relispartition, pg_total_relation_size(c.oid) as bytes,
           c.reltuples > 0 or c.relpages > 0 as measured, c.reltuples, s.*,
           (to_jsonb(s) ->> 'last_seq_scan')::timestamptz as last_read_seq,
           (to_jsonb(s) ->> 'last_idx_scan')::timestamptz as last_read_idx
      from members m
      join pg_class c on c.oid = m.member
      left join pg_stat_all_tables s on s.relid = c.oid
)
select n.nspname, t.relname,
       count(*) filter (where l.relispartition),
       sum(case when l.relkind = 'p' then 0 when l.measured then l.reltuples else coalesce(l.n_live_tup, 0) end)::bigint,
       coalesce(bool_and(l.measured) filter (where l.relkind <> 'p'), false),
       coalesce(bool_or(l.measured) filter (where l.relkind <> 'p'), false),
       coalesce(sum(l.n_live_tup), 0)::bigint,
       sum(l.bytes)::bigint,
       coalesce(sum(l.n_tup_ins), 0)::bigint, coalesce(sum(l.n_tup_upd), 0)::bigint, coalesce(sum(l.n_tup_del), 0)::bigint,
       coalesce(sum(l.seq_scan), 0)::bigint, coalesce(sum(l.idx_scan), 0)::bigint,
       greatest(max(l.last_read_seq), max(l.last_read_idx)),
       max(l.last_vacuum), max(l.last_autovacuum), max(l.last_analyze), max(l.last_autoanalyze),
       has_table_privilege(t.oid, 'SELECT')
  from leaves l
  join pg_class t on t.oid = l.top
  join pg_namespace n on n.oid = t.relnamespace
 group by n.nspname, t.relname, t.oid

-- name: dependents
-- what else in the database uses a table, from pg_depend: views, materialized views and rules through their
-- rewrite rules (a view's is _RETURN), triggers of other tables (constraint triggers FROM it), functions whose
-- SQL body was parsed at creation (BEGIN ATOMIC, PostgreSQL 14 on) or whose arguments or result are its row
-- type, and policies of other tables whose expressions read it; the table's own rules, triggers and policies go
-- with it and are left out
, refs as (
    select m.top, d.classid, d.objid
      from members m
      join pg_depend d on d.refclassid = 'pg_class'::regclass and d.refobjid = m.member
    union
    select m.top, d.classid, d.objid
      from members m
      join pg_class c on c.oid = m.member
      join pg_depend d on d.refclassid = 'pg_type'::regclass and d.refobjid = c.reltype
)
select n.nspname, t.relname, x.kind, x.object
  from refs r
  join pg_class t on t.oid = r.top
  join pg_namespace n on n.oid = t.relnamespace
  cross join lateral (
      select case when w.rulename = '_RETURN' and v.relkind = 'v' then 'view'
                  when w.rulename = '_RETURN' and v.relkind = 'm' then 'materialized view'
                  else 'rule' end as kind,
             case when w.rulename = '_RETURN' then v.oid::regclass::text
                  else format('%I on %s', w.rulename, v.oid::regclass::text) end as object
        from pg_rewrite w join pg_class v on v.oid = w.ev_class
       where r.classid = 'pg_rewrite'::regclass and w.oid = r.objid
         and w.ev_class not in (select member from members where top = r.top)
      union all
      select 'trigger', format('%I on %s', g.tgname, g.tgrelid::regclass::text)
        from pg_trigger g
       where r.classid = 'pg_trigger'::regclass and g.oid = r.objid and not g.tgisinternal
         and g.tgrelid not in (select member from members where top = r.top)
      union all
      select 'function', p.oid::regprocedure::text
        from pg_proc p
       where r.classid = 'pg_proc'::regclass and p.oid = r.objid
      union all
      select 'policy', format('%I on %s', y.polname, y.polrelid::regclass::text)
        from pg_policy y
       where r.classid = 'pg_policy'::regclass and y.oid = r.objid
         and y.polrelid not in (select member from members where top = r.top)
  ) x
 group by 1, 2, 3, 4
 order by 1, 2, 3, 4

-- name: policies
select n.nspname, t.relname,
       format('%I (%s)', y.polname, case y.polcmd when 'r' then 'SELECT' when 'a' then 'INSERT' when 'w' then 'UPDATE'
                                                  when 'd' then 'DELETE' else 'ALL' end)
  from members m
  join pg_policy y on y.polrelid = m.member
  join pg_class t on t.oid = m.top
  join pg_namespace n on n.oid = t.relnamespace
 order by 1, 2, 3

-- name: functions
-- the bodies of functions and procedures in SQL and PL/pgSQL (outside system schemas and extensions), searched
-- for table names by TableUsageReader, with the triggers that call each
select p.oid::regprocedure::text, p.prosrc,
       coalesce((select array_agg(format('%I on %s', g.tgname, g.tgrelid::regclass::text) order by g.tgname, g.tgrelid)
                   from pg_trigger g where g.tgfoid = p.oid and not g.tgisinternal), '{}')
  from pg_proc p
  join pg_namespace n on n.oid = p.pronamespace
  join pg_language l on l.oid = p.prolang
 where l.lanname in ('sql', 'plpgsql')
   and n.nspname not in ('pg_catalog', 'information_schema')
   and not exists (select 1 from pg_depend e where e.classid = 'pg_proc'::regclass and e.objid = p.oid and e.deptype = 'e')
 order by 1
