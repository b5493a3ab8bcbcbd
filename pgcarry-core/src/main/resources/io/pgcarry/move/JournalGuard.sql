-- What in schema pgcarry is not pgcarry's own: one row per offending object, with what is wrong with it; the worst
-- first (the schema's owner, then what runs code: triggers, rules, policies, functions).
-- Every catalog object is qualified, as this runs before anything else in the journal is touched.

-- name: offenders
WITH ns AS (
    SELECT oid, nspowner, nspacl FROM pg_catalog.pg_namespace WHERE nspname = 'pgcarry'
), me AS (
    SELECT oid FROM pg_catalog.pg_roles WHERE rolname = CURRENT_USER
), rel AS (
    SELECT c.oid, c.relname, c.relkind, c.relowner, c.relacl, c.relrowsecurity
      FROM pg_catalog.pg_class c JOIN ns ON c.relnamespace = ns.oid
), expected (relname, relkind) AS (
    VALUES ('move_run', 'r'), ('move_table', 'r'), ('move_object', 'r'), ('move_range', 'r'), ('move_run_id_seq', 'S'),
           ('move_run_pkey', 'i'), ('move_table_pkey', 'i'), ('move_object_pkey', 'i'), ('move_range_pkey', 'i'),
           ('move_structure', 'r'), ('move_structure_pkey', 'i'), ('move_large_object', 'r'), ('move_large_object_pkey', 'i'),
           -- import's run, files, id map and proofs (io.pgcarry.importer.ImportJournal)
           ('import_run', 'r'), ('import_run_pkey', 'i'), ('import_run_id_seq', 'S'), ('import_file', 'r'),
           ('import_file_pkey', 'i'), ('import_id', 'r'), ('import_id_pkey', 'i'), ('import_proof', 'r'),
           ('import_proof_pkey', 'i')
)
SELECT 1, 'schema pgcarry', 'is owned by role ' || pg_catalog.quote_ident(pg_catalog.pg_get_userbyid(ns.nspowner))
  FROM ns WHERE ns.nspowner <> (SELECT oid FROM me)
UNION ALL
SELECT 2, 'schema pgcarry', 'grants ' || a.privilege_type || ' to ' || CASE a.grantee WHEN 0 THEN 'PUBLIC'
       ELSE pg_catalog.quote_ident(pg_catalog.pg_get_userbyid(a.grantee)) END
  FROM ns, pg_catalog.aclexplode(ns.nspacl) a WHERE a.grantee <> ns.nspowner
UNION ALL
SELECT 5, pg_catalog.pg_describe_object('pg_catalog.pg_class'::pg_catalog.regclass, c.oid, 0), 'was not created by pgcarry'
  FROM rel c WHERE (c.relname::text, c.relkind::text) NOT IN (SELECT relname, relkind FROM expected)
UNION ALL
SELECT 6, pg_catalog.pg_describe_object('pg_catalog.pg_class'::pg_catalog.regclass, c.oid, 0),
       'is owned by role ' || pg_catalog.quote_ident(pg_catalog.pg_get_userbyid(c.relowner))
  FROM rel c WHERE c.relowner <> (SELECT oid FROM me)
UNION ALL
SELECT 7, pg_catalog.pg_describe_object('pg_catalog.pg_class'::pg_catalog.regclass, c.oid, 0),
       'grants ' || a.privilege_type || ' to ' || CASE a.grantee WHEN 0 THEN 'PUBLIC'
       ELSE pg_catalog.quote_ident(pg_catalog.pg_get_userbyid(a.grantee)) END
  FROM rel c, pg_catalog.aclexplode(c.relacl) a WHERE a.grantee <> c.relowner
UNION ALL
SELECT 7, pg_catalog.pg_describe_object('pg_catalog.pg_class'::pg_catalog.regclass, c.oid, att.attnum),
       'grants ' || a.privilege_type || ' to ' || CASE a.grantee WHEN 0 THEN 'PUBLIC'
       ELSE pg_catalog.quote_ident(pg_catalog.pg_get_userbyid(a.grantee)) END
  FROM rel c JOIN pg_catalog.pg_attribute att ON att.attrelid = c.oid, pg_catalog.aclexplode(att.attacl) a
 WHERE a.grantee <> c.relowner
UNION ALL
SELECT 7, pg_catalog.pg_describe_object('pg_catalog.pg_class'::pg_catalog.regclass, c.oid, 0), 'has row security enabled'
  FROM rel c WHERE c.relrowsecurity
UNION ALL
SELECT 3, pg_catalog.pg_describe_object('pg_catalog.pg_trigger'::pg_catalog.regclass, t.oid, 0), 'was not created by pgcarry'
  FROM pg_catalog.pg_trigger t JOIN rel c ON t.tgrelid = c.oid WHERE NOT t.tgisinternal
UNION ALL
SELECT 3, pg_catalog.pg_describe_object('pg_catalog.pg_rewrite'::pg_catalog.regclass, r.oid, 0), 'was not created by pgcarry'
  FROM pg_catalog.pg_rewrite r JOIN rel c ON r.ev_class = c.oid
UNION ALL
SELECT 3, pg_catalog.pg_describe_object('pg_catalog.pg_policy'::pg_catalog.regclass, p.oid, 0), 'was not created by pgcarry'
  FROM pg_catalog.pg_policy p JOIN rel c ON p.polrelid = c.oid
UNION ALL
SELECT 7, pg_catalog.pg_describe_object('pg_catalog.pg_constraint'::pg_catalog.regclass, k.oid, 0), 'refers to the journal'
  FROM pg_catalog.pg_constraint k JOIN rel c ON k.confrelid = c.oid WHERE k.conrelid NOT IN (SELECT oid FROM rel)
UNION ALL
SELECT 7, pg_catalog.pg_describe_object('pg_catalog.pg_class'::pg_catalog.regclass, i.inhrelid, 0), 'inherits from the journal'
  FROM pg_catalog.pg_inherits i JOIN rel c ON i.inhparent = c.oid
UNION ALL
-- Functions, types, operators and anything else created in the schema depend on it.
SELECT 4, pg_catalog.pg_describe_object(d.classid, d.objid, d.objsubid), 'was not created by pgcarry'
  FROM pg_catalog.pg_depend d, ns
 WHERE d.refclassid = 'pg_catalog.pg_namespace'::pg_catalog.regclass AND d.refobjid = ns.oid
   AND d.classid <> 'pg_catalog.pg_class'::pg_catalog.regclass

ORDER BY 1, 2, 3
