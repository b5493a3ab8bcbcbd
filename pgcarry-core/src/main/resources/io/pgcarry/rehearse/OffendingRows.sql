-- What a failed statement's constraint is, to find the rows that break it.

-- name: primary-key
-- The table's primary key columns, in key order: how the offending rows are named.
SELECT a.attname
  FROM pg_catalog.pg_index i
  JOIN pg_catalog.pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
 WHERE i.indrelid = ?::pg_catalog.regclass AND i.indisprimary
 ORDER BY pg_catalog.array_position(i.indkey::pg_catalog.int2[], a.attnum)

-- name: check
-- A CHECK constraint's expression.
SELECT pg_catalog.pg_get_expr(k.conbin, k.conrelid)
  FROM pg_catalog.pg_constraint k
 WHERE k.conrelid = ?::pg_catalog.regclass AND k.conname = ? AND k.contype = 'c'

-- name: foreign-key
-- A foreign key's columns, pairwise with the referenced table's, and the referenced table.
SELECT a.attname, ra.attname, pg_catalog.format('%I.%I', rn.nspname, r.relname)
  FROM pg_catalog.pg_constraint k
  CROSS JOIN LATERAL pg_catalog.unnest(k.conkey, k.confkey) WITH ORDINALITY AS u(col, refcol, n)
  JOIN pg_catalog.pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.col
  JOIN pg_catalog.pg_attribute ra ON ra.attrelid = k.confrelid AND ra.attnum = u.refcol
  JOIN pg_catalog.pg_class r ON r.oid = k.confrelid
  JOIN pg_catalog.pg_namespace rn ON rn.oid = r.relnamespace
 WHERE k.conrelid = ?::pg_catalog.regclass AND k.conname = ? AND k.contype = 'f'
 ORDER BY u.n

-- name: index-columns
-- An index's key columns (an INVALID one a failed concurrent build left).
SELECT a.attname
  FROM pg_catalog.pg_index i
  JOIN pg_catalog.pg_class c ON c.oid = i.indexrelid
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  JOIN pg_catalog.pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
 WHERE n.nspname = ? AND c.relname = ?
 ORDER BY pg_catalog.array_position(i.indkey::pg_catalog.int2[], a.attnum)
