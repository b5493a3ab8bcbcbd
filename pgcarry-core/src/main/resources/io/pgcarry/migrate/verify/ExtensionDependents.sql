-- Queries of io.pgcarry.migrate.verify.ExtensionDependents.

-- name: dependents
-- The objects that depend directly on a member of the given extensions (its types and their array types, functions,
-- operators, operator classes...), named as SchemaReader names them: kind, schema, name, parent. A column's type or
-- default, an index's operator class, a constraint's or a view's function each make their object a dependent.
with members as (
    select d.classid, d.objid
      from pg_depend d
      join pg_extension x on x.oid = d.refobjid
     where d.refclassid = 'pg_extension'::regclass and d.deptype = 'e' and x.extname = any(?)
    union
    select 'pg_type'::regclass, t.typarray
      from pg_depend d
      join pg_extension x on x.oid = d.refobjid
      join pg_type t on t.oid = d.objid
     where d.refclassid = 'pg_extension'::regclass and d.deptype = 'e' and x.extname = any(?)
       and d.classid = 'pg_type'::regclass and t.typarray <> 0
),
dependents as (
    select distinct d.classid, d.objid, d.objsubid
      from pg_depend d
      join members m on m.classid = d.refclassid and m.objid = d.refobjid
     where d.deptype in ('n', 'a')
       and not exists (select 1 from members o where o.classid = d.classid and o.objid = d.objid)
)
select case when c.relkind = 'i' and k.oid is not null then 'CONSTRAINT'
            when c.relkind = 'i' then 'INDEX'
            when x.objsubid > 0 and c.relkind in ('r', 'p', 'f') then 'COLUMN'
            when c.relkind in ('r', 'p') then 'TABLE'
            when c.relkind = 'f' then 'FOREIGN_TABLE'
            when c.relkind = 'v' then 'VIEW'
            when c.relkind = 'm' then 'MATERIALIZED_VIEW'
            when c.relkind = 'S' then 'SEQUENCE'
            when c.relkind = 'c' then 'COMPOSITE' end,
       n.nspname,
       case when k.oid is not null then k.conname
            when x.objsubid > 0 and c.relkind in ('r', 'p', 'f') then a.attname
            else c.relname end,
       case when c.relkind = 'i' then t.relname
            when x.objsubid > 0 and c.relkind in ('r', 'p', 'f') then c.relname end
  from dependents x
  join pg_class c on x.classid = 'pg_class'::regclass and c.oid = x.objid
  join pg_namespace n on n.oid = c.relnamespace
  left join pg_index i on i.indexrelid = c.oid
  left join pg_class t on t.oid = i.indrelid
  left join pg_constraint k on k.conindid = c.oid and k.conrelid = i.indrelid and k.contype in ('p', 'u', 'x')
  left join pg_attribute a on a.attrelid = c.oid and a.attnum = x.objsubid and x.objsubid > 0
 where c.relkind in ('i', 'r', 'p', 'f', 'v', 'm', 'S', 'c')
union all
select 'COLUMN', n.nspname, a.attname, c.relname
  from dependents x
  join pg_attrdef d on x.classid = 'pg_attrdef'::regclass and d.oid = x.objid
  join pg_class c on c.oid = d.adrelid
  join pg_namespace n on n.oid = c.relnamespace
  join pg_attribute a on a.attrelid = d.adrelid and a.attnum = d.adnum
union all
select case when k.contypid <> 0 then 'DOMAIN' else 'CONSTRAINT' end, n.nspname,
       case when k.contypid <> 0 then y.typname else k.conname end,
       case when k.contypid <> 0 then null else c.relname end
  from dependents x
  join pg_constraint k on x.classid = 'pg_constraint'::regclass and k.oid = x.objid
  join pg_namespace n on n.oid = k.connamespace
  left join pg_class c on c.oid = k.conrelid
  left join pg_type y on y.oid = k.contypid
union all
select case p.prokind when 'p' then 'PROCEDURE' when 'a' then 'AGGREGATE' else 'FUNCTION' end, n.nspname,
       p.proname || '(' || case when p.prokind = 'a' then pg_get_function_identity_arguments(p.oid)
                                else regexp_replace(pg_get_function_identity_arguments(p.oid), '(^|, )IN ', '\1', 'g') end || ')',
       null::text
  from dependents x
  join pg_proc p on x.classid = 'pg_proc'::regclass and p.oid = x.objid
  join pg_namespace n on n.oid = p.pronamespace
union all
select case y.typtype when 'd' then 'DOMAIN' when 'r' then 'RANGE' when 'e' then 'ENUM' else 'COMPOSITE' end, n.nspname,
       y.typname, null::text
  from dependents x
  join pg_type y on x.classid = 'pg_type'::regclass and y.oid = x.objid
  join pg_namespace n on n.oid = y.typnamespace
 where y.typtype in ('d', 'r', 'e', 'c')
union all
select case when r.rulename = '_RETURN' and c.relkind = 'm' then 'MATERIALIZED_VIEW'
            when r.rulename = '_RETURN' then 'VIEW' else 'RULE' end, n.nspname,
       case when r.rulename = '_RETURN' then c.relname else r.rulename end,
       case when r.rulename = '_RETURN' then null else c.relname end
  from dependents x
  join pg_rewrite r on x.classid = 'pg_rewrite'::regclass and r.oid = x.objid
  join pg_class c on c.oid = r.ev_class
  join pg_namespace n on n.oid = c.relnamespace
union all
select 'TRIGGER', n.nspname, g.tgname, c.relname
  from dependents x
  join pg_trigger g on x.classid = 'pg_trigger'::regclass and g.oid = x.objid
  join pg_class c on c.oid = g.tgrelid
  join pg_namespace n on n.oid = c.relnamespace
union all
select 'POLICY', n.nspname, p.polname, c.relname
  from dependents x
  join pg_policy p on x.classid = 'pg_policy'::regclass and p.oid = x.objid
  join pg_class c on c.oid = p.polrelid
  join pg_namespace n on n.oid = c.relnamespace
