-- pgcarry's journal of a move, kept in the target so that it commits together with what it records.

-- name: create
CREATE SCHEMA IF NOT EXISTS pgcarry;
CREATE TABLE IF NOT EXISTS pgcarry.move_run (
    id           bigserial PRIMARY KEY,
    started_at   timestamptz NOT NULL DEFAULT now(),
    finished_at  timestamptz,
    status       text NOT NULL,
    fingerprint  text NOT NULL,
    source       text NOT NULL
);
CREATE TABLE IF NOT EXISTS pgcarry.move_table (
    run_id        bigint NOT NULL REFERENCES pgcarry.move_run ON DELETE CASCADE,
    target_schema text NOT NULL,
    target_name   text NOT NULL,
    rows_before   bigint NOT NULL,
    PRIMARY KEY (run_id, target_schema, target_name)
);
CREATE TABLE IF NOT EXISTS pgcarry.move_object (
    run_id        bigint NOT NULL REFERENCES pgcarry.move_run ON DELETE CASCADE,
    kind          text NOT NULL,
    table_schema  text NOT NULL,
    table_name    text NOT NULL,
    name          text NOT NULL,
    definition    text NOT NULL,
    was_valid     boolean NOT NULL DEFAULT true,
    state         text NOT NULL,
    PRIMARY KEY (run_id, kind, table_schema, table_name, name)
);
CREATE TABLE IF NOT EXISTS pgcarry.move_range (
    run_id        bigint NOT NULL REFERENCES pgcarry.move_run ON DELETE CASCADE,
    target_schema text NOT NULL,
    target_name   text NOT NULL,
    range_no      int NOT NULL,
    lower_bound   bigint,
    upper_bound   bigint,
    done          boolean NOT NULL DEFAULT false,
    rows_copied   bigint,
    bytes_copied  bigint,
    seconds       double precision,
    PRIMARY KEY (run_id, target_schema, target_name, range_no)
);
-- The comment of a key or index set aside: DROP takes it along, so the journal keeps it to put it back.
ALTER TABLE pgcarry.move_object ADD COLUMN IF NOT EXISTS comment text;
-- A key's index, so it can be built under a lock that lets readers in; a foreign key's referenced table, so it is
-- added once that table's keys are back.
ALTER TABLE pgcarry.move_object ADD COLUMN IF NOT EXISTS index_definition text,
                                ADD COLUMN IF NOT EXISTS ref_schema text,
                                ADD COLUMN IF NOT EXISTS ref_name text;
-- For a key that can come back in two steps, the clause that attaches its index as the key (io.pgcarry.catalog.KeySteps).
ALTER TABLE pgcarry.move_object ADD COLUMN IF NOT EXISTS key_attach text;
-- The comment of a key's index, which the drop of the key takes along as well.
ALTER TABLE pgcarry.move_object ADD COLUMN IF NOT EXISTS index_comment text;
-- The large objects a run created, each recorded in the transaction that created it, so an abort can remove them.
CREATE TABLE IF NOT EXISTS pgcarry.move_large_object (
    run_id        bigint NOT NULL REFERENCES pgcarry.move_run ON DELETE CASCADE,
    loid          oid NOT NULL,
    PRIMARY KEY (run_id, loid)
)

-- name: lock
-- Creating the journal with a run, and dropping the journal once idle, take this lock first (the key is "pgcarry" in ASCII).
SELECT pg_advisory_xact_lock(31638873925907065)

