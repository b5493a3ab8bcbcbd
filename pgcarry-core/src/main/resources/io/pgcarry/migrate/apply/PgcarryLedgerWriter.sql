-- pgcarry's own ledger rows (the table is PgcarryLedger's). %1$s is the table.

-- name: insert
-- A file run in one transaction: its row, successful, in that transaction. A file run statement by statement: its row
-- before its first statement, not (yet) successful, so that a stop anywhere leaves a failed row; statements_run follows.
INSERT INTO %1$s (version, name, checksum, checksum_lf, duration_ms, success, statements_run, applied_by)
VALUES (?, ?, ?, ?, ?, ?, ?, ?)

-- name: progressed
UPDATE %1$s SET statements_run = ? WHERE version = ?

-- name: finished
UPDATE %1$s SET success = true, statements_run = ?, duration_ms = ? WHERE version = ?

-- name: stopped
UPDATE %1$s SET statements_run = ?, duration_ms = ? WHERE version = ?
