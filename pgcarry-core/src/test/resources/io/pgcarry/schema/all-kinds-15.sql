-- The part of all-kinds.sql that needs PostgreSQL 15 or later (after all-kinds-14.sql).
-- PUBLICATION TABLES IN SCHEMA, column lists and row filters
CREATE TABLE "Kinds Two".published (id int PRIMARY KEY, v int, secret text);
CREATE PUBLICATION in_schema FOR TABLES IN SCHEMA "Kinds Two", TABLE kinds.zero WITH (publish = 'insert');
CREATE PUBLICATION filtered FOR TABLE kinds.child_table (id, owner_id) WHERE (owner_id > 0), TABLE ONLY kinds.heir
    WHERE (note IS NOT NULL) WITH (publish = 'insert');
-- unlogged sequences, an identity sequence logged otherwise than its table
CREATE UNLOGGED SEQUENCE kinds.scratch;
CREATE TABLE kinds.ident_mixed (a int GENERATED ALWAYS AS IDENTITY);
ALTER SEQUENCE kinds.ident_mixed_a_seq SET UNLOGGED;
-- NULLS NOT DISTINCT, security_invoker views
CREATE TABLE kinds.nnd (a int, CONSTRAINT nnd_a UNIQUE NULLS NOT DISTINCT (a));
CREATE VIEW kinds.invoker WITH (security_invoker = true) AS SELECT a FROM kinds.nnd;
