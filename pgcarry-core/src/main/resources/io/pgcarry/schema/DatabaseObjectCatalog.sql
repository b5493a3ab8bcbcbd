-- Catalog queries of DatabaseObjectCatalog: foreign-data wrappers, foreign servers, user mappings, foreign tables,
-- publications, event triggers and default privileges. Same shape as SchemaReader's object queries:
--   kind, schema, name, parent, addresses, attributes (jsonb).
-- Every query works from PostgreSQL 13 on, except publications_15 (15 on: column lists, row filters, schemas).

-- name: foreign_data_wrappers
select 'FOREIGN_DATA_WRAPPER', null::text, w.fdwname::text, null::text,
       array['pg_foreign_data_wrapper:' || w.oid || ':0'],
       jsonb_strip_nulls(jsonb_build_object(
           'definition', concat_ws(' ', format('CREATE FOREIGN DATA WRAPPER %I', w.fdwname),
               case when w.fdwhandler <> 0 then 'HANDLER ' || w.fdwhandler::regproc::text end,
               case when w.fdwvalidator <> 0 then 'VALIDATOR ' || w.fdwvalidator::regproc::text end,
               (select 'OPTIONS (' || string_agg(format('%I %L', o.option_name, o.option_value), ', ') || ')'
                  from pg_options_to_table(w.fdwoptions) o)),
           'comment', obj_description(w.oid, 'pg_foreign_data_wrapper'),
           'owner', pg_get_userbyid(w.fdwowner),
           'acl', (select jsonb_agg(jsonb_build_array(case when a.grantee = 0 then 'PUBLIC' else quote_ident(pg_get_userbyid(a.grantee)) end,
                                            a.privilege_type, a.is_grantable)
                           order by a.grantee, a.privilege_type) from aclexplode(w.fdwacl) a)::text))
  from pg_foreign_data_wrapper w
 where not exists (select 1 from pg_depend e where e.classid = 'pg_foreign_data_wrapper'::regclass and e.objid = w.oid and e.deptype = 'e')

-- name: foreign_servers
select 'FOREIGN_SERVER', null::text, s.srvname::text, null::text,
       array['pg_foreign_server:' || s.oid || ':0'],
       jsonb_strip_nulls(jsonb_build_object(
           'definition', concat_ws(' ', format('CREATE SERVER %I', s.srvname),
               'TYPE ' || quote_literal(s.srvtype), 'VERSION ' || quote_literal(s.srvversion),
               format('FOREIGN DATA WRAPPER %I', w.fdwname),
               (select 'OPTIONS (' || string_agg(format('%I %L', o.option_name, o.option_value), ', ') || ')'
                  from pg_options_to_table(s.srvoptions) o)),
           'comment', obj_description(s.oid, 'pg_foreign_server'),
           'owner', pg_get_userbyid(s.srvowner),
           'acl', (select jsonb_agg(jsonb_build_array(case when a.grantee = 0 then 'PUBLIC' else quote_ident(pg_get_userbyid(a.grantee)) end,
                                            a.privilege_type, a.is_grantable)
                           order by a.grantee, a.privilege_type) from aclexplode(s.srvacl) a)::text))
  from pg_foreign_server s
  join pg_foreign_data_wrapper w on w.oid = s.srvfdw
 where not exists (select 1 from pg_depend e where e.classid = 'pg_foreign_server'::regclass and e.objid = s.oid and e.deptype = 'e')

