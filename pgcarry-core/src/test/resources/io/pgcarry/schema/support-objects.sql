-- Support objects pgcarry carries (operators, casts, collations, operator families and classes, text search objects,
-- access methods, conversions, languages); valid on 13 and 17. Needs a superuser (access methods, languages, parsers).
-- Each commutator pair is created in the other order than a script sorted by name creates it.
DO $$ BEGIN CREATE ROLE support_owner; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
CREATE SCHEMA sup;
CREATE TYPE sup.money2 AS (units bigint);
CREATE FUNCTION sup.int_eq(int, int) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT $1 = $2';
CREATE FUNCTION sup.int_ne(int, int) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT $1 <> $2';
CREATE FUNCTION sup.neg(int) RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT -$1';
CREATE FUNCTION sup.less(int, bigint) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT $1 < $2';
CREATE FUNCTION sup.greater(bigint, int) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT $1 > $2';
-- a commutator/negator pair; the first names the second before it exists (a shell operator)
CREATE OPERATOR sup.=== (LEFTARG = int, RIGHTARG = int, FUNCTION = sup.int_eq, COMMUTATOR = OPERATOR(sup.===),
    NEGATOR = OPERATOR(sup.!==), RESTRICT = eqsel, JOIN = eqjoinsel, HASHES, MERGES);
CREATE OPERATOR sup.!== (LEFTARG = int, RIGHTARG = int, FUNCTION = sup.int_ne, NEGATOR = OPERATOR(sup.===),
    RESTRICT = neqsel, JOIN = neqjoinsel);
