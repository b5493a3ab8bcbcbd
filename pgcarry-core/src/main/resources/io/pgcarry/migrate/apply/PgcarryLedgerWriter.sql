-- pgcarry's own ledger rows (the table is PgcarryLedger's). %1$s is the table.

-- name: applied
INSERT INTO %1$s (version, name, checksum, checksum_lf, duration_ms, success, statements_run, applied_by)
VALUES (?, ?, ?, ?, ?, true, ?, ?)

-- name: started
-- A file run statement by statement is recorded as not (yet) successful before its first statement, so that a stop
-- anywhere leaves a failed row; statements_run follows it.
INSERT INTO %1$s (version, name, checksum, checksum_lf, duration_ms, success, statements_run, applied_by)
VALUES (?, ?, ?, ?, 0, false, 0, ?)

-- name: progressed
UPDATE %1$s SET statements_run = ? WHERE version = ?

-- name: finished
UPDATE %1$s SET success = true, statements_run = ?, duration_ms = ? WHERE version = ?

-- name: stopped
UPDATE %1$s SET statements_run = ?, duration_ms = ? WHERE version = ?
