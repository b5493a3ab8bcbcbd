-- The part of all-kinds.sql that needs PostgreSQL 14 or later.
-- column compression of a table and of a materialized view
ALTER TABLE kinds.settings ALTER COLUMN note SET COMPRESSION pglz;
ALTER MATERIALIZED VIEW kinds.filled ALTER COLUMN code SET COMPRESSION pglz;
-- procedures whose OUT arguments belong to their signature: p(a, b) names both without modes
CREATE PROCEDURE kinds.outs(OUT a int, b int) LANGUAGE plpgsql AS 'BEGIN a := b; END';
CREATE PROCEDURE kinds.outs(a int, b int) LANGUAGE plpgsql AS 'BEGIN END';
COMMENT ON PROCEDURE kinds.outs(OUT a int, b int) IS 'one out';
ALTER PROCEDURE kinds.outs(IN a int, IN b int) OWNER TO kinds_owner;
-- a function with an SQL-standard body, a range type with a named multirange, statistics on an expression
-- (through EXECUTE: the JDBC driver that runs this file splits statements at every semicolon of the body)
DO $$ BEGIN EXECUTE 'CREATE FUNCTION kinds.atomic_add(a int, b int) RETURNS int LANGUAGE sql IMMUTABLE BEGIN ATOMIC SELECT a + b; END'; END $$;
CREATE TYPE kinds.numrange2 AS RANGE (SUBTYPE = numeric, MULTIRANGE_TYPE_NAME = kinds.numranges);
CREATE TABLE kinds.multi (id int, spans kinds.numranges, ints int4multirange);
INSERT INTO kinds.multi VALUES (1, '{[1,2), [3,4)}', '{[1,3)}');
CREATE STATISTICS kinds.expr_stats ON (lower(code)), id FROM kinds.owner_table;
