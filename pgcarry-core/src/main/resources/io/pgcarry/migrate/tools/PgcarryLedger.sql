-- pgcarry's own migration ledger, for plain SQL directories (NNN_name.sql). It lives in a schema of its own, apart
-- from the move journal (schema pgcarry), which a finished move drops.

-- name: create-schema
CREATE SCHEMA IF NOT EXISTS pgcarry_migrate

-- name: create-table
-- checksum: SHA-256 hex of the file's bytes; checksum_lf: the same of its content with CRLF made LF, so that a change of
-- line endings alone is told apart; success false: the file stopped part-way (statements_run say how far it got).
CREATE TABLE IF NOT EXISTS pgcarry_migrate.migrations (
    version        text PRIMARY KEY,
    name           text NOT NULL,
    checksum       text NOT NULL,
    checksum_lf    text NOT NULL,
    applied_at     timestamptz NOT NULL DEFAULT pg_catalog.now(),
    duration_ms    bigint NOT NULL DEFAULT 0,
    success        boolean NOT NULL,
    statements_run integer NOT NULL DEFAULT 0,
    applied_by     text NOT NULL DEFAULT CURRENT_USER
)

-- name: rows
SELECT version, name, checksum, checksum_lf, applied_at, success, statements_run, duration_ms
  FROM %s ORDER BY applied_at, version
