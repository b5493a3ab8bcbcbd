-- migrate apply's lock: one session-level advisory lock per database. A session lock, unlike a transaction's, is no
-- transaction that CREATE INDEX CONCURRENTLY would wait for.

-- name: try
SELECT pg_catalog.pg_try_advisory_lock(?)

-- name: wait
SELECT pg_catalog.pg_advisory_lock(?)

-- name: release
SELECT pg_catalog.pg_advisory_unlock(?)

-- name: holder
-- A bigint key shows in pg_locks as classid (its high 32 bits), objid (its low 32 bits) and objsubid 1.
SELECT a.pid, a.application_name, a.usename, a.backend_start
  FROM pg_catalog.pg_locks l
  JOIN pg_catalog.pg_stat_activity a ON a.pid = l.pid
 WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1
   AND l.classid::pg_catalog.int8 = ? AND l.objid::pg_catalog.int8 = ?
   AND l.database = (SELECT d.oid FROM pg_catalog.pg_database d WHERE d.datname = pg_catalog.current_database())
 LIMIT 1
