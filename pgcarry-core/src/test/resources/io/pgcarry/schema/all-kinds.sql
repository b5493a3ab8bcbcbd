-- One object (at least) of every kind of pg_dump TOC entry PostgreSQL 13 can produce without C code of our own, with
-- the awkward shapes that broke copies before, owners (a second role), grants and comments. Valid on 13 and later, as a
-- superuser; what needs a newer server is in all-kinds-14.sql and all-kinds-15.sql. Shapes come from the fixtures of
-- each kind (schema-fixture, carried-shapes, local-attributes, aggregate-kinds, base-types, support-objects,
-- database-objects).
--
-- Left out, each a gap pgcarry names instead of carrying (UnmodelledObjects): BLOB (large objects, which are data);
-- SECURITY LABEL needs a label provider, which needs C code: SecurityLabelsIT builds one. DATABASE, DATABASE PROPERTIES, ENCODING, STDSTRINGS, SEARCHPATH
-- and the data entries (TABLE DATA, SEQUENCE SET, MATERIALIZED VIEW DATA, BLOBS) are not schema objects.
DO $$ BEGIN CREATE ROLE kinds_owner; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE "kinds reader"; EXCEPTION WHEN duplicate_object THEN NULL; END $$;

-- SCHEMA, EXTENSION, COMMENT, ACL ------------------------------------------------------------------------------------
CREATE SCHEMA kinds AUTHORIZATION kinds_owner;
CREATE SCHEMA "Kinds Two";
COMMENT ON SCHEMA kinds IS 'one of each';
GRANT USAGE ON SCHEMA kinds TO "kinds reader";
CREATE EXTENSION citext WITH SCHEMA kinds;
CREATE EXTENSION postgres_fdw WITH SCHEMA "Kinds Two";
COMMENT ON EXTENSION citext IS 'case-insensitive text';

-- TYPE (enum, composite, range with a canonical function, base), SHELL TYPE, DOMAIN with checks ----------------------
CREATE TYPE kinds.mood AS ENUM ('calm', 'it''s busy');
CREATE TYPE kinds.pair AS (a int, b text COLLATE "C");
CREATE TYPE kinds.floatrange AS RANGE (SUBTYPE = float8, SUBTYPE_DIFF = float8mi);
CREATE TYPE kinds.irange;
CREATE FUNCTION kinds.irange_canonical(kinds.irange) RETURNS kinds.irange LANGUAGE internal IMMUTABLE STRICT AS 'int4range_canonical';
CREATE TYPE kinds.irange AS RANGE (SUBTYPE = int4, CANONICAL = kinds.irange_canonical);
CREATE TYPE kinds.myint;
CREATE FUNCTION kinds.myint_in(cstring) RETURNS kinds.myint LANGUAGE internal IMMUTABLE STRICT AS 'int4in';
CREATE FUNCTION kinds.myint_out(kinds.myint) RETURNS cstring LANGUAGE internal IMMUTABLE STRICT AS 'int4out';
CREATE TYPE kinds.myint (INPUT = kinds.myint_in, OUTPUT = kinds.myint_out, INTERNALLENGTH = 4, PASSEDBYVALUE, ALIGNMENT = int4,
    DEFAULT = '7');
CREATE TYPE kinds.never_defined;
CREATE DOMAIN kinds.posint AS int DEFAULT 1 NOT NULL CONSTRAINT posint_positive CHECK (VALUE > 0);
ALTER DOMAIN kinds.posint ADD CONSTRAINT posint_small CHECK (VALUE < 1000000) NOT VALID;
COMMENT ON CONSTRAINT posint_positive ON DOMAIN kinds.posint IS 'a valid check';
COMMENT ON CONSTRAINT posint_small ON DOMAIN kinds.posint IS 'a check existing values may break';
COMMENT ON TYPE kinds.mood IS 'with a quote';
COMMENT ON DOMAIN kinds.posint IS 'positive';
ALTER TYPE kinds.mood OWNER TO kinds_owner;
REVOKE USAGE ON TYPE kinds.pair FROM PUBLIC;
GRANT USAGE ON DOMAIN kinds.posint TO "kinds reader" WITH GRANT OPTION;