-- name: user_mappings
-- The view, since pg_user_mapping is readable by superusers only. Options whose name says password are never read
-- into the model, only their names ('withheld'): the model is printed and written (schema dump --format json).
-- A role that may not see a mapping's options is refused by the unmodelled query.
select 'USER_MAPPING', null::text, case when u.umuser = 0 then 'PUBLIC' else quote_ident(u.usename) end, u.srvname::text,
       array['pg_user_mapping:' || u.umid || ':0'],
       jsonb_strip_nulls(jsonb_build_object(
           'options', (select string_agg(format('%I %L', o.option_name, o.option_value), ', ')
                         from pg_options_to_table(u.umoptions) o where o.option_name !~* 'password'),
           'withheld', (select string_agg(quote_ident(o.option_name), ', ')
                          from pg_options_to_table(u.umoptions) o where o.option_name ~* 'password')))
  from pg_user_mappings u
 where not exists (select 1 from pg_depend e where e.classid = 'pg_foreign_server'::regclass and e.objid = u.srvid and e.deptype = 'e')

-- name: foreign_tables
select 'FOREIGN_TABLE', n.nspname::text, c.relname::text, null::text,
       array['pg_class:' || c.oid || ':0', 'pg_type:' || c.reltype || ':0', 'pg_type:' || rt.typarray || ':0']
         || coalesce((select array_agg('pg_attrdef:' || d.oid || ':0') from pg_attrdef d where d.adrelid = c.oid), '{}')
         || coalesce((select array_agg('pg_constraint:' || k.oid || ':0') from pg_constraint k where k.conrelid = c.oid), '{}'),
       jsonb_strip_nulls(jsonb_build_object(
           'definition', format(E'CREATE FOREIGN TABLE %I.%I (%s)\nSERVER %I%s', n.nspname, c.relname,
               coalesce(E'\n    ' || (select string_agg(x.line, E',\n    ' order by x.ord) from (
                   select a.attnum as ord, concat_ws(' ', quote_ident(a.attname), format_type(a.atttypid, a.atttypmod),
                          (select 'OPTIONS (' || string_agg(format('%I %L', o.option_name, o.option_value), ', ') || ')'
                             from pg_options_to_table(a.attfdwoptions) o),
                          case when a.attcollation <> t.typcollation
                               then (select format('COLLATE %I.%I', cn.nspname, co.collname) from pg_collation co
                                       join pg_namespace cn on cn.oid = co.collnamespace where co.oid = a.attcollation) end,
                          case when a.attgenerated = 's' then 'GENERATED ALWAYS AS (' || pg_get_expr(ad.adbin, ad.adrelid) || ') STORED'
                               when ad.adbin is not null then 'DEFAULT ' || pg_get_expr(ad.adbin, ad.adrelid) end,
                          case when a.attnotnull then 'NOT NULL' end) as line
                     from pg_attribute a
                     join pg_type t on t.oid = a.atttypid
                     left join pg_attrdef ad on ad.adrelid = a.attrelid and ad.adnum = a.attnum
                    where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
                   union all
                   select 32767, format('CONSTRAINT %I %s', k.conname, pg_get_constraintdef(k.oid))
                     from pg_constraint k where k.conrelid = c.oid and k.contype = 'c') x) || E'\n', ''),
               fs.srvname,
               (select E'\nOPTIONS (' || string_agg(format('%I %L', o.option_name, o.option_value), ', ') || ')'
                  from pg_options_to_table(ft.ftoptions) o)),
           'column_comments', (select jsonb_object_agg(a.attname, col_description(c.oid, a.attnum)) from pg_attribute a
                                where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
                                  and col_description(c.oid, a.attnum) is not null)::text,
           'comment', obj_description(c.oid, 'pg_class'),
           'owner', pg_get_userbyid(c.relowner),
           'acl', (select jsonb_agg(jsonb_build_array(case when a.grantee = 0 then 'PUBLIC' else quote_ident(pg_get_userbyid(a.grantee)) end,
                                            a.privilege_type, a.is_grantable)
                           order by a.grantee, a.privilege_type) from aclexplode(c.relacl) a)::text,
           'column_acl', (select jsonb_agg(jsonb_build_array(at.attname,
                                             case when a.grantee = 0 then 'PUBLIC' else quote_ident(pg_get_userbyid(a.grantee)) end,
                                             a.privilege_type, a.is_grantable)
                                  order by at.attnum, a.grantee, a.privilege_type)
                            from pg_attribute at, aclexplode(at.attacl) a
                           where at.attrelid = c.oid and at.attnum > 0 and not at.attisdropped)::text))
  from pg_class c
  join pg_namespace n on n.oid = c.relnamespace
  join pg_type rt on rt.oid = c.reltype
  join pg_foreign_table ft on ft.ftrelid = c.oid
  join pg_foreign_server fs on fs.oid = ft.ftserver
 where c.relkind = 'f'
   and n.nspname not in ('pg_catalog', 'information_schema', 'pgcarry')
   -- a foreign table in an inheritance tree or a partition stays refused (see unmodelled): the parent's rows would be
   -- read from and written to the remote side
   and not exists (select 1 from pg_inherits i where i.inhrelid = c.oid or i.inhparent = c.oid)
   and not exists (select 1 from pg_depend e where e.classid = 'pg_class'::regclass and e.objid = c.oid and e.deptype = 'e')

