-- The scratch database a rehearsal runs on.

-- name: identity
-- What tells one database from another on any server: its oid and name, and the server's port and start time.
SELECT d.oid::pg_catalog.text || '/' || d.datname || '/' || pg_catalog.current_setting('port') || '/'
       || pg_catalog.pg_postmaster_start_time()::pg_catalog.text
  FROM pg_catalog.pg_database d
 WHERE d.datname = pg_catalog.current_database()

-- name: other-sessions
-- Sessions connected to a database: CREATE DATABASE ... TEMPLATE waits 5 seconds for them and then fails. Their
-- database is shown to every role, whatever it may see of their queries.
SELECT count(*) FROM pg_catalog.pg_stat_activity WHERE datname = ? AND pid <> pg_catalog.pg_backend_pid()
