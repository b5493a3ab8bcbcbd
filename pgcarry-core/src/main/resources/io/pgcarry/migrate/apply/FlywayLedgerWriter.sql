-- Flyway's schema history table, as Flyway creates and writes it on PostgreSQL. %1$s is the table; %2$s and %3$s are
-- its primary key's and its index's names, which Flyway derives from the table's name.

-- name: create
CREATE TABLE %1$s (
    installed_rank INT NOT NULL,
    version VARCHAR(50),
    description VARCHAR(200) NOT NULL,
    type VARCHAR(20) NOT NULL,
    script VARCHAR(1000) NOT NULL,
    checksum INTEGER,
    installed_by VARCHAR(100) NOT NULL,
    installed_on TIMESTAMP NOT NULL DEFAULT pg_catalog.now(),
    execution_time INTEGER NOT NULL,
    success BOOLEAN NOT NULL
)

-- name: primary-key
ALTER TABLE %1$s ADD CONSTRAINT %2$s PRIMARY KEY (installed_rank)

-- name: index
CREATE INDEX %3$s ON %1$s (success)

-- name: next-rank
-- Flyway numbers its rows itself: one more than the highest so far, 1 in an empty table.
SELECT pg_catalog.max(installed_rank) FROM %1$s

-- name: insert
-- installed_on is left to its default, as Flyway leaves it.
INSERT INTO %1$s (installed_rank, version, description, type, script, checksum, installed_by, execution_time, success)
VALUES (?, ?, ?, 'SQL', ?, ?, ?, ?, ?)

-- name: finished
UPDATE %1$s SET execution_time = ?, success = true WHERE installed_rank = ?

-- name: stopped
UPDATE %1$s SET execution_time = ? WHERE installed_rank = ?
