-- The large objects of a database, read in the caller's snapshot. pg_largeobject_metadata is readable by every role
-- (pg_largeobject, the content, is not: content is read through lo_get, which checks the object's own privileges).
-- Every query works from PostgreSQL 13 on.

-- name: list
-- oid, owner, comment (stored against pg_largeobject), and the access list as JSON: null for the default one.
SELECT l.oid::int8, pg_catalog.pg_get_userbyid(l.lomowner), pg_catalog.obj_description(l.oid, 'pg_largeobject'),
       CASE WHEN l.lomacl IS NOT NULL THEN
           COALESCE((SELECT pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
                       'grantee', CASE WHEN a.grantee = 0 THEN NULL ELSE pg_catalog.pg_get_userbyid(a.grantee) END,
                       'privilege', a.privilege_type, 'grantable', a.is_grantable) ORDER BY a.grantee, a.privilege_type)
                  FROM pg_catalog.aclexplode(l.lomacl) a), '[]'::jsonb)::text
       END
  FROM pg_catalog.pg_largeobject_metadata l
 ORDER BY l.oid

-- name: unreadable
-- The objects whose content this role may not read (lo_get needs SELECT on the object, which its owner has by
-- default; lo_compat_privileges turns the checks off).
SELECT l.oid::int8
  FROM pg_catalog.pg_largeobject_metadata l
 WHERE NOT (pg_catalog.current_setting('lo_compat_privileges')::boolean
            OR (SELECT r.rolsuper FROM pg_catalog.pg_roles r WHERE r.rolname = CURRENT_USER)
            OR CASE WHEN l.lomacl IS NULL THEN pg_catalog.pg_has_role(l.lomowner, 'USAGE')
                    ELSE EXISTS (SELECT 1 FROM pg_catalog.aclexplode(l.lomacl) a
                                  WHERE a.privilege_type = 'SELECT'
                                    AND (a.grantee = 0 OR pg_catalog.pg_has_role(a.grantee, 'USAGE'))) END)
 ORDER BY l.oid

-- name: existing
-- Which of the given OIDs are large objects here.
SELECT l.oid::int8 FROM pg_catalog.pg_largeobject_metadata l WHERE l.oid = ANY (?::oid[]) ORDER BY l.oid

-- name: count
SELECT pg_catalog.count(*) FROM pg_catalog.pg_largeobject_metadata