-- SEQUENCE, FUNCTION, PROCEDURE, AGGREGATE, OPERATOR, CAST, COLLATION, CONVERSION ------------------------------------
CREATE SEQUENCE kinds.ticket AS integer INCREMENT BY 7 MINVALUE 100 MAXVALUE 99999 START WITH 107 CACHE 5 CYCLE;
COMMENT ON SEQUENCE kinds.ticket IS 'tickets';
GRANT USAGE ON SEQUENCE kinds.ticket TO "kinds reader";
CREATE FUNCTION kinds.add2(int, int) RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT $1 + $2';
CREATE FUNCTION kinds.sub2(int, int) RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT $1 - $2';
CREATE FUNCTION kinds.greater(int, bigint) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT $1 > $2';
CREATE FUNCTION kinds.less(bigint, int) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT $1 < $2';
CREATE FUNCTION kinds.mood_text(kinds.mood) RETURNS text LANGUAGE sql IMMUTABLE AS $$SELECT CASE $1 WHEN 'calm' THEN 'calm' ELSE 'busy' END$$;
CREATE FUNCTION kinds.load(p int, OUT n int, OUT total numeric) LANGUAGE sql STABLE AS 'SELECT $1, 0::numeric';
CREATE PROCEDURE kinds.purge(keep interval DEFAULT '90 days') LANGUAGE plpgsql AS 'BEGIN END';
COMMENT ON FUNCTION kinds.load(int) IS 'out arguments';
COMMENT ON PROCEDURE kinds.purge(interval) IS 'a procedure';
ALTER FUNCTION kinds.add2(int, int) OWNER TO kinds_owner;
REVOKE EXECUTE ON FUNCTION kinds.sub2(int, int) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION kinds.sub2(int, int) TO "kinds reader";
GRANT EXECUTE ON PROCEDURE kinds.purge(interval) TO "kinds reader";
CREATE AGGREGATE kinds.total(int) (SFUNC = kinds.add2, STYPE = int, INITCOND = '0',
    MSFUNC = kinds.add2, MINVFUNC = kinds.sub2, MSTYPE = int, MINITCOND = '0', PARALLEL = SAFE);