-- name: exists
-- Whether schema pgcarry is there at all (even without pgcarry's tables, it must then be checked), and the journal in it.
SELECT pg_catalog.count(*) > 0, pg_catalog.to_regclass('pgcarry.move_run') IS NOT NULL
  FROM pg_catalog.pg_namespace WHERE nspname = 'pgcarry'

-- name: unfinished-count
SELECT count(*) FROM pgcarry.move_run WHERE status NOT IN ('done', 'aborted')

-- name: holds-import-ids
-- An import's id map lives on after its run: a re-run of the import reads it to change nothing.
SELECT pg_catalog.to_regclass('pgcarry.import_id') IS NOT NULL

-- name: drop
DROP SCHEMA pgcarry CASCADE

-- name: start-run
INSERT INTO pgcarry.move_run (status, fingerprint, source) VALUES ('preparing', ?, ?) RETURNING id

-- name: unfinished-run
SELECT id, status, fingerprint, source, started_at FROM pgcarry.move_run
 WHERE status NOT IN ('done', 'aborted') ORDER BY id DESC LIMIT 1

-- name: set-status
UPDATE pgcarry.move_run SET status = ?, finished_at = CASE WHEN ? THEN now() END WHERE id = ?

-- name: add-table
INSERT INTO pgcarry.move_table (run_id, target_schema, target_name, rows_before) VALUES (?, ?, ?, ?)

-- name: tables
SELECT target_schema, target_name, rows_before FROM pgcarry.move_table WHERE run_id = ? ORDER BY 1, 2

-- name: add-object
-- Runs before the object is dropped, so its comment, index and referenced table are still there to be read.
INSERT INTO pgcarry.move_object (run_id, kind, table_schema, table_name, name, definition, was_valid, state, comment,
                                 index_definition, ref_schema, ref_name, key_attach, index_comment)
SELECT v.run_id, v.kind, v.table_schema, v.table_name, v.name, v.definition, v.was_valid, 'dropped',
       CASE v.kind
            WHEN 'index' THEN obj_description(to_regclass(format('%I.%I', v.table_schema, v.name)), 'pg_class')
            WHEN 'trigger' THEN NULL
            ELSE obj_description(k.oid, 'pg_constraint')
       END,
       CASE WHEN v.kind = 'key' THEN pg_get_indexdef(k.conindid) END,
       rn.nspname, r.relname,
       CASE WHEN v.kind = 'key' THEN /* key-attach(k) */ null END,
       CASE WHEN v.kind = 'key' THEN obj_description(k.conindid, 'pg_class') END
  FROM (VALUES (?::bigint, ?::text, ?::text, ?::text, ?::text, ?::text, ?::boolean))
       AS v (run_id, kind, table_schema, table_name, name, definition, was_valid)
  LEFT JOIN pg_constraint k ON v.kind IN ('key', 'fk')
       AND k.conrelid = to_regclass(format('%I.%I', v.table_schema, v.table_name)) AND k.conname = v.name
  LEFT JOIN pg_class r ON v.kind = 'fk' AND r.oid = k.confrelid
  LEFT JOIN pg_namespace rn ON rn.oid = r.relnamespace

-- name: objects
SELECT kind, table_schema, table_name, name, definition, was_valid, state, comment, index_definition, ref_schema, ref_name,
       key_attach, index_comment
  FROM pgcarry.move_object
 WHERE run_id = ? ORDER BY kind, table_schema, table_name, name

-- name: set-object-state
UPDATE pgcarry.move_object SET state = ? WHERE run_id = ? AND kind = ? AND table_schema = ? AND table_name = ? AND name = ?

-- name: add-range
INSERT INTO pgcarry.move_range (run_id, target_schema, target_name, range_no, lower_bound, upper_bound) VALUES (?, ?, ?, ?, ?, ?)

-- name: ranges
SELECT target_schema, target_name, range_no, lower_bound, upper_bound, done, rows_copied, bytes_copied, seconds
  FROM pgcarry.move_range WHERE run_id = ? ORDER BY target_schema, target_name, range_no

-- name: range-done
UPDATE pgcarry.move_range SET done = true, rows_copied = ?, bytes_copied = ?, seconds = ?
 WHERE run_id = ? AND target_schema = ? AND target_name = ? AND range_no = ?

-- name: add-large-object
INSERT INTO pgcarry.move_large_object (run_id, loid) VALUES (?, ?::oid)

-- name: unlink-large-objects
-- The large objects the run created that are still there.
SELECT pg_catalog.count(pg_catalog.lo_unlink(j.loid)) FROM pgcarry.move_large_object j
 WHERE j.run_id = ? AND EXISTS (SELECT 1 FROM pg_catalog.pg_largeobject_metadata m WHERE m.oid = j.loid)
