-- What a migration leaves behind on the scratch database.

-- name: invalid-indexes
SELECT pg_catalog.format('%I.%I', n.nspname, c.relname)
  FROM pg_catalog.pg_index i
  JOIN pg_catalog.pg_class c ON c.oid = i.indexrelid
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
 WHERE NOT i.indisvalid
 ORDER BY 1

-- name: not-valid
SELECT pg_catalog.format('%I.%I.%I', n.nspname, t.relname, k.conname)
  FROM pg_catalog.pg_constraint k
  JOIN pg_catalog.pg_class t ON t.oid = k.conrelid
  JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace
 WHERE NOT k.convalidated
 ORDER BY 1
