-- Catalog queries of SubscriptionCatalog. pg_subscription is one table for the whole cluster: each query keeps the
-- current database's subscriptions. Every query works from PostgreSQL 13 on.

-- name: readable
-- The connection string (subconninfo) is readable by superusers only (and members of pg_read_all_data, 14 on): every
-- other role sees some columns, never it (nor the oid, on 13).
select has_table_privilege('pg_catalog.pg_subscription', 'SELECT')

-- name: subscriptions
-- Same shape as SchemaReader's object queries: kind, schema, name, parent, addresses, attributes (jsonb). Run only when
-- readable. Columns that came after 13 are read through the row (binary and streaming 14, two_phase and
-- disable_on_error 15, origin, password_required and run_as_owner 16, failover 17); each option is kept only when it is
-- not CREATE SUBSCRIPTION's default, as pg_dump writes it. two_phase is on from the start whether its state is still
-- pending or enabled. Streaming is a boolean up to 15 and a letter from 16 on ('p' parallel, the default from 18 on).
select 'SUBSCRIPTION', null::text, s.subname::text, null::text,
       array['pg_subscription:' || s.oid || ':0'],
       jsonb_strip_nulls(jsonb_build_object(
           'conninfo', s.subconninfo,
           'publications', (select string_agg(quote_ident(p.name), ', ' order by p.ord)
                              from unnest(s.subpublications) with ordinality p(name, ord)),
           'slot_name', s.subslotname::text,
           'enabled', case when s.subenabled then 'true' end,
           'synchronous_commit', nullif(s.subsynccommit, 'off'),
           'binary', case when r.j ->> 'subbinary' = 'true' then 'true' end,
           'streaming', case when r.j ->> 'substream' in ('true', 't') then 'on'
                             when r.j ->> 'substream' = 'p' and current_setting('server_version_num')::int < 180000 then 'parallel'
                             when r.j ->> 'substream' = 'f' and current_setting('server_version_num')::int >= 180000 then 'off' end,
           'two_phase', case when coalesce(r.j ->> 'subtwophasestate', 'd') <> 'd' then 'true' end,
           'disable_on_error', case when r.j ->> 'subdisableonerr' = 'true' then 'true' end,
           'origin', nullif(r.j ->> 'suborigin', 'any'),
           'password_required', case when r.j ->> 'subpasswordrequired' = 'false' then 'false' end,
           'run_as_owner', case when r.j ->> 'subrunasowner' = 'true' then 'true' end,
           'failover', case when r.j ->> 'subfailover' = 'true' then 'true' end,
           -- a shared catalog, whose comments are nonetheless in pg_description (COMMENT ON files only databases, tablespaces
           -- and roles as shared)
           'comment', obj_description(s.oid, 'pg_subscription'),
           'owner', pg_get_userbyid(s.subowner)))
  from pg_subscription s
  join pg_database d on d.oid = s.subdbid
  cross join lateral (select to_jsonb(s) as j) r
 where d.datname = current_database()

-- name: unreadable
-- The names of the current database's subscriptions, from the columns every role may read.
select s.subname::text
  from pg_subscription s
  join pg_database d on d.oid = s.subdbid
 where d.datname = current_database()
 order by 1
