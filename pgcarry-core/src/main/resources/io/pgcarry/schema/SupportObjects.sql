-- The objects that support types and functions (operators, operator classes and families, casts, collations,
-- conversions, access methods, procedural languages, transforms, text search objects), read like SchemaReader's:
-- kind, schema, name, parent, addresses, attributes. Valid on PostgreSQL 13 to 17; run under an empty search_path,
-- so regproc, regprocedure, regdictionary and format_type print user objects schema-qualified.
-- Extension members are never read: CREATE EXTENSION brings them.

-- name: operators
-- A shell operator (no function) is left out: the CREATE OPERATOR naming it as commutator or negator makes it again.
select 'OPERATOR', n.nspname,
       o.oprname || '(' || case when o.oprleft = 0 then 'NONE' else format_type(o.oprleft, null) end || ', '
         || case when o.oprright = 0 then 'NONE' else format_type(o.oprright, null) end || ')',
       null::text,
       array['pg_operator:' || o.oid || ':0'],
       jsonb_strip_nulls(jsonb_build_object(
           'definition', format('CREATE OPERATOR %I.%s (%s)', n.nspname, o.oprname, concat_ws(', ',
               'FUNCTION = ' || o.oprcode::regproc::text,
               case when o.oprleft <> 0 then 'LEFTARG = ' || format_type(o.oprleft, null) end,
               case when o.oprright <> 0 then 'RIGHTARG = ' || format_type(o.oprright, null) end,
               -- a commutator or negator not yet created becomes a shell operator, filled when it is created
               (select format('COMMUTATOR = OPERATOR(%I.%s)', cn.nspname, c.oprname)
                  from pg_operator c join pg_namespace cn on cn.oid = c.oprnamespace where c.oid = o.oprcom),
               (select format('NEGATOR = OPERATOR(%I.%s)', cn.nspname, c.oprname)
                  from pg_operator c join pg_namespace cn on cn.oid = c.oprnamespace where c.oid = o.oprnegate),
               case when o.oprcanmerge then 'MERGES' end,
               case when o.oprcanhash then 'HASHES' end,
               case when o.oprrest <> 0 then 'RESTRICT = ' || o.oprrest::regproc::text end,
               case when o.oprjoin <> 0 then 'JOIN = ' || o.oprjoin::regproc::text end)),
           'comment', obj_description(o.oid, 'pg_operator'),
           'owner', pg_get_userbyid(o.oprowner)))
  from pg_operator o
  join pg_namespace n on n.oid = o.oprnamespace
 where o.oprcode <> 0
   and n.nspname not in ('pg_catalog', 'information_schema', 'pgcarry')
   and not exists (select 1 from pg_depend e where e.classid = 'pg_operator'::regclass and e.objid = o.oid and e.deptype = 'e')

