-- Partitions and inheritance children whose columns stand in another order than CREATE TABLE ... PARTITION OF or
-- ... INHERITS gives (ColumnOrderIT). Runs on PostgreSQL 13 and on.
CREATE SCHEMA co;

-- (a) partitions created on their own, their columns in another order, then attached: with a generated column, a
-- default of their own, NOT NULL, a collation, the parent's check (ATTACH wants it there) and a check of their own
CREATE TABLE co.measure (
    id int NOT NULL,
    at date NOT NULL,
    v numeric DEFAULT 0,
    twice numeric GENERATED ALWAYS AS (v * 2) STORED,
    note text COLLATE "C",
    CONSTRAINT v_positive CHECK (v >= 0)
) PARTITION BY RANGE (at);
CREATE TABLE co.measure_2024 (
    note text COLLATE "C",
    twice numeric GENERATED ALWAYS AS (v * 2) STORED,
    v numeric DEFAULT 1,
    at date NOT NULL,
    id int NOT NULL,
    CONSTRAINT v_positive CHECK (v >= 0),
    CONSTRAINT small CHECK (v < 1000)
);
ALTER TABLE co.measure ATTACH PARTITION co.measure_2024 FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE co.measure_2025 PARTITION OF co.measure FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
CREATE TABLE co.measure_other (at date NOT NULL, id int NOT NULL, v numeric, twice numeric GENERATED ALWAYS AS (v * 2) STORED,
                               note text COLLATE "C", CONSTRAINT v_positive CHECK (v >= 0));
ALTER TABLE co.measure ATTACH PARTITION co.measure_other DEFAULT;
CREATE INDEX measure_id ON co.measure (id);
COMMENT ON TABLE co.measure_2024 IS 'attached';
INSERT INTO co.measure (id, at, v, note) VALUES (1, '2024-05-01', 3, 'a'), (2, '2025-05-01', 4, 'b'), (3, '2030-01-01', 5, 'c');

-- (b) a parent with a dropped column: partitions made before and after the drop, and one of another order attached
CREATE TABLE co.dropped (a int, gone int, b text, c int) PARTITION BY LIST (a);
CREATE TABLE co.dropped_1 PARTITION OF co.dropped FOR VALUES IN (1);
ALTER TABLE co.dropped DROP COLUMN gone;
CREATE TABLE co.dropped_2 PARTITION OF co.dropped FOR VALUES IN (2);
CREATE TABLE co.dropped_3 (c int, b text, a int);
ALTER TABLE co.dropped ATTACH PARTITION co.dropped_3 FOR VALUES IN (3);
INSERT INTO co.dropped VALUES (1, 'one', 10), (2, 'two', 20), (3, 'three', 30);

-- (c) a tree of three levels: a partitioned partition of another order, with a partition of its own order and one of
-- its parent's (which PARTITION OF gives)
CREATE TABLE co.tree (k int, sub int, payload text) PARTITION BY LIST (k);
CREATE TABLE co.tree_1 (payload text, sub int, k int) PARTITION BY LIST (sub);
CREATE TABLE co.tree_1_a (sub int, k int, payload text);
ALTER TABLE co.tree_1 ATTACH PARTITION co.tree_1_a FOR VALUES IN (1);
CREATE TABLE co.tree_1_b PARTITION OF co.tree_1 FOR VALUES IN (2);
ALTER TABLE co.tree ATTACH PARTITION co.tree_1 FOR VALUES IN (1);
CREATE TABLE co.tree_2 PARTITION OF co.tree FOR VALUES IN (2);
CREATE INDEX tree_k_sub ON co.tree (k, sub);
INSERT INTO co.tree VALUES (1, 1, 'one-a'), (1, 2, 'one-b'), (2, 7, 'two');

-- (d) inheritance children created with their own columns in another order, then made to inherit (as
-- gtestxx_4 and test_type_diff2_c1 of PostgreSQL's regression tests): a generated column, a default of their own, the
-- parent's check defined by the child too
CREATE TABLE co.animal (
    id int NOT NULL,
    name text,
    legs int DEFAULT 4,
    double_legs int GENERATED ALWAYS AS (legs * 2) STORED,
    CONSTRAINT legs_ok CHECK (legs >= 0)
);
CREATE TABLE co.bird (
    wings int,
    double_legs int GENERATED ALWAYS AS (legs * 2) STORED,
    legs int DEFAULT 2,
    name text,
    id int NOT NULL,
    CONSTRAINT legs_ok CHECK (legs >= 0)
);
ALTER TABLE co.bird INHERIT co.animal;
INSERT INTO co.animal (id, name) VALUES (1, 'generic');
INSERT INTO co.bird (wings, legs, name, id) VALUES (2, 2, 'robin', 2);

-- (e) a child that redefines an inherited column (its default and NOT NULL) and adds one: INHERITS gives its order
CREATE TABLE co.cat (legs int NOT NULL DEFAULT 4, whiskers int) INHERITS (co.animal);
INSERT INTO co.cat (id, name, whiskers) VALUES (3, 'tom', 24);

-- (f) multiple inheritance: a child INHERITS makes (a column both parents have merged), and one made to inherit
-- both after it was created, its columns in another order
CREATE TABLE co.named (id int NOT NULL, name text);
CREATE TABLE co.tagged (tag text, name text);
CREATE TABLE co.both_ways (x int) INHERITS (co.named, co.tagged);
CREATE TABLE co.both_later (tag text, x int, name text, id int NOT NULL);
ALTER TABLE co.both_later INHERIT co.named;
ALTER TABLE co.both_later INHERIT co.tagged;
INSERT INTO co.both_ways VALUES (1, 'w', 'tw', 9);
INSERT INTO co.both_later (tag, x, name, id) VALUES ('tl', 8, 'l', 2);

-- (g) columns an inheritance tree gained after its children had columns of their own (as a_star ... f_star of
-- PostgreSQL's regression tests): the children have them last, after their own, which INHERITS cannot give; with a
-- check, a child's own default and a view that read such a column
CREATE TABLE co.star_a (class char, aa int);
CREATE TABLE co.star_b (bb text) INHERITS (co.star_a);
CREATE TABLE co.star_c (cc name) INHERITS (co.star_a);
CREATE TABLE co.star_d (dd float8) INHERITS (co.star_b, co.star_c);
CREATE TABLE co.star_e (ee int2) INHERITS (co.star_c);
CREATE TABLE co.star_f (ff int) INHERITS (co.star_e);
ALTER TABLE co.star_f ADD COLUMN f int4;
ALTER TABLE co.star_e ADD COLUMN e int4;
ALTER TABLE co.star_a ADD COLUMN a text NOT NULL DEFAULT 'x';
ALTER TABLE co.star_a ADD CONSTRAINT a_set CHECK (a <> '');
ALTER TABLE ONLY co.star_b ALTER COLUMN a SET DEFAULT 'b';
ALTER TABLE co.star_f ADD COLUMN g int GENERATED ALWAYS AS (e * 2) STORED;
CREATE VIEW co.star_f_all AS SELECT * FROM co.star_f;
INSERT INTO co.star_f (class, aa, cc, ee, ff, f, e, a) VALUES ('f', 1, 'c', 2, 3, 4, 5, 'y');
INSERT INTO co.star_d (class, aa, bb, cc, dd) VALUES ('d', 1, 'b', 'c', 0.5);
-- a child that redefines its parent's column, then gains one from it
CREATE TABLE co.late_p (a int);
CREATE TABLE co.late_c (x int, a int);
ALTER TABLE co.late_c INHERIT co.late_p;
ALTER TABLE co.late_p ADD COLUMN b int;
