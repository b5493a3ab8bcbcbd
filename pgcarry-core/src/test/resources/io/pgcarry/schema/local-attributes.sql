-- Attributes objects hold beyond what their CREATE gives them (LocalAttributes); valid on 13 and 17, as a superuser.
CREATE SCHEMA local;
CREATE SEQUENCE local.ticket;
-- partitions: their own defaults (or none where the parent has one), NOT NULL, at two levels
CREATE TABLE local.parted (id int, at int, note text DEFAULT 'parent', code int DEFAULT nextval('local.ticket'))
    PARTITION BY RANGE (id);
CREATE TABLE local.part1 PARTITION OF local.parted FOR VALUES FROM (0) TO (10);
ALTER TABLE local.part1 ALTER COLUMN at SET DEFAULT 1;
ALTER TABLE local.part1 ALTER COLUMN at SET NOT NULL;
ALTER TABLE local.part1 ALTER COLUMN note DROP DEFAULT;
CREATE TABLE local.part2 (id int, at int, note text, code int);
ALTER TABLE local.parted ATTACH PARTITION local.part2 FOR VALUES FROM (10) TO (20);
CREATE TABLE local.part3 PARTITION OF local.parted FOR VALUES FROM (20) TO (30) PARTITION BY RANGE (id);
CREATE TABLE local.part31 PARTITION OF local.part3 FOR VALUES FROM (20) TO (25);
ALTER TABLE local.part3 ALTER COLUMN at SET DEFAULT 3;
ALTER TABLE ONLY local.part31 ALTER COLUMN at SET DEFAULT 31;
INSERT INTO local.part1 (id) VALUES (1);
INSERT INTO local.part31 (id) VALUES (21);
INSERT INTO local.parted VALUES (11, 11, 'eleven', 11);
-- inheritance children: a default of their own, none, NOT NULL on an inherited column
CREATE TABLE local.parent (id int, note text DEFAULT 'p', flag boolean);
CREATE TABLE local.child () INHERITS (local.parent);
ALTER TABLE local.child ALTER COLUMN note SET DEFAULT 'c';
ALTER TABLE local.child ALTER COLUMN flag SET NOT NULL;
CREATE TABLE local.child2 () INHERITS (local.parent);
ALTER TABLE local.child2 ALTER COLUMN note DROP DEFAULT;
INSERT INTO local.child (id, flag) VALUES (1, true);
-- triggers whose clones on partitions are enabled otherwise than their parent's
CREATE FUNCTION local.touch() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RETURN NEW; END';
CREATE TRIGGER touch BEFORE INSERT ON local.parted FOR EACH ROW EXECUTE FUNCTION local.touch();
ALTER TABLE local.part1 DISABLE TRIGGER touch;
ALTER TABLE local.part3 ENABLE ALWAYS TRIGGER touch;
ALTER TABLE local.part31 ENABLE REPLICA TRIGGER touch;
CREATE TRIGGER quiet AFTER INSERT ON local.parted FOR EACH ROW EXECUTE FUNCTION local.touch();
ALTER TABLE local.parted DISABLE TRIGGER quiet;
ALTER TABLE local.part2 ENABLE TRIGGER quiet;
-- view column defaults, comments on view and materialized view columns
CREATE VIEW local.v AS SELECT id, at, note FROM local.parted;
ALTER VIEW local.v ALTER COLUMN at SET DEFAULT 7;
ALTER VIEW local.v ALTER COLUMN note SET DEFAULT nextval('local.ticket')::text;
COMMENT ON COLUMN local.v.id IS 'a view column';
CREATE MATERIALIZED VIEW local.mv AS SELECT id FROM local.parent;
COMMENT ON COLUMN local.mv.id IS 'a materialized view''s column';
-- comments on the indexes of keys
CREATE TABLE local.keyed (id int PRIMARY KEY, code text UNIQUE);
COMMENT ON INDEX local.keyed_pkey IS 'the key''s index';
COMMENT ON INDEX local.keyed_code_key IS 'unique';
COMMENT ON CONSTRAINT keyed_pkey ON local.keyed IS 'the key';
INSERT INTO local.keyed VALUES (1, 'one');
-- a table access method other than heap (the method itself is created beforehand, as an extension would)
CREATE TABLE local.other_am (id int, v text) USING heap2 WITH (fillfactor = 70);
CREATE MATERIALIZED VIEW local.mv_am USING heap2 AS SELECT id FROM local.keyed;
INSERT INTO local.other_am VALUES (1, 'x');