-- name: operator_families
-- The parent is the access method. Members that belong to the family but to none of its classes ("loose" ones,
-- pg_depend pointing at the family) are the family's: added to it after its creation. From 14 on, PostgreSQL makes
-- some members a class names loose ones (cross-type ones, for instance), so across majors families are compared by
-- all their members (all_members) and classes without theirs (PrintedDefinitions).
select 'OPERATOR_FAMILY', n.nspname, f.opfname, a.amname,
       array['pg_opfamily:' || f.oid || ':0']
         || coalesce((select array_agg(m.address) from (
                select 'pg_amop:' || d.objid || ':0' as address from pg_depend d
                 where d.classid = 'pg_amop'::regclass and d.refclassid = 'pg_opfamily'::regclass and d.refobjid = f.oid
                union all
                select 'pg_amproc:' || d.objid || ':0' from pg_depend d
                 where d.classid = 'pg_amproc'::regclass and d.refclassid = 'pg_opfamily'::regclass and d.refobjid = f.oid) m),
                     '{}'),
       jsonb_strip_nulls(jsonb_build_object(
           'definition', format('CREATE OPERATOR FAMILY %I.%I USING %I', n.nspname, f.opfname, a.amname),
           'members', (select jsonb_agg(jsonb_build_array(m.added, m.dropped) order by m.sort, m.num, m.added) from (
                select 1 as sort, ao.amopstrategy as num,
                       format('OPERATOR %s %I.%s(%s, %s)%s', ao.amopstrategy, opn.nspname, op.oprname,
                              format_type(ao.amoplefttype, null), format_type(ao.amoprighttype, null),
                              (select format(' FOR ORDER BY %I.%I', sn.nspname, sf.opfname) from pg_opfamily sf
                                 join pg_namespace sn on sn.oid = sf.opfnamespace where sf.oid = ao.amopsortfamily)) as added,
                       format('OPERATOR %s (%s, %s)', ao.amopstrategy, format_type(ao.amoplefttype, null),
                              format_type(ao.amoprighttype, null)) as dropped
                  from pg_depend d join pg_amop ao on ao.oid = d.objid
                  join pg_operator op on op.oid = ao.amopopr join pg_namespace opn on opn.oid = op.oprnamespace
                 where d.classid = 'pg_amop'::regclass and d.refclassid = 'pg_opfamily'::regclass and d.refobjid = f.oid
                union all
                select 2, ap.amprocnum,
                       format('FUNCTION %s (%s, %s) %s(%s)', ap.amprocnum, format_type(ap.amproclefttype, null),
                              format_type(ap.amprocrighttype, null), ap.amproc::regproc::text,
                              pg_get_function_identity_arguments(ap.amproc)),
                       format('FUNCTION %s (%s, %s)', ap.amprocnum, format_type(ap.amproclefttype, null),
                              format_type(ap.amprocrighttype, null))
                  from pg_depend d join pg_amproc ap on ap.oid = d.objid
                 where d.classid = 'pg_amproc'::regclass and d.refclassid = 'pg_opfamily'::regclass and d.refobjid = f.oid) m)::text,
           'all_members', (select string_agg(m.item, ', ' order by m.item) from (
                select format('OPERATOR %s %s(%s, %s)', ao.amopstrategy, ao.amopopr::regoperator::text,
                              format_type(ao.amoplefttype, null), format_type(ao.amoprighttype, null)) as item
                  from pg_amop ao where ao.amopfamily = f.oid
                union all
                select format('FUNCTION %s (%s, %s) %s', ap.amprocnum, format_type(ap.amproclefttype, null),
                              format_type(ap.amprocrighttype, null), ap.amproc::regprocedure::text)
                  from pg_amproc ap where ap.amprocfamily = f.oid) m),
           'comment', obj_description(f.oid, 'pg_opfamily'),
           'owner', pg_get_userbyid(f.opfowner)))
  from pg_opfamily f
  join pg_namespace n on n.oid = f.opfnamespace
  join pg_am a on a.oid = f.opfmethod
 where n.nspname not in ('pg_catalog', 'information_schema', 'pgcarry')
   and not exists (select 1 from pg_depend e where e.classid = 'pg_opfamily'::regclass and e.objid = f.oid and e.deptype = 'e')