-- name: publications
select 'PUBLICATION', null::text, p.pubname::text, null::text,
       array['pg_publication:' || p.oid || ':0']
         || coalesce((select array_agg('pg_publication_rel:' || r.oid || ':0') from pg_publication_rel r where r.prpubid = p.oid), '{}'),
       jsonb_strip_nulls(jsonb_build_object(
           'definition', concat_ws(' ', format('CREATE PUBLICATION %I', p.pubname),
               case when p.puballtables then 'FOR ALL TABLES'
                    -- before 15 the list says TABLE once
                    else (select 'FOR TABLE ' || string_agg(format('ONLY %I.%I', tn.nspname, tc.relname), ', ' order by tn.nspname, tc.relname)
                            from pg_publication_rel r join pg_class tc on tc.oid = r.prrelid
                            join pg_namespace tn on tn.oid = tc.relnamespace where r.prpubid = p.oid) end,
               format('WITH (publish = %L%s)', concat_ws(', ', case when p.pubinsert then 'insert' end, case when p.pubupdate then 'update' end,
                                                          case when p.pubdelete then 'delete' end, case when p.pubtruncate then 'truncate' end),
                      case when p.pubviaroot then ', publish_via_partition_root = true' else '' end)),
           'comment', obj_description(p.oid, 'pg_publication'),
           'owner', pg_get_userbyid(p.pubowner)))
  from pg_publication p

-- name: publications_15
select 'PUBLICATION', null::text, p.pubname::text, null::text,
       array['pg_publication:' || p.oid || ':0']
         || coalesce((select array_agg('pg_publication_rel:' || r.oid || ':0') from pg_publication_rel r where r.prpubid = p.oid), '{}')
         || coalesce((select array_agg('pg_publication_namespace:' || s.oid || ':0') from pg_publication_namespace s where s.pnpubid = p.oid), '{}'),
       jsonb_strip_nulls(jsonb_build_object(
           'definition', concat_ws(' ', format('CREATE PUBLICATION %I', p.pubname),
               case when p.puballtables then 'FOR ALL TABLES'
                    else 'FOR ' || nullif(concat_ws(', ',
                        (select string_agg(format('TABLE ONLY %I.%I', tn.nspname, tc.relname)
                                           || coalesce(' (' || (select string_agg(quote_ident(a.attname), ', ' order by k.ord)
                                                                   from unnest(r.prattrs::int2[]) with ordinality k(attnum, ord)
                                                                   join pg_attribute a on a.attrelid = r.prrelid and a.attnum = k.attnum) || ')', '')
                                           || coalesce(' WHERE (' || pg_get_expr(r.prqual, r.prrelid) || ')', ''),
                                           ', ' order by tn.nspname, tc.relname)
                           from pg_publication_rel r join pg_class tc on tc.oid = r.prrelid
                           join pg_namespace tn on tn.oid = tc.relnamespace where r.prpubid = p.oid),
                        (select string_agg(format('TABLES IN SCHEMA %I', sn.nspname), ', ' order by sn.nspname)
                           from pg_publication_namespace s join pg_namespace sn on sn.oid = s.pnnspid where s.pnpubid = p.oid)), '') end,
               format('WITH (publish = %L%s)', concat_ws(', ', case when p.pubinsert then 'insert' end, case when p.pubupdate then 'update' end,
                                                          case when p.pubdelete then 'delete' end, case when p.pubtruncate then 'truncate' end),
                      case when p.pubviaroot then ', publish_via_partition_root = true' else '' end)),
           'comment', obj_description(p.oid, 'pg_publication'),
           'owner', pg_get_userbyid(p.pubowner)))
  from pg_publication p

