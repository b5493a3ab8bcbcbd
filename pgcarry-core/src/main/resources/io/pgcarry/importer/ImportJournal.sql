-- pgcarry import's part of the journal in the target: runs, the input files' snapshot, and the id map. Written in the
-- apply's own transaction, so they commit with the rows they describe or not at all.

-- name: create
CREATE TABLE IF NOT EXISTS pgcarry.import_run (
    id           bigserial PRIMARY KEY,
    started_at   timestamptz NOT NULL DEFAULT now(),
    finished_at  timestamptz,
    status       text NOT NULL,
    mapping      text NOT NULL
);
CREATE TABLE IF NOT EXISTS pgcarry.import_file (
    run_id         bigint NOT NULL REFERENCES pgcarry.import_run ON DELETE CASCADE,
    collection     text NOT NULL,
    file           text NOT NULL,
    sha256         text NOT NULL,
    records        bigint NOT NULL,
    records_sha256 text NOT NULL,
    PRIMARY KEY (run_id, collection, file)
);
CREATE TABLE IF NOT EXISTS pgcarry.import_id (
    collection    text NOT NULL,
    source_id     text NOT NULL,
    target_key    text,
    record_sha256 text,
    run_id        bigint NOT NULL,
    PRIMARY KEY (collection, source_id)
);
-- What an apply proved: its parity found every record in the tables and nothing else, so the tables' content hashes
-- then, with the mapping file's and the input files' SHA-256, let a later verify prove the same without reading the
-- records again (while the files and the tables still hash the same).
CREATE TABLE IF NOT EXISTS pgcarry.import_proof (
    run_id          bigint NOT NULL REFERENCES pgcarry.import_run ON DELETE CASCADE,
    target          text NOT NULL,
    row_count       bigint NOT NULL,
    content_hash    bigint NOT NULL,
    PRIMARY KEY (run_id, target)
);
ALTER TABLE pgcarry.import_run ADD COLUMN IF NOT EXISTS mapping_sha256 text, ADD COLUMN IF NOT EXISTS proved_by text

-- name: exists
SELECT pg_catalog.to_regclass('pgcarry.import_id') IS NOT NULL

-- name: ids
SELECT collection, source_id, target_key FROM pgcarry.import_id

-- name: top-level-ids
SELECT collection, source_id, target_key FROM pgcarry.import_id WHERE pg_catalog.strpos(collection, '.') = 0

-- name: start-run
INSERT INTO pgcarry.import_run (status, mapping) VALUES ('loading', ?) RETURNING id

-- name: finish-run
UPDATE pgcarry.import_run SET status = 'done', finished_at = now() WHERE id = ?

-- name: add-file
INSERT INTO pgcarry.import_file (run_id, collection, file, sha256, records, records_sha256) VALUES (?, ?, ?, ?, ?, ?)

-- name: unfinished
SELECT count(*) FROM pgcarry.import_run WHERE status <> 'done'

-- name: drop-unfinished
DELETE FROM pgcarry.import_run WHERE status <> 'done'

-- name: prove-run
UPDATE pgcarry.import_run SET mapping_sha256 = ?, proved_by = ? WHERE id = ?

-- name: add-proof
INSERT INTO pgcarry.import_proof (run_id, target, row_count, content_hash) VALUES (?, ?, ?, ?)

-- name: has-proofs
SELECT pg_catalog.to_regclass('pgcarry.import_proof') IS NOT NULL

-- name: latest-proof
-- The last finished run of this mapping file that left a proof (a later run of it may have changed the tables).
SELECT r.id, r.proved_by
  FROM pgcarry.import_run r
 WHERE r.status = 'done' AND r.mapping_sha256 = ?
   AND EXISTS (SELECT FROM pgcarry.import_proof p WHERE p.run_id = r.id)
 ORDER BY r.id DESC
 LIMIT 1

-- name: proof-files
SELECT collection, file, sha256, records, records_sha256 FROM pgcarry.import_file WHERE run_id = ? ORDER BY collection, file

-- name: proof-tables
SELECT target, row_count, content_hash FROM pgcarry.import_proof WHERE run_id = ? ORDER BY target

-- name: copy-ids
COPY pgcarry.import_id (collection, source_id, target_key, record_sha256, run_id) FROM STDIN
