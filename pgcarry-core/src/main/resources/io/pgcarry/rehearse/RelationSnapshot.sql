-- The relations of the scratch database a rehearsal watches, with what changes when a statement works on them.

-- name: snapshot
-- Every relation outside the system catalogs (TOAST tables included): its file (a rewrite gives it a new one), its
-- size when asked (pg_relation_size is a file lookup, so only for the relations a statement touched), the table it
-- belongs to (an index's table, a TOAST table's owner), and this transaction's counters of blocks read and rows
-- written, which tell a statement that scanned or rewrote rows from one that only changed the catalog.
SELECT c.oid::pg_catalog.int8, c.relfilenode::pg_catalog.int8, n.nspname, c.relname, c.relkind::pg_catalog.text,
       COALESCE(i.indrelid, owner.oid, c.oid)::pg_catalog.int8,
       CASE WHEN ? OR c.oid = ANY (?::pg_catalog.oid[]) THEN pg_catalog.pg_relation_size(c.oid) END,
       CASE WHEN c.relkind IN ('r', 'm', 't') THEN pg_catalog.pg_stat_get_xact_blocks_fetched(c.oid) ELSE 0 END,
       CASE WHEN c.relkind IN ('r', 'm', 't') THEN pg_catalog.pg_stat_get_xact_tuples_inserted(c.oid) ELSE 0 END,
       CASE WHEN c.relkind IN ('r', 'm', 't') THEN pg_catalog.pg_stat_get_xact_tuples_updated(c.oid)
            + pg_catalog.pg_stat_get_xact_tuples_deleted(c.oid) ELSE 0 END,
       pg_catalog.pg_current_wal_insert_lsn()::pg_catalog.text
  FROM pg_catalog.pg_class c
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  LEFT JOIN pg_catalog.pg_index i ON i.indexrelid = c.oid
  LEFT JOIN pg_catalog.pg_class owner ON owner.reltoastrelid = c.oid
 WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')
   AND n.nspname NOT LIKE 'pg\_temp\_%' AND n.nspname NOT LIKE 'pg\_toast\_temp\_%'

-- name: wal-since
SELECT pg_catalog.pg_wal_lsn_diff(pg_catalog.pg_current_wal_insert_lsn(), ?::pg_catalog.pg_lsn)::pg_catalog.int8

-- name: locks
-- The relation locks one backend holds or waits for in the current database.
SELECT l.relation::pg_catalog.int8, l.mode, l.granted
  FROM pg_catalog.pg_locks l
 WHERE l.pid = ? AND l.locktype = 'relation'
   AND l.database = (SELECT d.oid FROM pg_catalog.pg_database d WHERE d.datname = pg_catalog.current_database())
