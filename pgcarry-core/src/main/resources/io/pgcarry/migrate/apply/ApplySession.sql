-- The session migrations run in.

-- name: reset
-- Before each file: the settings a previous file may have changed (search_path, lock_timeout, role's defaults) go back
-- to the role's and database's defaults, as on a new connection; the migrate lock is a session lock and stays.
RESET ALL

-- name: name
SELECT pg_catalog.set_config('application_name', 'pgcarry migrate apply', false)

-- name: lock-timeout
SELECT pg_catalog.set_config('lock_timeout', ?, ?)

-- name: user
SELECT CURRENT_USER::pg_catalog.text

-- name: invalid-indexes
-- The indexes a failed CREATE INDEX CONCURRENTLY or REINDEX CONCURRENTLY leaves behind are INVALID.
SELECT i.indexrelid::pg_catalog.int8, n.nspname, c.relname
  FROM pg_catalog.pg_index i
  JOIN pg_catalog.pg_class c ON c.oid = i.indexrelid
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
 WHERE NOT i.indisvalid