CREATE AGGREGATE kinds.ranked(int ORDER BY int) (SFUNC = kinds.add2, STYPE = int);
CREATE AGGREGATE kinds.countstar(*) (SFUNC = int8inc, STYPE = int8, INITCOND = '0');
COMMENT ON AGGREGATE kinds.countstar(*) IS 'counts rows';
GRANT EXECUTE ON FUNCTION kinds.total(int) TO "kinds reader";
CREATE OPERATOR kinds.>>> (LEFTARG = int, RIGHTARG = bigint, FUNCTION = kinds.greater, COMMUTATOR = OPERATOR(kinds.<<<));
CREATE OPERATOR kinds.<<< (LEFTARG = bigint, RIGHTARG = int, FUNCTION = kinds.less, COMMUTATOR = OPERATOR(kinds.>>>));
COMMENT ON OPERATOR kinds.>>> (int, bigint) IS 'greater';
ALTER OPERATOR kinds.<<< (bigint, int) OWNER TO kinds_owner;
CREATE CAST (kinds.mood AS text) WITH FUNCTION kinds.mood_text(kinds.mood);
CREATE CAST (kinds.pair AS text) WITH INOUT AS ASSIGNMENT;
COMMENT ON CAST (kinds.mood AS text) IS 'by function';
CREATE COLLATION kinds."Bytes" FROM "C";
CREATE COLLATION kinds.ci (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
COMMENT ON COLLATION kinds."Bytes" IS 'plain bytes';
ALTER COLLATION kinds.ci OWNER TO kinds_owner;
CREATE CONVERSION kinds.latin FOR 'LATIN1' TO 'UTF8' FROM iso8859_1_to_utf8;
COMMENT ON CONVERSION kinds.latin IS 'latin';

-- OPERATOR FAMILY, OPERATOR CLASS, ACCESS METHOD, PROCEDURAL LANGUAGE, TRANSFORM --------------------------------------
CREATE FUNCTION kinds.cmp(int, int) RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT CASE WHEN $1 < $2 THEN -1 WHEN $1 > $2 THEN 1 ELSE 0 END';
CREATE OPERATOR FAMILY kinds.int_fam USING btree;
CREATE OPERATOR CLASS kinds.int_ops FOR TYPE int USING btree FAMILY kinds.int_fam AS
    OPERATOR 1 <, OPERATOR 2 <=, OPERATOR 3 =, OPERATOR 4 >=, OPERATOR 5 >, FUNCTION 1 kinds.cmp(int, int);
ALTER OPERATOR FAMILY kinds.int_fam USING btree ADD OPERATOR 1 < (int, bigint), FUNCTION 1 (int, bigint) btint48cmp(int, bigint);
COMMENT ON OPERATOR FAMILY kinds.int_fam USING btree IS 'ints';
COMMENT ON OPERATOR CLASS kinds.int_ops USING btree IS 'ints, slowly';
ALTER OPERATOR CLASS kinds.int_ops USING btree OWNER TO kinds_owner;
CREATE ACCESS METHOD heap_again TYPE TABLE HANDLER heap_tableam_handler;
CREATE ACCESS METHOD btree_again TYPE INDEX HANDLER bthandler;
COMMENT ON ACCESS METHOD btree_again IS 'btree again';
CREATE TRUSTED LANGUAGE kinds_lang HANDLER plpgsql_call_handler INLINE plpgsql_inline_handler VALIDATOR plpgsql_validator;
COMMENT ON LANGUAGE kinds_lang IS 'plpgsql again';
REVOKE USAGE ON LANGUAGE kinds_lang FROM PUBLIC;
GRANT USAGE ON LANGUAGE kinds_lang TO "kinds reader";
CREATE FUNCTION kinds.from_sql(internal) RETURNS internal LANGUAGE internal IMMUTABLE STRICT AS 'int4send';
CREATE FUNCTION kinds.to_sql(internal) RETURNS kinds.mood LANGUAGE internal IMMUTABLE STRICT AS 'int4recv';
CREATE TRANSFORM FOR kinds.mood LANGUAGE kinds_lang (FROM SQL WITH FUNCTION kinds.from_sql(internal),
    TO SQL WITH FUNCTION kinds.to_sql(internal));
COMMENT ON TRANSFORM FOR kinds.mood LANGUAGE kinds_lang IS 'codes';

-- TEXT SEARCH PARSER, TEMPLATE, DICTIONARY, CONFIGURATION -------------------------------------------------------------
CREATE TEXT SEARCH TEMPLATE kinds.tmpl (LEXIZE = dsimple_lexize, INIT = dsimple_init);
CREATE TEXT SEARCH DICTIONARY kinds.dict (TEMPLATE = kinds.tmpl, stopwords = 'english', accept = false);
CREATE TEXT SEARCH PARSER kinds.prs (START = prsd_start, GETTOKEN = prsd_nexttoken, END = prsd_end, LEXTYPES = prsd_lextype);
CREATE TEXT SEARCH CONFIGURATION kinds.cfg (PARSER = kinds.prs);
ALTER TEXT SEARCH CONFIGURATION kinds.cfg ADD MAPPING FOR asciiword, word WITH kinds.dict, simple;
COMMENT ON TEXT SEARCH CONFIGURATION kinds.cfg IS 'words';
COMMENT ON TEXT SEARCH DICTIONARY kinds.dict IS 'stop';
COMMENT ON TEXT SEARCH PARSER kinds.prs IS 'the default parser again';
COMMENT ON TEXT SEARCH TEMPLATE kinds.tmpl IS 'simple again';
ALTER TEXT SEARCH DICTIONARY kinds.dict OWNER TO kinds_owner;

-- TABLE: keys, checks (a NOT VALID one the rows break), FKs, identity, generated columns, column grants ---------------
CREATE TABLE kinds.owner_table (
    id int GENERATED BY DEFAULT AS IDENTITY (START WITH 10 INCREMENT BY 10) PRIMARY KEY,
    code text COLLATE kinds."Bytes" NOT NULL UNIQUE,
    mood kinds.mood DEFAULT 'calm',
    amount kinds.posint,
    doubled int GENERATED ALWAYS AS (id * 2) STORED,
    secret text,
    tags kinds.citext[],
    ticket int DEFAULT nextval('kinds.ticket'),
    CONSTRAINT owner_code_check CHECK (code <> '')
);
COMMENT ON TABLE kinds.owner_table IS 'owned by the second role';
COMMENT ON COLUMN kinds.owner_table.code IS 'a code';
COMMENT ON CONSTRAINT owner_code_check ON kinds.owner_table IS 'not empty';
COMMENT ON INDEX kinds.owner_table_pkey IS 'the key''s index';
COMMENT ON SEQUENCE kinds.owner_table_id_seq IS 'an identity sequence';
ALTER SEQUENCE kinds.ticket OWNED BY kinds.owner_table.ticket;
ALTER TABLE kinds.owner_table OWNER TO kinds_owner;
GRANT SELECT, INSERT ON kinds.owner_table TO "kinds reader";
GRANT UPDATE (code, mood) ON kinds.owner_table TO "kinds reader";
GRANT SELECT ON SEQUENCE kinds.owner_table_id_seq TO "kinds reader";
INSERT INTO kinds.owner_table (code, amount, secret, tags) VALUES ('a', 5, 'x', '{One,two}'), ('b', 7, NULL, NULL);
ALTER TABLE kinds.owner_table ADD CONSTRAINT owner_amount_check CHECK (amount > 6) NOT VALID;
CREATE TABLE kinds.child_table (
    id bigint GENERATED ALWAYS AS IDENTITY,
    owner_id int REFERENCES kinds.owner_table (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    slot tstzrange,
    CONSTRAINT child_no_overlap EXCLUDE USING gist (slot WITH &&)
);
ALTER TABLE kinds.child_table ADD CONSTRAINT child_owner_fk2 FOREIGN KEY (owner_id) REFERENCES kinds.owner_table (id) NOT VALID;
ALTER TABLE kinds.child_table CLUSTER ON child_no_overlap;
INSERT INTO kinds.child_table (owner_id, slot) VALUES (10, '[2024-01-01, 2024-01-02)');
-- zero columns, typed with a child, storage, statistics, reloptions, unlogged, replica identity, another access method
CREATE TABLE kinds.zero ();
INSERT INTO kinds.zero DEFAULT VALUES;
CREATE TABLE kinds.typed OF kinds.pair (a WITH OPTIONS NOT NULL DEFAULT 0, PRIMARY KEY (a));
CREATE TABLE kinds.typed_child (extra int) INHERITS (kinds.typed);
INSERT INTO kinds.typed_child VALUES (2, 'two', 22);
CREATE UNLOGGED TABLE kinds.settings (id int NOT NULL, note text, v int) WITH (fillfactor = 80, toast.autovacuum_enabled = false);
ALTER TABLE kinds.settings ALTER COLUMN note SET STORAGE EXTERNAL;
ALTER TABLE kinds.settings ALTER COLUMN v SET STATISTICS 500;
CREATE UNIQUE INDEX settings_id ON kinds.settings (id);
ALTER TABLE kinds.settings REPLICA IDENTITY USING INDEX settings_id;
CREATE TABLE kinds.other_am (id int, v text) USING heap_again;
-- inheritance: a child's own default and NOT NULL, a shared generated column, a child with a column of its own first
CREATE TABLE kinds.parent (id int, note text DEFAULT 'p', flag boolean, g int GENERATED ALWAYS AS (id * 2) STORED);
CREATE TABLE kinds.heir () INHERITS (kinds.parent);
ALTER TABLE kinds.heir ALTER COLUMN note SET DEFAULT 'c';
ALTER TABLE kinds.heir ALTER COLUMN flag SET NOT NULL;
INSERT INTO kinds.heir (id, flag) VALUES (1, true);
-- a check that calls a function of its own table's row type
CREATE TABLE kinds.checked_by_row (f1 int);
CREATE FUNCTION kinds.row_ok(kinds.checked_by_row) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT $1.f1 > 0';
ALTER TABLE kinds.checked_by_row ADD CONSTRAINT row_ok_check CHECK (kinds.row_ok(checked_by_row.*));
-- columns of types without binary I/O, exotic types
CREATE TABLE kinds.exotic (id int PRIMARY KEY, a aclitem, many aclitem[], r kinds.irange, f kinds.floatrange, m kinds.myint,
    p point, i inet, x xml, tv tsvector, b bit(3), j jsonb, arr int[][]);
INSERT INTO kinds.exotic VALUES (1, 'postgres=r/postgres', '{postgres=rw/postgres}', '[1,3]', '[0.5,1)', '3', '(1,2)', '10.0.0.1/8',
    '<a/>', 'a fat cat', B'101', '{"k": [1]}', '{{1,2},{3,4}}');

-- TABLE ATTACH, INDEX ATTACH: partitions with keys, FKs and triggers of their own, a default partition, two levels ----
CREATE TABLE kinds.parted (id int NOT NULL, at int, note text DEFAULT 'parent', owner_id int) PARTITION BY RANGE (id);
CREATE TABLE kinds.part1 PARTITION OF kinds.parted FOR VALUES FROM (0) TO (10);
CREATE TABLE kinds.part2 (id int NOT NULL, at int, note text, owner_id int);
ALTER TABLE kinds.parted ATTACH PARTITION kinds.part2 FOR VALUES FROM (10) TO (20);
CREATE TABLE kinds.part3 PARTITION OF kinds.parted FOR VALUES FROM (20) TO (30) PARTITION BY RANGE (id);
CREATE TABLE kinds.part31 PARTITION OF kinds.part3 FOR VALUES FROM (20) TO (25);
CREATE TABLE kinds.part_rest PARTITION OF kinds.parted DEFAULT;
ALTER TABLE kinds.parted ADD PRIMARY KEY (id);
CREATE INDEX parted_at ON kinds.parted (at);
ALTER TABLE kinds.part1 ADD CONSTRAINT part1_at_key UNIQUE (at);
ALTER TABLE kinds.part1 ADD CONSTRAINT part1_owner_fk FOREIGN KEY (owner_id) REFERENCES kinds.owner_table (id);
ALTER TABLE kinds.part1 ALTER COLUMN at SET DEFAULT 1;
ALTER TABLE kinds.part2 ALTER COLUMN at SET NOT NULL;
CREATE FUNCTION kinds.touch() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RETURN NEW; END';
CREATE TRIGGER touch BEFORE INSERT ON kinds.parted FOR EACH ROW EXECUTE FUNCTION kinds.touch();
ALTER TABLE kinds.part1 DISABLE TRIGGER touch;
INSERT INTO kinds.parted VALUES (1, 1, 'one', 10), (11, 2, 'eleven', NULL), (21, 1, 'deep', NULL), (99, 5, 'rest', NULL);

-- INDEX, TRIGGER, RULE, POLICY, ROW SECURITY, STATISTICS ---------------------------------------------------------------
CREATE INDEX owner_lower_code ON kinds.owner_table (lower(code)) INCLUDE (mood) WHERE amount > 1;
CREATE INDEX owner_code_ops ON kinds.owner_table (id kinds.int_ops);
CREATE INDEX owner_words ON kinds.owner_table USING gin (to_tsvector('kinds.cfg'::regconfig, code));
COMMENT ON INDEX kinds.owner_lower_code IS 'partial';
CREATE TRIGGER owner_touch BEFORE UPDATE OF code ON kinds.owner_table FOR EACH ROW WHEN (OLD.code IS DISTINCT FROM NEW.code)
    EXECUTE FUNCTION kinds.touch();
CREATE CONSTRAINT TRIGGER owner_late AFTER INSERT ON kinds.owner_table DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
    EXECUTE FUNCTION kinds.touch();
ALTER TABLE kinds.owner_table DISABLE TRIGGER owner_late;
COMMENT ON TRIGGER owner_touch ON kinds.owner_table IS 'touches';
CREATE RULE child_touch AS ON UPDATE TO kinds.child_table DO ALSO NOTHING;
COMMENT ON RULE child_touch ON kinds.child_table IS 'nothing';
ALTER TABLE kinds.owner_table ENABLE ROW LEVEL SECURITY;
ALTER TABLE kinds.owner_table FORCE ROW LEVEL SECURITY;
CREATE POLICY owner_all ON kinds.owner_table AS PERMISSIVE FOR ALL TO PUBLIC USING (true) WITH CHECK (true);
CREATE POLICY owner_hide ON kinds.owner_table AS RESTRICTIVE FOR SELECT TO "kinds reader" USING (secret IS NULL);
COMMENT ON POLICY owner_hide ON kinds.owner_table IS 'no secrets';
CREATE STATISTICS kinds.owner_deps (dependencies, ndistinct) ON id, code FROM kinds.owner_table;
ALTER STATISTICS kinds.owner_deps SET STATISTICS 200;
COMMENT ON STATISTICS kinds.owner_deps IS 'deps';

-- VIEW, MATERIALIZED VIEW, DEFAULT: a view on a key (GROUP BY), column defaults, grants and comments --------------------
CREATE VIEW kinds.by_owner AS SELECT o.id, o.code, count(c.id) AS children, kinds.total(o.id) AS total
    FROM kinds.owner_table o LEFT JOIN kinds.child_table c ON c.owner_id = o.id GROUP BY o.id;
ALTER VIEW kinds.by_owner ALTER COLUMN code SET DEFAULT 'z';
COMMENT ON VIEW kinds.by_owner IS 'groups by the key';
COMMENT ON COLUMN kinds.by_owner.children IS 'how many';
GRANT SELECT (id, code) ON kinds.by_owner TO "kinds reader";
ALTER VIEW kinds.by_owner OWNER TO kinds_owner;
CREATE VIEW kinds.barrier WITH (security_barrier = true) AS SELECT id FROM kinds.parted WHERE at > 0;
CREATE MATERIALIZED VIEW kinds.filled AS SELECT id, code FROM kinds.owner_table;
CREATE MATERIALIZED VIEW kinds.never_filled USING heap_again AS SELECT id FROM kinds.owner_table WITH NO DATA;
CREATE UNIQUE INDEX filled_id ON kinds.filled (id);
COMMENT ON COLUMN kinds.filled.code IS 'a materialized view''s column';
ALTER MATERIALIZED VIEW kinds.filled ALTER COLUMN code SET STORAGE EXTERNAL;
GRANT SELECT ON kinds.filled TO "kinds reader";
GRANT SELECT (code) ON kinds.filled TO PUBLIC;

-- FOREIGN DATA WRAPPER, SERVER, USER MAPPING, FOREIGN TABLE -----------------------------------------------------------
CREATE FOREIGN DATA WRAPPER "plain fdw" OPTIONS (mode 'it''s');
COMMENT ON FOREIGN DATA WRAPPER "plain fdw" IS 'no handler';
CREATE SERVER remote FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host 'localhost', dbname 'elsewhere');
CREATE SERVER plain_server TYPE 'kind' VERSION '1.0' FOREIGN DATA WRAPPER "plain fdw";
COMMENT ON SERVER remote IS 'the other database';
GRANT USAGE ON FOREIGN SERVER remote TO "kinds reader";
ALTER SERVER plain_server OWNER TO kinds_owner;
CREATE USER MAPPING FOR PUBLIC SERVER plain_server OPTIONS (who 'anyone');
CREATE USER MAPPING FOR "kinds reader" SERVER remote OPTIONS (user 'reader');
CREATE FOREIGN TABLE kinds.far_items (id int OPTIONS (column_name 'item_id') NOT NULL, label text DEFAULT 'none',
    CONSTRAINT far_positive CHECK (id > 0)) SERVER remote OPTIONS (schema_name 'public', table_name 'items');
COMMENT ON FOREIGN TABLE kinds.far_items IS 'rows live elsewhere';
GRANT SELECT (label) ON kinds.far_items TO "kinds reader";

-- PUBLICATION, PUBLICATION TABLE, EVENT TRIGGER, DEFAULT ACL ------------------------------------------------------------
CREATE PUBLICATION every_table FOR ALL TABLES WITH (publish = 'insert, update');
CREATE PUBLICATION some_tables FOR TABLE kinds.owner_table, kinds.parted WITH (publish_via_partition_root = true);
COMMENT ON PUBLICATION some_tables IS 'two';
-- SUBSCRIPTION: made without connecting (nothing listens on port 1); its owner must be a superuser up to 15
CREATE SUBSCRIPTION kinds_sub CONNECTION 'host=127.0.0.1 port=1 dbname=kinds' PUBLICATION every_table, "Other Pub"
    WITH (connect = false, slot_name = NONE, synchronous_commit = 'local');
COMMENT ON SUBSCRIPTION kinds_sub IS 'from nowhere';
ALTER PUBLICATION some_tables OWNER TO kinds_owner;
CREATE FUNCTION kinds.log_ddl() RETURNS event_trigger LANGUAGE plpgsql AS 'BEGIN END';
CREATE EVENT TRIGGER on_create ON ddl_command_end WHEN TAG IN ('CREATE TABLE') EXECUTE FUNCTION kinds.log_ddl();
CREATE EVENT TRIGGER on_drop ON sql_drop EXECUTE FUNCTION kinds.log_ddl();
ALTER EVENT TRIGGER on_drop DISABLE;
COMMENT ON EVENT TRIGGER on_create IS 'watches';
ALTER DEFAULT PRIVILEGES IN SCHEMA kinds GRANT SELECT ON TABLES TO "kinds reader";
ALTER DEFAULT PRIVILEGES FOR ROLE kinds_owner REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;
ALTER DEFAULT PRIVILEGES GRANT USAGE ON TYPES TO "kinds reader" WITH GRANT OPTION;

-- ACL on what every database has: pg_catalog objects and extension members ---------------------------------------------
GRANT SELECT (rolname) ON pg_catalog.pg_authid TO "kinds reader";
GRANT EXECUTE ON FUNCTION pg_catalog.pg_ls_dir(text) TO "kinds reader";
REVOKE EXECUTE ON FUNCTION pg_catalog.pg_sleep(double precision) FROM PUBLIC;
GRANT USAGE ON FOREIGN DATA WRAPPER postgres_fdw TO "kinds reader";
REVOKE EXECUTE ON FUNCTION kinds.citext(boolean) FROM PUBLIC;