-- name: event_triggers
select 'EVENT_TRIGGER', null::text, e.evtname::text, null::text,
       array['pg_event_trigger:' || e.oid || ':0'],
       jsonb_strip_nulls(jsonb_build_object(
           'definition', format('CREATE EVENT TRIGGER %I ON %I%s EXECUTE FUNCTION %s()', e.evtname, e.evtevent,
               (select E'\n    WHEN TAG IN (' || string_agg(quote_literal(x.tag), ', ' order by x.ord) || ')'
                  from unnest(e.evttags) with ordinality x(tag, ord)),
               e.evtfoid::regproc::text),
           'enabled', case e.evtenabled when 'D' then 'disabled' when 'R' then 'replica' when 'A' then 'always' end,
           'comment', obj_description(e.oid, 'pg_event_trigger'),
           'owner', pg_get_userbyid(e.evtowner)))
  from pg_event_trigger e
 where not exists (select 1 from pg_depend x where x.classid = 'pg_event_trigger'::regclass and x.objid = e.oid and x.deptype = 'e')

-- name: default_privileges
-- Read only with privileges. A schema's entry adds to the defaults; an entry for all schemas replaces them, so what it
-- takes away from PostgreSQL's defaults is a revoke.
select 'DEFAULT_PRIVILEGES', null::text,
       format('for role %s%s on %s', quote_ident(pg_get_userbyid(d.defaclrole)), ' in schema ' || quote_ident(n.nspname), o.word),
       null::text,
       array['pg_default_acl:' || d.oid || ':0'],
       jsonb_strip_nulls(jsonb_build_object(
           'role', quote_ident(pg_get_userbyid(d.defaclrole)),
           'schema', quote_ident(n.nspname),
           'on', upper(o.word),
           'grant', (select jsonb_agg(jsonb_build_array(case when a.grantee = 0 then 'PUBLIC' else quote_ident(pg_get_userbyid(a.grantee)) end,
                                             a.privilege_type, a.is_grantable) order by a.grantee, a.privilege_type)
                       from (select grantee, privilege_type, is_grantable from aclexplode(d.defaclacl)
                             except
                             select grantee, privilege_type, is_grantable from aclexplode(o.base)) a)::text,
           'revoke', (select jsonb_agg(jsonb_build_array(case when a.grantee = 0 then 'PUBLIC' else quote_ident(pg_get_userbyid(a.grantee)) end,
                                              a.privilege_type) order by a.grantee, a.privilege_type)
                        from (select grantee, privilege_type from aclexplode(o.base)
                              except
                              select grantee, privilege_type from aclexplode(d.defaclacl)) a)::text))
  from pg_default_acl d
  left join pg_namespace n on n.oid = d.defaclnamespace
  cross join lateral (select case d.defaclobjtype when 'r' then 'tables' when 'S' then 'sequences' when 'f' then 'functions'
                                                  when 'T' then 'types' when 'n' then 'schemas' end as word,
                             case when d.defaclnamespace = 0
                                  then acldefault(case d.defaclobjtype when 'S' then 's' else d.defaclobjtype end, d.defaclrole)
                                  end as base) o
