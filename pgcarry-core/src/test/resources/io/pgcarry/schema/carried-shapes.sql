-- Shapes pgcarry carries although they were once refused or lost; valid on 13 and 17.
CREATE SCHEMA shapes;
CREATE DOMAIN shapes.posint AS int;
ALTER DOMAIN shapes.posint ADD CONSTRAINT pos CHECK (VALUE > 0) NOT VALID;
CREATE TABLE shapes.zero ();
INSERT INTO shapes.zero DEFAULT VALUES;
INSERT INTO shapes.zero DEFAULT VALUES;
CREATE TABLE shapes.amount (id int PRIMARY KEY, p shapes.posint, v int, note text);
INSERT INTO shapes.amount VALUES (1, 1, -5, 'before the check');
ALTER TABLE shapes.amount ADD CONSTRAINT amount_v_positive CHECK (v > 0) NOT VALID;
ALTER TABLE shapes.amount ALTER COLUMN v SET STATISTICS 500;
ALTER TABLE shapes.amount ALTER COLUMN note SET STORAGE EXTERNAL;
ALTER TABLE shapes.amount SET (fillfactor = 80, toast.autovacuum_enabled = false);
ALTER TABLE shapes.amount CLUSTER ON amount_pkey;
CREATE INDEX amount_note ON shapes.amount (note);
CREATE TABLE shapes.other (id int, v int);
CREATE INDEX other_v ON shapes.other (v);
ALTER TABLE shapes.other CLUSTER ON other_v;
CREATE MATERIALIZED VIEW shapes.never_filled AS SELECT id FROM shapes.amount WITH NO DATA;
CREATE MATERIALIZED VIEW shapes.filled AS SELECT id FROM shapes.amount;
-- aclitem has no binary I/O: its table is copied as text
CREATE TABLE shapes.grants (id int PRIMARY KEY, a aclitem, many aclitem[]);
INSERT INTO shapes.grants VALUES (1, 'postgres=r/postgres', '{postgres=rw/postgres}');
-- a replica identity through a unique index
CREATE TABLE shapes.ident (id int NOT NULL, y int);
CREATE UNIQUE INDEX ident_id ON shapes.ident (id);
ALTER TABLE shapes.ident REPLICA IDENTITY USING INDEX ident_id;
INSERT INTO shapes.ident VALUES (1, 1), (2, 2);
-- a typed table, with a column option and a key, and a child that inherits it
CREATE TYPE shapes.pair AS (a int, b text);
CREATE TABLE shapes.typed OF shapes.pair (a WITH OPTIONS NOT NULL DEFAULT 0, PRIMARY KEY (a));
CREATE TABLE shapes.typed_child (extra int) INHERITS (shapes.typed);
INSERT INTO shapes.typed VALUES (1, 'one');
INSERT INTO shapes.typed_child VALUES (2, 'two', 22);
-- a check that calls a function of its own table's row type: the table, then the function, then the check
CREATE TABLE shapes.checked_by_row (f1 int);
CREATE FUNCTION shapes.row_ok(shapes.checked_by_row) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT $1.f1 > 0';
ALTER TABLE shapes.checked_by_row ADD CONSTRAINT row_ok_check CHECK (shapes.row_ok(checked_by_row.*));
INSERT INTO shapes.checked_by_row VALUES (1), (2);
-- a table with a generated column adopted by a parent with the same one: the child takes the parent's expression
CREATE TABLE shapes.gen_parent (a int, b int GENERATED ALWAYS AS (a * 2) STORED);
CREATE TABLE shapes.gen_adopted (a int, b int GENERATED ALWAYS AS (a * 2) STORED);
ALTER TABLE shapes.gen_adopted INHERIT shapes.gen_parent;
INSERT INTO shapes.gen_adopted (a) VALUES (1), (2);
