-- The target's indexes, constraints and triggers before a move, kept beside the journal (and dropped with it) so that
-- a resume or an abort in a later process compares the target with them.

-- name: create
CREATE TABLE IF NOT EXISTS pgcarry.move_structure (
    run_id     bigint PRIMARY KEY REFERENCES pgcarry.move_run ON DELETE CASCADE,
    structure  jsonb NOT NULL
)

-- name: record
INSERT INTO pgcarry.move_structure (run_id, structure) VALUES (?, ?::jsonb)

-- name: recorded
SELECT structure::text FROM pgcarry.move_structure WHERE run_id = ?
