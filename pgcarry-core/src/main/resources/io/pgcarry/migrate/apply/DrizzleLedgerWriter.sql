-- Drizzle's ledger, as drizzle-orm's PostgreSQL migrator creates and writes it. %1$s is the schema, %2$s the table.

-- name: create-schema
CREATE SCHEMA IF NOT EXISTS %1$s

-- name: create
CREATE TABLE IF NOT EXISTS %2$s (
    id SERIAL PRIMARY KEY,
    hash text NOT NULL,
    created_at bigint
)

-- name: applied
-- created_at is the journal entry's "when": what drizzle compares to decide what is pending.
INSERT INTO %2$s ("hash", "created_at") VALUES (?, ?)
