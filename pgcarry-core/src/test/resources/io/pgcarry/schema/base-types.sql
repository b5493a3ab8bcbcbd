-- Base types, a shell type and a range type with a canonical function; valid on 13 and 17, as a superuser (their
-- functions are PostgreSQL's own, declared again in language internal for the new types).
CREATE SCHEMA bt;
CREATE TYPE bt.myint;
CREATE FUNCTION bt.myint_in(cstring) RETURNS bt.myint LANGUAGE internal IMMUTABLE STRICT AS 'int4in';
CREATE FUNCTION bt.myint_out(bt.myint) RETURNS cstring LANGUAGE internal IMMUTABLE STRICT AS 'int4out';
CREATE FUNCTION bt.myint_recv(internal) RETURNS bt.myint LANGUAGE internal IMMUTABLE STRICT AS 'int4recv';
CREATE FUNCTION bt.myint_send(bt.myint) RETURNS bytea LANGUAGE internal IMMUTABLE STRICT AS 'int4send';
CREATE TYPE bt.myint (INPUT = bt.myint_in, OUTPUT = bt.myint_out, RECEIVE = bt.myint_recv, SEND = bt.myint_send,
    INTERNALLENGTH = 4, PASSEDBYVALUE, ALIGNMENT = int4, STORAGE = plain, CATEGORY = 'N', PREFERRED = true,
    DEFAULT = '7', DELIMITER = ';');
COMMENT ON TYPE bt.myint IS 'an int4 of our own';
CREATE TYPE bt.mytext;
CREATE FUNCTION bt.mytext_in(cstring, oid, integer) RETURNS bt.mytext LANGUAGE internal IMMUTABLE STRICT AS 'varcharin';
CREATE FUNCTION bt.mytext_out(bt.mytext) RETURNS cstring LANGUAGE internal IMMUTABLE STRICT AS 'varcharout';
CREATE FUNCTION bt.mytext_typmod_in(cstring[]) RETURNS integer LANGUAGE internal IMMUTABLE STRICT AS 'varchartypmodin';
CREATE FUNCTION bt.mytext_typmod_out(integer) RETURNS cstring LANGUAGE internal IMMUTABLE STRICT AS 'varchartypmodout';
CREATE TYPE bt.mytext (INPUT = bt.mytext_in, OUTPUT = bt.mytext_out, TYPMOD_IN = bt.mytext_typmod_in,
    TYPMOD_OUT = bt.mytext_typmod_out, INTERNALLENGTH = VARIABLE, STORAGE = extended, CATEGORY = 'S', COLLATABLE = true);
-- a fixed-length pair of float8 whose elements subscript (raw_array_subscript_handler from 14 on, said by ELEMENT alone)
CREATE TYPE bt.pair;
CREATE FUNCTION bt.pair_in(cstring) RETURNS bt.pair LANGUAGE internal IMMUTABLE STRICT AS 'point_in';
CREATE FUNCTION bt.pair_out(bt.pair) RETURNS cstring LANGUAGE internal IMMUTABLE STRICT AS 'point_out';
CREATE TYPE bt.pair (INPUT = bt.pair_in, OUTPUT = bt.pair_out, INTERNALLENGTH = 16, ELEMENT = float8, ALIGNMENT = double);
CREATE TYPE bt.shell_only;
COMMENT ON TYPE bt.shell_only IS 'declared, never defined';
CREATE TYPE bt.irange;
CREATE FUNCTION bt.irange_canonical(bt.irange) RETURNS bt.irange LANGUAGE internal IMMUTABLE STRICT AS 'int4range_canonical';
CREATE TYPE bt.irange AS RANGE (SUBTYPE = int4, CANONICAL = bt.irange_canonical);
CREATE TABLE bt.uses (id bt.myint, name bt.mytext(20) COLLATE "C", span bt.irange, names bt.mytext[], p bt.pair);
INSERT INTO bt.uses VALUES ('1', 'one', '[1,3]', '{a,b}', '(1,2)'), (DEFAULT, 'dflt', '(1,5)', NULL, NULL);
CREATE VIEW bt.v AS SELECT id, name FROM bt.uses;
