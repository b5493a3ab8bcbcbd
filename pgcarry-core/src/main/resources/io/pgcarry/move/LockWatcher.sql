-- name: blocked
-- Sessions of the move that wait for a lock, with the relation they wait for and each session that holds them up.
SELECT w.pid, w.query, l.relation, b.pid, b.usename, b.application_name, b.state,
       extract(epoch FROM clock_timestamp() - b.xact_start)
  FROM pg_stat_activity w
  LEFT JOIN LATERAL (SELECT relation::regclass::text AS relation FROM pg_locks
                      WHERE pid = w.pid AND NOT granted AND relation IS NOT NULL LIMIT 1) l ON true
  CROSS JOIN LATERAL unnest(pg_blocking_pids(w.pid)) AS blocker(pid)
  LEFT JOIN pg_stat_activity b ON b.pid = blocker.pid
 WHERE w.pid = ANY (?) AND w.wait_event_type = 'Lock'
 ORDER BY w.pid, b.pid
