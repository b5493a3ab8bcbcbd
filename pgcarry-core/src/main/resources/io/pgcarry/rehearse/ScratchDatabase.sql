-- The scratch database a rehearsal runs on.

-- name: identity
-- What tells one database from another on any server: its oid and name, and the server's port and start time.
SELECT d.oid::pg_catalog.text || '/' || d.datname || '/' || pg_catalog.current_setting('port') || '/'
       || pg_catalog.pg_postmaster_start_time()::pg_catalog.text
  FROM pg_catalog.pg_database d
 WHERE d.datname = pg_catalog.current_database()
