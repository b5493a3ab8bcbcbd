-- Prisma Migrate's ledger, as prisma-engines' PostgreSQL connector creates and writes it. %1$s is the table.

-- name: create
CREATE TABLE %1$s (
    id VARCHAR(36) PRIMARY KEY NOT NULL,
    checksum VARCHAR(64) NOT NULL,
    finished_at TIMESTAMPTZ,
    migration_name VARCHAR(255) NOT NULL,
    logs TEXT,
    rolled_back_at TIMESTAMPTZ,
    started_at TIMESTAMPTZ NOT NULL DEFAULT pg_catalog.now(),
    applied_steps_count INTEGER NOT NULL DEFAULT 0
)

-- name: started
-- Prisma inserts the row when a migration starts: logs NULL, finished_at NULL, applied_steps_count 0.
INSERT INTO %1$s (id, checksum, started_at, migration_name) VALUES (?, ?, ?, ?)

-- name: finished
-- ...then counts the script as its one applied step and sets finished_at.
UPDATE %1$s SET applied_steps_count = applied_steps_count + 1, finished_at = ? WHERE id = ?

-- name: stopped
-- ...or, when the script fails, writes the error into logs and leaves finished_at NULL.
UPDATE %1$s SET logs = ? WHERE id = ?