-- name: operator_classes
-- The parent is the access method. The class names its family always (CREATE OPERATOR CLASS without FAMILY uses the
-- family of the class's name, which is modelled on its own). Its members are those pg_depend ties to the class.
select 'OPERATOR_CLASS', n.nspname, c.opcname, a.amname,
       array['pg_opclass:' || c.oid || ':0']
         || coalesce((select array_agg(d.classid::regclass::text || ':' || d.objid || ':0') from pg_depend d
                       where d.classid in ('pg_amop'::regclass, 'pg_amproc'::regclass)
                         and d.refclassid = 'pg_opclass'::regclass and d.refobjid = c.oid), '{}'),
       jsonb_strip_nulls(jsonb_build_object(
           'definition', format('CREATE OPERATOR CLASS %I.%I%s FOR TYPE %s USING %I FAMILY %I.%I AS %s', n.nspname, c.opcname,
               case when c.opcdefault then ' DEFAULT' else '' end, format_type(c.opcintype, null), a.amname, fn.nspname, f.opfname,
               concat_ws(', ',
                   (select string_agg(m.item, ', ' order by m.sort, m.num, m.item) from (
                        select 1 as sort, ao.amopstrategy as num,
                               format('OPERATOR %s %I.%s(%s, %s)%s', ao.amopstrategy, opn.nspname, op.oprname,
                                      format_type(ao.amoplefttype, null), format_type(ao.amoprighttype, null),
                                      (select format(' FOR ORDER BY %I.%I', sn.nspname, sf.opfname) from pg_opfamily sf
                                         join pg_namespace sn on sn.oid = sf.opfnamespace where sf.oid = ao.amopsortfamily)) as item
                          from pg_depend d join pg_amop ao on ao.oid = d.objid
                          join pg_operator op on op.oid = ao.amopopr join pg_namespace opn on opn.oid = op.oprnamespace
                         where d.classid = 'pg_amop'::regclass and d.refclassid = 'pg_opclass'::regclass and d.refobjid = c.oid
                        union all
                        select 2, ap.amprocnum,
                               format('FUNCTION %s (%s, %s) %s(%s)', ap.amprocnum, format_type(ap.amproclefttype, null),
                                      format_type(ap.amprocrighttype, null), ap.amproc::regproc::text,
                                      pg_get_function_identity_arguments(ap.amproc))
                          from pg_depend d join pg_amproc ap on ap.oid = d.objid
                         where d.classid = 'pg_amproc'::regclass and d.refclassid = 'pg_opclass'::regclass and d.refobjid = c.oid) m),
                   case when c.opckeytype <> 0 then 'STORAGE ' || format_type(c.opckeytype, null)
                        -- a class whose members all belong to its family: STORAGE of its own type says nothing more
                        when not exists (select 1 from pg_depend d where d.classid in ('pg_amop'::regclass, 'pg_amproc'::regclass)
                                            and d.refclassid = 'pg_opclass'::regclass and d.refobjid = c.oid)
                        then 'STORAGE ' || format_type(c.opcintype, null) end)),
           'comment', obj_description(c.oid, 'pg_opclass'),
           'owner', pg_get_userbyid(c.opcowner)))
  from pg_opclass c
  join pg_namespace n on n.oid = c.opcnamespace
  join pg_am a on a.oid = c.opcmethod
  join pg_opfamily f on f.oid = c.opcfamily
  join pg_namespace fn on fn.oid = f.opfnamespace
 where n.nspname not in ('pg_catalog', 'information_schema', 'pgcarry')
   and not exists (select 1 from pg_depend e where e.classid = 'pg_opclass'::regclass and e.objid = c.oid and e.deptype = 'e')

-- name: casts
-- Built-in casts and a range type's cast to its multirange (which comes with the range type) are left out.
select 'CAST', null::text, format('(%s AS %s)', format_type(c.castsource, null), format_type(c.casttarget, null)), null::text,
       array['pg_cast:' || c.oid || ':0'],
       jsonb_strip_nulls(jsonb_build_object(
           'definition', format('CREATE CAST (%s AS %s) %s%s', format_type(c.castsource, null), format_type(c.casttarget, null),
               case c.castmethod when 'f' then 'WITH FUNCTION ' || c.castfunc::regprocedure::text
                                 when 'i' then 'WITH INOUT' else 'WITHOUT FUNCTION' end,
               case c.castcontext when 'a' then ' AS ASSIGNMENT' when 'i' then ' AS IMPLICIT' else '' end),
           'comment', obj_description(c.oid, 'pg_cast')))
  from pg_cast c
 where c.oid >= 16384
   and not exists (select 1 from pg_depend e where e.classid = 'pg_cast'::regclass and e.objid = c.oid and e.deptype in ('e', 'i'))

-- name: collations
-- Columns differ by version: the ICU locale is collcollate up to 14, colliculocale in 15 and 16, colllocale from 17;
-- collicurules exists from 16 on. They are read through the row's JSON so one query works on all.
select 'COLLATION', n.nspname, c.collname, null::text,
       array['pg_collation:' || c.oid || ':0'],
       jsonb_strip_nulls(jsonb_build_object(
           'definition', format('CREATE COLLATION %I.%I (%s)', n.nspname, c.collname, concat_ws(', ',
               'provider = ' || case c.collprovider when 'i' then 'icu' when 'b' then 'builtin' else 'libc' end,
               case when c.collprovider <> 'c' then 'locale = ' || quote_literal(coalesce(r.j ->> 'colllocale', r.j ->> 'colliculocale',
                                                                                         r.j ->> 'collcollate'))
                    when r.j ->> 'collcollate' = r.j ->> 'collctype' then 'locale = ' || quote_literal(r.j ->> 'collcollate')
                    else 'lc_collate = ' || quote_literal(r.j ->> 'collcollate') || ', lc_ctype = ' || quote_literal(r.j ->> 'collctype') end,
               'rules = ' || quote_literal(r.j ->> 'collicurules'),
               case when not c.collisdeterministic then 'deterministic = false' end)),
           'comment', obj_description(c.oid, 'pg_collation'),
           'owner', pg_get_userbyid(c.collowner)))
  from pg_collation c
  cross join lateral (select row_to_json(c)::jsonb as j) r
  join pg_namespace n on n.oid = c.collnamespace
 where c.oid >= 16384
   and n.nspname not in ('pg_catalog', 'information_schema', 'pgcarry')
   and not exists (select 1 from pg_depend e where e.classid = 'pg_collation'::regclass and e.objid = c.oid and e.deptype = 'e')

-- name: conversions
select 'CONVERSION', n.nspname, c.conname, null::text,
       array['pg_conversion:' || c.oid || ':0'],
       jsonb_strip_nulls(jsonb_build_object(
           'definition', format('CREATE %sCONVERSION %I.%I FOR %L TO %L FROM %s', case when c.condefault then 'DEFAULT ' else '' end,
               n.nspname, c.conname, pg_encoding_to_char(c.conforencoding), pg_encoding_to_char(c.contoencoding),
               c.conproc::regproc::text),
           'comment', obj_description(c.oid, 'pg_conversion'),
           'owner', pg_get_userbyid(c.conowner)))
  from pg_conversion c
  join pg_namespace n on n.oid = c.connamespace
 where c.oid >= 16384
   and n.nspname not in ('pg_catalog', 'information_schema', 'pgcarry')
   and not exists (select 1 from pg_depend e where e.classid = 'pg_conversion'::regclass and e.objid = c.oid and e.deptype = 'e')

-- name: access_methods
select 'ACCESS_METHOD', null::text, a.amname, null::text,
       array['pg_am:' || a.oid || ':0'],
       jsonb_strip_nulls(jsonb_build_object(
           'definition', format('CREATE ACCESS METHOD %I TYPE %s HANDLER %s', a.amname,
               case a.amtype when 't' then 'TABLE' else 'INDEX' end, a.amhandler::regproc::text),
           'comment', obj_description(a.oid, 'pg_am')))
  from pg_am a
 where a.oid >= 16384
   and not exists (select 1 from pg_depend e where e.classid = 'pg_am'::regclass and e.objid = a.oid and e.deptype = 'e')

-- name: languages
select 'LANGUAGE', null::text, l.lanname, null::text,
       array['pg_language:' || l.oid || ':0'],
       jsonb_strip_nulls(jsonb_build_object(
           'definition', format('CREATE %sLANGUAGE %I HANDLER %s%s%s', case when l.lanpltrusted then 'TRUSTED ' else '' end, l.lanname,
               l.lanplcallfoid::regproc::text,
               case when l.laninline <> 0 then ' INLINE ' || l.laninline::regproc::text else '' end,
               case when l.lanvalidator <> 0 then ' VALIDATOR ' || l.lanvalidator::regproc::text else '' end),
           'comment', obj_description(l.oid, 'pg_language'),
           'owner', pg_get_userbyid(l.lanowner),
           'acl', (select jsonb_agg(jsonb_build_array(case when a.grantee = 0 then 'PUBLIC' else quote_ident(pg_get_userbyid(a.grantee)) end,
                                            a.privilege_type, a.is_grantable)
                           order by a.grantee, a.privilege_type) from aclexplode(l.lanacl) a)::text))
  from pg_language l
 where l.oid >= 16384 and l.lanispl
   and not exists (select 1 from pg_depend e where e.classid = 'pg_language'::regclass and e.objid = l.oid and e.deptype = 'e')

-- name: transforms
select 'TRANSFORM', null::text, format('for %s language %I', format_type(t.trftype, null), l.lanname), null::text,
       array['pg_transform:' || t.oid || ':0'],
       jsonb_strip_nulls(jsonb_build_object(
           'definition', format('CREATE TRANSFORM FOR %s LANGUAGE %I (%s)', format_type(t.trftype, null), l.lanname, concat_ws(', ',
               case when t.trffromsql <> 0 then 'FROM SQL WITH FUNCTION ' || t.trffromsql::regprocedure::text end,
               case when t.trftosql <> 0 then 'TO SQL WITH FUNCTION ' || t.trftosql::regprocedure::text end)),
           'comment', obj_description(t.oid, 'pg_transform')))
  from pg_transform t
  join pg_language l on l.oid = t.trflang
 where not exists (select 1 from pg_depend e where e.classid = 'pg_transform'::regclass and e.objid = t.oid and e.deptype = 'e')

-- name: text_search_parsers
select 'TEXT_SEARCH_PARSER', n.nspname, p.prsname, null::text,
       array['pg_ts_parser:' || p.oid || ':0'],
       jsonb_strip_nulls(jsonb_build_object(
           'definition', format('CREATE TEXT SEARCH PARSER %I.%I (%s)', n.nspname, p.prsname, concat_ws(', ',
               'START = ' || p.prsstart::regproc::text, 'GETTOKEN = ' || p.prstoken::regproc::text,
               'END = ' || p.prsend::regproc::text, 'LEXTYPES = ' || p.prslextype::regproc::text,
               case when p.prsheadline <> 0 then 'HEADLINE = ' || p.prsheadline::regproc::text end)),
           'comment', obj_description(p.oid, 'pg_ts_parser')))
  from pg_ts_parser p
  join pg_namespace n on n.oid = p.prsnamespace
 where n.nspname not in ('pg_catalog', 'information_schema', 'pgcarry')
   and not exists (select 1 from pg_depend e where e.classid = 'pg_ts_parser'::regclass and e.objid = p.oid and e.deptype = 'e')

-- name: text_search_templates
select 'TEXT_SEARCH_TEMPLATE', n.nspname, t.tmplname, null::text,
       array['pg_ts_template:' || t.oid || ':0'],
       jsonb_strip_nulls(jsonb_build_object(
           'definition', format('CREATE TEXT SEARCH TEMPLATE %I.%I (%s)', n.nspname, t.tmplname, concat_ws(', ',
               case when t.tmplinit <> 0 then 'INIT = ' || t.tmplinit::regproc::text end,
               'LEXIZE = ' || t.tmpllexize::regproc::text)),
           'comment', obj_description(t.oid, 'pg_ts_template')))
  from pg_ts_template t
  join pg_namespace n on n.oid = t.tmplnamespace
 where n.nspname not in ('pg_catalog', 'information_schema', 'pgcarry')
   and not exists (select 1 from pg_depend e where e.classid = 'pg_ts_template'::regclass and e.objid = t.oid and e.deptype = 'e')

-- name: text_search_dictionaries
-- dictinitoption holds the options as CREATE takes them ("stopwords = 'english', accept = 'false'").
select 'TEXT_SEARCH_DICTIONARY', n.nspname, d.dictname, null::text,
       array['pg_ts_dict:' || d.oid || ':0'],
       jsonb_strip_nulls(jsonb_build_object(
           'definition', format('CREATE TEXT SEARCH DICTIONARY %I.%I (TEMPLATE = %I.%I%s)', n.nspname, d.dictname, tn.nspname,
               t.tmplname, coalesce(', ' || d.dictinitoption, '')),
           'comment', obj_description(d.oid, 'pg_ts_dict'),
           'owner', pg_get_userbyid(d.dictowner)))
  from pg_ts_dict d
  join pg_namespace n on n.oid = d.dictnamespace
  join pg_ts_template t on t.oid = d.dicttemplate
  join pg_namespace tn on tn.oid = t.tmplnamespace
 where n.nspname not in ('pg_catalog', 'information_schema', 'pgcarry')
   and not exists (select 1 from pg_depend e where e.classid = 'pg_ts_dict'::regclass and e.objid = d.oid and e.deptype = 'e')

-- name: text_search_configurations
-- mappings: [token, dictionaries] in the parser's token order, as ALTER ... ADD MAPPING takes them.
select 'TEXT_SEARCH_CONFIGURATION', n.nspname, c.cfgname, null::text,
       array['pg_ts_config:' || c.oid || ':0'],
       jsonb_strip_nulls(jsonb_build_object(
           'definition', format('CREATE TEXT SEARCH CONFIGURATION %I.%I (PARSER = %I.%I)', n.nspname, c.cfgname, pn.nspname, p.prsname),
           'mappings', (select jsonb_agg(jsonb_build_array(m.token, m.dictionaries) order by m.maptokentype) from (
                select k.maptokentype,
                       quote_ident((select t.alias from ts_token_type(c.cfgparser) t where t.tokid = k.maptokentype)) as token,
                       string_agg(k.mapdict::regdictionary::text, ', ' order by k.mapseqno) as dictionaries
                  from pg_ts_config_map k where k.mapcfg = c.oid group by k.maptokentype) m)::text,
           'comment', obj_description(c.oid, 'pg_ts_config'),
           'owner', pg_get_userbyid(c.cfgowner)))
  from pg_ts_config c
  join pg_namespace n on n.oid = c.cfgnamespace
  join pg_ts_parser p on p.oid = c.cfgparser
  join pg_namespace pn on pn.oid = p.prsnamespace
 where n.nspname not in ('pg_catalog', 'information_schema', 'pgcarry')
   and not exists (select 1 from pg_depend e where e.classid = 'pg_ts_config'::regclass and e.objid = c.oid and e.deptype = 'e')
