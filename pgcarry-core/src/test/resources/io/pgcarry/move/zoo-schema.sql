-- A schema with the types, names and shapes a move must carry. Applied to both sides.
CREATE TYPE "Mood" AS ENUM ('happy', 'sad', 'grumpy');
CREATE DOMAIN positive_int AS integer CHECK (VALUE > 0);
CREATE TYPE address AS (street text, zip varchar(10));

CREATE TABLE "Animal" (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    "Name"      text NOT NULL,
    mood        "Mood" NOT NULL DEFAULT 'happy',
    moods       "Mood"[],
    "damId"     bigint REFERENCES "Animal" (id),
    doc         jsonb,
    raw         json,
    photo       bytea,
    tags        text[],
    scores      integer[],
    "uuid"      uuid,
    price       numeric(12, 2),
    ratio       double precision,
    born        timestamptz,
    local_time  timestamp,
    age         interval,
    ip          inet,
    legs        positive_int,
    home        address,
    upper_name  text GENERATED ALWAYS AS (upper("Name")) STORED
);

CREATE TABLE "bazaar-vid_exports" (
    "order"     serial PRIMARY KEY,
    "select"    text,
    animal      bigint REFERENCES "Animal" (id) ON DELETE CASCADE,
    "ünïcödé"   text
);
CREATE INDEX "bazaar-vid_exports_animal_idx" ON "bazaar-vid_exports" (animal);

CREATE TABLE cycle_a (id int PRIMARY KEY, b_id int);
CREATE TABLE cycle_b (id int PRIMARY KEY, a_id int REFERENCES cycle_a (id));
ALTER TABLE cycle_a ADD FOREIGN KEY (b_id) REFERENCES cycle_b (id);

CREATE TABLE composite_parent (k1 int, k2 text, PRIMARY KEY (k1, k2));
CREATE TABLE composite_child (id int PRIMARY KEY, k1 int, k2 text, FOREIGN KEY (k1, k2) REFERENCES composite_parent (k1, k2));

CREATE TABLE no_key (a text, b int);

CREATE TABLE measurements (id bigint NOT NULL, at date NOT NULL, value numeric, PRIMARY KEY (id, at)) PARTITION BY RANGE (at);
CREATE TABLE measurements_2023 PARTITION OF measurements FOR VALUES FROM ('2023-01-01') TO ('2024-01-01');
CREATE TABLE measurements_2024 PARTITION OF measurements FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');

CREATE TABLE "a_table_name_that_is_exactly_sixty_three_bytes_long_abcdefghijk" (id int PRIMARY KEY, v text);

CREATE TABLE big (id int PRIMARY KEY, payload text NOT NULL);
CREATE INDEX big_payload_idx ON big (payload);
