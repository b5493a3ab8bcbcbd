-- Catalog query of SystemPrivileges: privileges changed on objects pgcarry does not create itself, because the target
-- has them already or something else creates them: those in pg_catalog, the members of extensions (CREATE EXTENSION
-- brings them) and identity sequences (their column makes them). Each object whose access
-- list differs from what it had at the start (pg_init_privs; without an entry there, PostgreSQL's default for its kind)
-- is one row: what was granted since, and what was revoked. Read only with privileges. Works from PostgreSQL 13 on.

-- name: privileges
with member as (
    select e.classid, e.objid from pg_depend e where e.deptype = 'e'
), objects(classid, objoid, subid, target, col, acl, fallback) as (
    select 'pg_namespace'::regclass, n.oid, 0, 'SCHEMA ' || quote_ident(n.nspname), null::text, n.nspacl, acldefault('n', n.nspowner)
      from pg_namespace n
     where n.nspname = 'pg_catalog' or (n.oid, 'pg_namespace'::regclass) in (select objid, classid from member)
    union all
    select 'pg_class'::regclass, c.oid, 0, case c.relkind when 'S' then 'SEQUENCE ' else 'TABLE ' end || format('%I.%I', n.nspname, c.relname),
           null, c.relacl, acldefault(case c.relkind when 'S' then 's' else 'r' end::"char", c.relowner)
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where c.relkind in ('r', 'p', 'v', 'm', 'S', 'f')
       and (n.nspname = 'pg_catalog' or (c.oid, 'pg_class'::regclass) in (select objid, classid from member)
            -- an identity sequence, which its column creates
            or c.relkind = 'S' and n.nspname <> 'pgcarry'
               and exists (select 1 from pg_depend i where i.classid = 'pg_class'::regclass and i.objid = c.oid and i.deptype = 'i'))
    union all
    -- a column's default access list is empty
    select 'pg_class'::regclass, c.oid, a.attnum, 'TABLE ' || format('%I.%I', n.nspname, c.relname), a.attname, a.attacl, acldefault('c', c.relowner)
      from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
     where c.relkind in ('r', 'p', 'v', 'm', 'f') and not a.attisdropped
       and (n.nspname = 'pg_catalog' or (c.oid, 'pg_class'::regclass) in (select objid, classid from member))
       and (a.attacl is not null
            or exists (select 1 from pg_init_privs i where i.objoid = c.oid and i.classoid = 'pg_class'::regclass and i.objsubid = a.attnum))
    union all
    select 'pg_proc'::regclass, p.oid, 0, case p.prokind when 'p' then 'PROCEDURE ' else 'FUNCTION ' end
           || format('%I.%I(%s)', n.nspname, p.proname, oidvectortypes(p.proargtypes)),
           null, p.proacl, acldefault('f', p.proowner)
      from pg_proc p join pg_namespace n on n.oid = p.pronamespace
     where n.nspname = 'pg_catalog' or (p.oid, 'pg_proc'::regclass) in (select objid, classid from member)
    union all
    -- an array type and a table's row type take their privileges from their element type and table
    select 'pg_type'::regclass, t.oid, 0, 'TYPE ' || t.oid::regtype::text, null, t.typacl, acldefault('T', t.typowner)
      from pg_type t join pg_namespace n on n.oid = t.typnamespace
     where not exists (select 1 from pg_type e where e.typarray = t.oid)
       and (t.typrelid = 0 or exists (select 1 from pg_class r where r.oid = t.typrelid and r.relkind = 'c'))
       and (n.nspname = 'pg_catalog' or (t.oid, 'pg_type'::regclass) in (select objid, classid from member))
    union all
    select 'pg_language'::regclass, l.oid, 0, 'LANGUAGE ' || quote_ident(l.lanname), null, l.lanacl, acldefault('l', l.lanowner)
      from pg_language l
     where l.oid < 16384 or (l.oid, 'pg_language'::regclass) in (select objid, classid from member)
    union all
    select 'pg_foreign_data_wrapper'::regclass, w.oid, 0, 'FOREIGN DATA WRAPPER ' || quote_ident(w.fdwname), null, w.fdwacl,
           acldefault('F', w.fdwowner)
      from pg_foreign_data_wrapper w
     where (w.oid, 'pg_foreign_data_wrapper'::regclass) in (select objid, classid from member)
    union all
    select 'pg_foreign_server'::regclass, s.oid, 0, 'FOREIGN SERVER ' || quote_ident(s.srvname), null, s.srvacl, acldefault('S', s.srvowner)
      from pg_foreign_server s
     where (s.oid, 'pg_foreign_server'::regclass) in (select objid, classid from member)
), lists as (
    select o.target, o.col, coalesce(o.acl, o.fallback) as now,
           coalesce((select i.initprivs from pg_init_privs i
                      where i.objoid = o.objoid and i.classoid = o.classid and i.objsubid = o.subid), o.fallback) as initial
      from objects o
), changes as (
    select l.target, l.col,
           (select jsonb_agg(jsonb_build_array(case when g.grantee = 0 then 'PUBLIC' else quote_ident(pg_get_userbyid(g.grantee)) end,
                                               g.privilege_type, g.is_grantable) order by g.grantee, g.privilege_type)
              from (select grantee, privilege_type, is_grantable from aclexplode(l.now)
                    except
                    select grantee, privilege_type, is_grantable from aclexplode(l.initial)) g) as granted,
           -- [grantee, privilege, true when only the grant option was taken away]
           (select jsonb_agg(jsonb_build_array(case when r.grantee = 0 then 'PUBLIC' else quote_ident(pg_get_userbyid(r.grantee)) end,
                                               r.privilege_type, r.option_only) order by r.grantee, r.privilege_type)
              from (select distinct i.grantee, i.privilege_type, n.grantee is not null as option_only
                      from aclexplode(l.initial) i
                      left join aclexplode(l.now) n on n.grantee = i.grantee and n.privilege_type = i.privilege_type
                     where n.grantee is null or i.is_grantable and not n.is_grantable) r) as revoked
      from lists l
     where l.now is distinct from l.initial
)
select 'PRIVILEGES', null::text, case when c.col is null then c.target else 'COLUMN ' || substr(c.target, 7) || '.' || quote_ident(c.col) end,
       null::text, array[]::text[],
       jsonb_strip_nulls(jsonb_build_object('target', c.target, 'column', c.col, 'grant', c.granted::text, 'revoke', c.revoked::text))
  from changes c
 where c.granted is not null or c.revoked is not null
