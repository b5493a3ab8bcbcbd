-- Source data for the zoo schema.
INSERT INTO "Animal" ("Name", mood, moods, "damId", doc, raw, photo, tags, scores, "uuid", price, ratio, born, local_time, age, ip, legs, home)
OVERRIDING SYSTEM VALUE
SELECT 'animal ' || i || CASE WHEN i % 7 = 0 THEN E'\twith\ttabs\nand newline \\ backslash' ELSE '' END,
       (ARRAY['happy', 'sad', 'grumpy']::"Mood"[])[1 + i % 3],
       ARRAY['happy', 'grumpy']::"Mood"[],
       NULL,
       jsonb_build_object('z', i, 'a', jsonb_build_array(i, 'x', NULL), 'nested', jsonb_build_object('k', 'v"q')),
       ('{"b": 1, "a": ' || i || '}')::json,
       decode(md5(i::text), 'hex'),
       ARRAY['t,1', 't"2', NULL, ''],
       ARRAY[i, -i],
       md5(i::text)::uuid,
       i * 1.25,
       i / 3.0,
       timestamptz '2024-03-10 12:00:00+02' + i * interval '1 minute',
       timestamp '2024-03-10 12:00:00' + i * interval '1 second',
       i * interval '1 hour 3 minutes',
       ('10.0.' || (i % 255) || '.1')::inet,
       1 + i % 4,
       ROW('Main St ' || i, '1000' || (i % 10))::address
  FROM generate_series(1, 2000) i;
UPDATE "Animal" SET "damId" = id - 1 WHERE id > 1 AND id % 2 = 0;
INSERT INTO "Animal" ("Name", ratio, doc) OVERRIDING SYSTEM VALUE VALUES ('floaty', 'NaN', '{}'), ('inf', 'Infinity', 'null');
INSERT INTO "bazaar-vid_exports" ("select", animal, "ünïcödé")
SELECT CASE WHEN i % 5 = 0 THEN NULL ELSE 'sel ' || i END, 1 + i % 2000, 'ünï ' || i FROM generate_series(1, 3000) i;
INSERT INTO cycle_a (id) SELECT i FROM generate_series(1, 100) i;
INSERT INTO cycle_b (id, a_id) SELECT i, i FROM generate_series(1, 100) i;
UPDATE cycle_a SET b_id = id;
INSERT INTO composite_parent SELECT i, 'k' || i FROM generate_series(1, 50) i;
INSERT INTO composite_child SELECT i, i, 'k' || i FROM generate_series(1, 50) i;
INSERT INTO no_key SELECT 'dup', 1 FROM generate_series(1, 3);
INSERT INTO no_key VALUES (NULL, NULL), ('', 0);
INSERT INTO measurements SELECT i, date '2023-06-01' + (i % 400), i / 7.0 FROM generate_series(1, 5000) i;
INSERT INTO "a_table_name_that_is_exactly_sixty_three_bytes_long_abcdefghijk" VALUES (1, 'x');
INSERT INTO big SELECT i, repeat(md5(i::text), 3) FROM generate_series(1, 60000) i;
ANALYZE;
