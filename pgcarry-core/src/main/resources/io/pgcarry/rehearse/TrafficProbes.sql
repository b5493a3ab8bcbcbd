-- Probe traffic on the scratch database.

-- name: column
-- A column a probe's no-op UPDATE can assign to itself: stored, not generated, not dropped.
SELECT a.attname
  FROM pg_catalog.pg_attribute a
 WHERE a.attrelid = ?::pg_catalog.regclass AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
 ORDER BY a.attnum
 LIMIT 1

-- name: waiting
-- The probe sessions waiting for a lock now.
SELECT a.pid
  FROM pg_catalog.pg_stat_activity a
 WHERE a.pid = ANY (?) AND a.wait_event_type = 'Lock'
