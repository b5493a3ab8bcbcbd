-- Large objects of every shape pgcarry carries, and a table that refers to them by OID, as applications do.
-- Run as a superuser (the test server's role); roles are the server's, so they may exist from an earlier test.
DO $$ BEGIN CREATE ROLE lo_other; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE lo_reader; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
CREATE TABLE document (id int PRIMARY KEY, title text NOT NULL, body oid);
-- empty
SELECT lo_create(70001);
-- a few bytes
SELECT lo_from_bytea(70002, convert_to('hello, large object', 'UTF8'));
-- about 5 MB holding every byte value; a period of 257 bytes makes each 1 MB piece differ from the others
SELECT lo_from_bytea(70003, decode(repeat((SELECT string_agg(lpad(to_hex(i), 2, '0'), '' ORDER BY i) FROM generate_series(0, 255) i)
                                          || '00', 20400), 'hex'));
-- with a comment
SELECT lo_from_bytea(70004, '\x00ff00ff'::bytea);
COMMENT ON LARGE OBJECT 70004 IS 'the scanned contract, it''s signed';
-- owned by another role
SELECT lo_from_bytea(70005, convert_to('owned elsewhere', 'UTF8'));
ALTER LARGE OBJECT 70005 OWNER TO lo_other;
-- readable by one more role
SELECT lo_from_bytea(70006, convert_to('shared with a reader', 'UTF8'));
GRANT SELECT ON LARGE OBJECT 70006 TO lo_reader;
INSERT INTO document VALUES (1, 'empty', 70001), (2, 'greeting', 70002), (3, 'bytes', 70003), (4, 'contract', 70004),
                            (5, 'other''s', 70005), (6, 'shared', 70006);
