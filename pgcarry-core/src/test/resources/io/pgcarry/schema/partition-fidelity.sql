-- Partition shapes that PostgreSQL's regression database holds and a copy got wrong (issue 16); valid on 13 and 17.
CREATE SCHEMA pf;
-- a foreign key referencing a partitioned table, whose pieces (one per referenced partition, at every level) are
-- valid; one declared on a partition itself
CREATE TABLE pf.droppk (a int PRIMARY KEY) PARTITION BY RANGE (a);
CREATE TABLE pf.droppk1 PARTITION OF pf.droppk FOR VALUES FROM (0) TO (1000);
CREATE TABLE pf.droppk_d PARTITION OF pf.droppk DEFAULT;
CREATE TABLE pf.droppk2 PARTITION OF pf.droppk FOR VALUES FROM (1000) TO (2000) PARTITION BY RANGE (a);
CREATE TABLE pf.droppk21 PARTITION OF pf.droppk2 FOR VALUES FROM (1000) TO (1400);
CREATE TABLE pf.droppk2_d PARTITION OF pf.droppk2 DEFAULT;
INSERT INTO pf.droppk VALUES (1), (1000), (1500), (2000);
CREATE TABLE pf.dropfk (a int REFERENCES pf.droppk);
INSERT INTO pf.dropfk VALUES (1), (1000), (1500), (2000);
CREATE TABLE pf.fkparted (id int, a int) PARTITION BY LIST (id);
CREATE TABLE pf.fkparted1 PARTITION OF pf.fkparted FOR VALUES IN (1);
ALTER TABLE pf.fkparted1 ADD CONSTRAINT fkparted1_a_fkey FOREIGN KEY (a) REFERENCES pf.droppk;
INSERT INTO pf.fkparted VALUES (1, 1500);

-- partition indexes: the regression database's tree, where idxpart21 has no index (so idxpart2_a_idx and
-- idxpart_a_idx stay INVALID) and idxpart22's own index was attached
CREATE TABLE pf.idxpart (a int, b int, c text) PARTITION BY RANGE (a);
CREATE TABLE pf.idxpart1 PARTITION OF pf.idxpart FOR VALUES FROM (0) TO (100);
CREATE TABLE pf.idxpart2 PARTITION OF pf.idxpart FOR VALUES FROM (100) TO (1000) PARTITION BY RANGE (a);
CREATE TABLE pf.idxpart21 PARTITION OF pf.idxpart2 FOR VALUES FROM (100) TO (200);
CREATE TABLE pf.idxpart22 PARTITION OF pf.idxpart2 FOR VALUES FROM (200) TO (300);
CREATE INDEX ON pf.idxpart22 (a);
CREATE INDEX ON ONLY pf.idxpart2 (a);
ALTER INDEX pf.idxpart2_a_idx ATTACH PARTITION pf.idxpart22_a_idx;
CREATE INDEX ON pf.idxpart (a);
-- a partition's own index, made first under a name of its own, which the parent's index (with INCLUDE) took over
CREATE INDEX idxpart1_mine ON pf.idxpart1 (b) INCLUDE (c);
CREATE INDEX idxpart_b_c_idx ON pf.idxpart (b) INCLUDE (c);
COMMENT ON INDEX pf.idxpart1_mine IS 'made before its parent''s';
-- an expression index, and a partition index of the same definition left alone beside the attached one
CREATE INDEX idxpart_lower ON pf.idxpart (lower(c));
CREATE INDEX idxpart1_lower_alone ON pf.idxpart1 (lower(c));
-- a partition attached after its parent's index was made, with an index of another opclass and one that matches
CREATE TABLE pf.idxpart3 (a int, b int, c text);
CREATE INDEX idxpart3_pattern ON pf.idxpart3 (c text_pattern_ops);
CREATE INDEX idxpart3_b ON pf.idxpart3 (b) INCLUDE (c);
ALTER TABLE pf.idxpart ATTACH PARTITION pf.idxpart3 FOR VALUES FROM (1000) TO (2000);
-- a plain tree, which a CREATE INDEX on the parent makes as it is
CREATE TABLE pf.plain (a int, b int) PARTITION BY LIST (a);
CREATE TABLE pf.plain1 PARTITION OF pf.plain FOR VALUES IN (1);
CREATE TABLE pf.plain2 PARTITION OF pf.plain FOR VALUES IN (2) PARTITION BY LIST (a);
CREATE TABLE pf.plain21 PARTITION OF pf.plain2 FOR VALUES IN (2);
CREATE INDEX plain_b_idx ON pf.plain (b);
INSERT INTO pf.idxpart VALUES (1, 1, 'one'), (150, 2, 'two'), (250, 3, 'three'), (1500, 4, 'four');

-- column storage and statistics targets of partitions and inheritance children, their own or taken from the parent
CREATE TABLE pf.st (id int, t text, n numeric) PARTITION BY LIST (id);
ALTER TABLE pf.st ALTER COLUMN t SET STORAGE EXTERNAL;
CREATE TABLE pf.st1 PARTITION OF pf.st FOR VALUES IN (1);
CREATE TABLE pf.st2 PARTITION OF pf.st FOR VALUES IN (2) PARTITION BY LIST (id);
CREATE TABLE pf.st21 PARTITION OF pf.st2 FOR VALUES IN (2);
CREATE TABLE pf.st3 (id int, t text, n numeric);
ALTER TABLE pf.st ATTACH PARTITION pf.st3 FOR VALUES IN (3);
ALTER TABLE ONLY pf.st1 ALTER COLUMN t SET STORAGE MAIN;
ALTER TABLE ONLY pf.st1 ALTER COLUMN n SET STATISTICS 42;
ALTER TABLE pf.st2 ALTER COLUMN t SET STORAGE PLAIN;
ALTER TABLE ONLY pf.st21 ALTER COLUMN n SET STATISTICS 7;
ALTER TABLE pf.st ALTER COLUMN id SET STATISTICS 300;
INSERT INTO pf.st VALUES (1, 'one', 1), (2, 'two', 2), (3, 'three', 3);
CREATE TABLE pf.ip (id int, t text);
CREATE TABLE pf.ic () INHERITS (pf.ip);
ALTER TABLE ONLY pf.ic ALTER COLUMN t SET STORAGE MAIN;
ALTER TABLE ONLY pf.ic ALTER COLUMN id SET STATISTICS 5;