CREATE OPERATOR sup.>>> (LEFTARG = bigint, RIGHTARG = int, FUNCTION = sup.greater, COMMUTATOR = OPERATOR(sup.<<<));
CREATE OPERATOR sup.<<< (LEFTARG = int, RIGHTARG = bigint, FUNCTION = sup.less, COMMUTATOR = OPERATOR(sup.>>>));
CREATE OPERATOR sup.~~~ (RIGHTARG = int, FUNCTION = sup.neg);
COMMENT ON OPERATOR sup.=== (int, int) IS 'equal, slowly';
-- casts
CREATE FUNCTION sup.money2_of(int) RETURNS sup.money2 LANGUAGE sql IMMUTABLE AS 'SELECT ROW($1::bigint)::sup.money2';
CREATE CAST (int AS sup.money2) WITH FUNCTION sup.money2_of(int) AS ASSIGNMENT;
CREATE CAST (sup.money2 AS text) WITH INOUT AS IMPLICIT;
CREATE DOMAIN sup.code AS int;
CREATE TYPE sup.flag AS ENUM ('on', 'off');
CREATE CAST (sup.flag AS text) WITH INOUT;
COMMENT ON CAST (int AS sup.money2) IS 'whole units';
-- collations
CREATE COLLATION sup.c_copy FROM "C";
CREATE COLLATION sup.posix2 (locale = 'POSIX');
CREATE COLLATION sup.mixed (lc_collate = 'C', lc_ctype = 'POSIX');
CREATE COLLATION sup.ci (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
COMMENT ON COLLATION sup.c_copy IS 'plain bytes';
CREATE TABLE sup.labels (id int PRIMARY KEY, name text COLLATE sup.c_copy, m sup.money2);
-- operator families and classes
CREATE FUNCTION sup.cmp(int, int) RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT CASE WHEN $1 < $2 THEN -1 WHEN $1 > $2 THEN 1 ELSE 0 END';
CREATE FUNCTION sup.cmp48(int, bigint) RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT CASE WHEN $1 < $2 THEN -1 WHEN $1 > $2 THEN 1 ELSE 0 END';
CREATE OPERATOR FAMILY sup.int_fam USING btree;
CREATE OPERATOR CLASS sup.int_ops FOR TYPE int USING btree FAMILY sup.int_fam AS
    OPERATOR 1 <, OPERATOR 2 <=, OPERATOR 3 sup.===, OPERATOR 4 >=, OPERATOR 5 >, FUNCTION 1 sup.cmp(int, int);
ALTER OPERATOR FAMILY sup.int_fam USING btree ADD OPERATOR 1 < (int, bigint), FUNCTION 1 (int, bigint) sup.cmp48(int, bigint);
CREATE OPERATOR CLASS sup.int_hash FOR TYPE int USING hash AS OPERATOR 1 sup.===, FUNCTION 1 hashint4(int);
CREATE OPERATOR CLASS sup.flag_ops DEFAULT FOR TYPE sup.flag USING hash AS OPERATOR 1 = (anyenum, anyenum), FUNCTION 1 hashenum(anyenum);
COMMENT ON OPERATOR FAMILY sup.int_fam USING btree IS 'ints, slowly';
COMMENT ON OPERATOR CLASS sup.int_ops USING btree IS 'ints, slowly';
CREATE INDEX labels_id ON sup.labels (id sup.int_ops);
INSERT INTO sup.labels VALUES (1, 'one', ROW(1)), (2, 'two', ROW(2));
-- text search
CREATE TEXT SEARCH TEMPLATE sup.tmpl (LEXIZE = dsimple_lexize, INIT = dsimple_init);
CREATE TEXT SEARCH DICTIONARY sup.dict (TEMPLATE = sup.tmpl, stopwords = 'english', accept = false);
CREATE TEXT SEARCH DICTIONARY sup.plain (TEMPLATE = simple);
CREATE TEXT SEARCH PARSER sup.prs (START = prsd_start, GETTOKEN = prsd_nexttoken, END = prsd_end, LEXTYPES = prsd_lextype,
    HEADLINE = prsd_headline);
CREATE TEXT SEARCH CONFIGURATION sup.cfg (PARSER = sup.prs);
ALTER TEXT SEARCH CONFIGURATION sup.cfg ADD MAPPING FOR asciiword, word WITH sup.dict, sup.plain;
ALTER TEXT SEARCH CONFIGURATION sup.cfg ADD MAPPING FOR int WITH simple;
CREATE TEXT SEARCH CONFIGURATION sup.copied (COPY = pg_catalog.english);
COMMENT ON TEXT SEARCH CONFIGURATION sup.cfg IS 'words';
COMMENT ON TEXT SEARCH DICTIONARY sup.dict IS 'stop';
COMMENT ON TEXT SEARCH PARSER sup.prs IS 'default parser again';
COMMENT ON TEXT SEARCH TEMPLATE sup.tmpl IS 'simple again';
CREATE INDEX labels_words ON sup.labels USING gin (to_tsvector('sup.cfg'::regconfig, name));
-- the rest
CREATE ACCESS METHOD heap2 TYPE TABLE HANDLER heap_tableam_handler;
CREATE ACCESS METHOD btree2 TYPE INDEX HANDLER bthandler;
COMMENT ON ACCESS METHOD btree2 IS 'btree again';
CREATE CONVERSION sup.my_conv FOR 'LATIN1' TO 'UTF8' FROM iso8859_1_to_utf8;
COMMENT ON CONVERSION sup.my_conv IS 'latin';
CREATE TRUSTED LANGUAGE sup_lang HANDLER plpgsql_call_handler INLINE plpgsql_inline_handler VALIDATOR plpgsql_validator;
COMMENT ON LANGUAGE sup_lang IS 'plpgsql again';
CREATE FUNCTION sup.in_lang() RETURNS int LANGUAGE sup_lang AS 'BEGIN RETURN 1; END';
-- owners and grants (carried with privileges only)
ALTER OPERATOR sup.=== (int, int) OWNER TO support_owner;
ALTER COLLATION sup.ci OWNER TO support_owner;
ALTER OPERATOR FAMILY sup.int_fam USING btree OWNER TO support_owner;
ALTER OPERATOR CLASS sup.int_hash USING hash OWNER TO support_owner;
ALTER TEXT SEARCH DICTIONARY sup.plain OWNER TO support_owner;
ALTER TEXT SEARCH CONFIGURATION sup.cfg OWNER TO support_owner;
ALTER CONVERSION sup.my_conv OWNER TO support_owner;
ALTER LANGUAGE sup_lang OWNER TO support_owner;
REVOKE USAGE ON LANGUAGE sup_lang FROM PUBLIC;
GRANT USAGE ON LANGUAGE sup_lang TO support_owner;
