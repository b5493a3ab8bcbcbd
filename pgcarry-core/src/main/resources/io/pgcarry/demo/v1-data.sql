-- pgcarry demo: data for schema "v1" (run v1-schema.sql first).
--
-- About 110,000 rows, all made by set-based INSERT ... SELECT over generate_series. Nothing is
-- random, so every run builds exactly the same database. Awkward values are there on purpose:
-- text with tabs, newlines, carriage returns, backslashes, quotes, the two characters \N, empty
-- strings next to NULLs, non-ASCII names, nested jsonb, jsonb null next to SQL NULL, text arrays
-- with commas and quotes, and timestamps with micro- and millisecond parts.
--
-- Control characters and backslashes are written as chr(9), chr(10), chr(13) and chr(92), so the
-- script does not depend on escape-string syntax. Plain SQL only (no psql meta-commands, no
-- semicolons inside literals or comments), so it runs the same through psql and through JDBC.
-- Timestamps are built from timestamptz literals with an explicit +00 offset, never from dates,
-- so the stored values do not depend on the session time zone.

-- Party: 20,000 people and organisations (every tenth one is a breeding organisation) -----

INSERT INTO "Party" ("id", "kind", "displayName", "email", "phone", "publicId", "address", "tags",
                     "creditLimit", "notes", "createdAt", "updatedAt")
SELECT g.i,
       CASE WHEN g.i % 10 = 0 THEN 'ORGANIZATION' ELSE 'PERSON' END::"PartyKind",
       CASE WHEN g.i % 10 = 0
            THEN (ARRAY['Oak Hollow', 'Riverbend', 'Stonegate', 'Maple Ridge', 'Sunny Acres', 'Blue Heron',
                        'Cedar Creek'])[g.i % 7 + 1]
                 || ' ' || (ARRAY['Kennels', 'Farm', 'Stables', 'Cattery', 'Ranch'])[g.i % 5 + 1]
            ELSE (ARRAY['Ava', 'Liam', 'Zoë', 'José', 'Siobhán', 'Noah', 'Mia', 'Ethan', 'Chloé', 'Björn',
                        'Amara', 'Kenji', 'Łucja'])[g.i % 13 + 1]
                 || ' ' || (ARRAY['Smith', 'O''Neil', 'García', 'Nguyen', 'Müller', 'Okafor', 'Johansson',
                                  'Dubois', 'Kowalski', 'Tanaka', 'Brown'])[g.i % 11 + 1]
       END,
       CASE WHEN g.i % 7 = 0 THEN NULL
            ELSE 'party' || g.i || '@' || (ARRAY['example.com', 'example.org', 'example.net'])[g.i % 3 + 1]
       END,
       CASE WHEN g.i % 3 = 0 THEN NULL ELSE '+1 555 ' || lpad((g.i % 10000)::text, 4, '0') END,
       md5('party:' || g.i)::uuid,
       CASE WHEN g.i % 11 = 0 THEN NULL
            ELSE jsonb_build_object(
                     'line1', (g.i % 900 + 100) || ' '
                              || (ARRAY['Elm St', 'Main St', 'Birch Rd', 'Harbor Way', 'Mill Ln'])[g.i % 5 + 1],
                     'line2', CASE WHEN g.i % 4 = 0 THEN 'Unit ' || (g.i % 40 + 1) END,
                     'city', (ARRAY['Portland', 'Austin', 'Boise', 'Madison', 'Asheville', 'Tucson',
                                    'Québec'])[g.i % 7 + 1],
                     'postalCode', lpad((g.i * 37 % 99999)::text, 5, '0'),
                     'country', CASE WHEN g.i % 7 = 6 THEN 'CA' ELSE 'US' END,
                     'geo', jsonb_build_object('lat', round(30 + (g.i % 1700) / 100.0, 4),
                                               'lng', round(-120 + (g.i % 4300) / 100.0, 4)),
                     'verified', g.i % 2 = 0)
       END,
       CASE g.i % 6
            WHEN 0 THEN ARRAY[]::text[]
            WHEN 1 THEN ARRAY['buyer']
            WHEN 2 THEN ARRAY['buyer', 'repeat']
            WHEN 3 THEN ARRAY['breeder', 'co-owner']
            WHEN 4 THEN ARRAY['vip', 'needs "follow-up"', 'pickup, weekends']
            ELSE ARRAY['waitlist', 'path ' || chr(92) || 'shared']
       END,
       CASE WHEN g.i % 4 = 0 THEN NULL ELSE (g.i * 7919 % 1000000) / 100.0 END,
       CASE WHEN g.i % 50 = 0
                 THEN 'Pickup on weekends only.' || chr(10) || 'Call before 5pm' || chr(9) || '(ask for "Sam")'
            WHEN g.i % 50 = 7
                 THEN 'Contract scan at C:' || chr(92) || 'Users' || chr(92) || 'kennel' || chr(92) || 'contracts'
                      || chr(92) || g.i || '.pdf'
            WHEN g.i % 50 = 13 THEN 'Referred by O''Brien''s farm, said it''s "the best"'
            WHEN g.i % 50 = 21 THEN 'Typed on Windows:' || chr(13) || chr(10) || 'second line' || chr(13) || chr(10)
            WHEN g.i % 50 = 33
                 THEN 'Literal text ' || chr(92) || 'N, ' || chr(92) || 't and ' || chr(92) || chr(92)
                      || ' must stay as typed'
            WHEN g.i % 50 = 42 THEN ''
            WHEN g.i % 5 = 0 THEN 'Prefers ' || (ARRAY['email', 'phone calls', 'text messages'])[g.i % 3 + 1]
            ELSE NULL
       END,
       t.created,
       t.created + (g.i % 400) * interval '1 hour 7 minutes'
FROM generate_series(1, 20000) AS g(i)
CROSS JOIN LATERAL (
    SELECT timestamptz '2019-03-01 08:00:00+00' + g.i * interval '83 minutes'
           + (g.i % 1000) * interval '1 millisecond' AS created
) AS t;

-- Animal: 40,000 animals. Even ids are female, odd ids male. The species follows (id / 2) % 20,
-- and dam and sire are found 40 to 240 ids lower with the same species, so every self-reference
-- points at an existing, lower id of the right sex and species. Breeders are organisations. ---

INSERT INTO "Animal" ("id", "breederId", "name", "nickname", "species", "sex", "status", "birthDate",
                      "damId", "sireId", "microchipNumber", "traits", "weightKg", "price",
                      "createdAt", "updatedAt")
SELECT g.i,
       (g.i % 2000 + 1) * 10,
       (ARRAY['Biscuit', 'Maple', 'Juniper', 'Hazel', 'Otis', 'Willow', 'Pepper', 'Clover', 'Ziggy', 'Luna',
              'Bramble', 'Fig', 'Nutmeg', 'Rosie', 'Thor', 'Pixel', 'Saffron'])[g.i % 17 + 1]
       || ' ' || (ARRAY['of Oak Hollow', 'von Riverbend', 'du Stonegate', 'of Maple Ridge',
                        'at Sunny Acres'])[g.i % 5 + 1]
       || ' ' || (ARRAY['I', 'II', 'III', 'IV', 'V', 'VI', 'VII'])[g.i % 7 + 1],
       CASE WHEN g.i % 101 = 0 THEN 'Mr. "Wiggles"'
            WHEN g.i % 103 = 0 THEN 'Lil'' Bit'
            WHEN g.i % 107 = 0 THEN 'Tab' || chr(9) || 'Cat'
            WHEN g.i % 109 = 0 THEN 'Back' || chr(92) || 'slash'
            WHEN g.i % 113 = 0 THEN 'Two' || chr(10) || 'Lines'
            WHEN g.i % 3 = 0 THEN NULL
            ELSE (ARRAY['Bis', 'Mapes', 'June', 'Hazy', 'O', 'Wills', 'Pep', 'Clo', 'Zig', 'Lulu', 'Bram',
                        'Figgy', 'Nut', 'Ro', 'T', 'Pix', 'Saffy'])[g.i % 17 + 1]
       END,
       CASE WHEN (g.i / 2) % 20 < 10 THEN 'DOG'
            WHEN (g.i / 2) % 20 < 16 THEN 'CAT'
            WHEN (g.i / 2) % 20 < 18 THEN 'HORSE'
            WHEN (g.i / 2) % 20 = 18 THEN 'GOAT'
            ELSE 'SHEEP'
       END::"Species",
       CASE WHEN g.i % 2 = 0 THEN 'FEMALE' ELSE 'MALE' END::"Sex",
       CASE WHEN g.i % 23 = 0 THEN 'DECEASED'
            WHEN g.i % 5 = 1 THEN 'SOLD'
            WHEN g.i % 7 = 0 THEN 'BREEDING'
            ELSE 'ACTIVE'
       END::"AnimalStatus",
       CASE WHEN g.i % 50 = 49 THEN NULL ELSE date '2008-01-01' + (g.i * 4) / 25 END,
       CASE WHEN g.i > 300 AND g.i % 9 <> 0 THEN 2 * ((g.i / 2) - 20 * (3 + (g.i / 2) % 4)) END,
       CASE WHEN g.i > 300 AND g.i % 4 <> 0 THEN 2 * ((g.i / 2) - 20 * (2 + (g.i / 2) % 3)) + 1 END,
       CASE WHEN g.i % 6 = 5 THEN NULL ELSE '985' || lpad((g.i::bigint * 7919)::text, 12, '0') END,
       CASE WHEN g.i % 97 = 0 THEN NULL
            WHEN g.i % 89 = 0 THEN 'null'::jsonb
            WHEN g.i % 83 = 0 THEN '{}'::jsonb
            ELSE jsonb_build_object(
                     'color', (ARRAY['black', 'chocolate', 'cream', 'red', 'blue merle', 'tricolor', 'bay',
                                     'grey'])[g.i % 8 + 1],
                     'coat', jsonb_build_object(
                                 'length', (ARRAY['short', 'medium', 'long'])[g.i % 3 + 1],
                                 'pattern', (ARRAY['solid', 'brindle', 'merle', 'tabby', 'spotted'])[g.i % 5 + 1]),
                     'health', jsonb_build_object(
                                 'vaccinated', g.i % 3 <> 0,
                                 'tests', CASE WHEN g.i % 4 = 0 THEN '[]'::jsonb
                                               ELSE jsonb_build_array(
                                                        jsonb_build_object('name', 'hips', 'result',
                                                            (ARRAY['excellent', 'good', 'fair'])[g.i % 3 + 1]),
                                                        jsonb_build_object('name', 'eyes', 'result', 'clear',
                                                                           'year', 2015 + g.i % 9))
                                          END,
                                 'weightHistory', jsonb_build_array(round(1 + (g.i % 400) / 10.0, 1),
                                                                    round(2 + (g.i % 500) / 10.0, 1))),
                     'registry', CASE WHEN g.i % 4 = 0 THEN NULL
                                      ELSE jsonb_build_object('org', (ARRAY['AKC', 'CFA', 'AQHA'])[g.i % 3 + 1],
                                                              'number', 'R-' || lpad(g.i::text, 7, '0'))
                                 END,
                     'remark', CASE WHEN g.i % 31 = 0
                                    THEN 'Says "woof"' || chr(10) || 'tab' || chr(9) || 'end' || chr(92)
                               END)
       END,
       CASE WHEN g.i % 8 = 0 THEN NULL ELSE round(1.5 + (g.i % 6000) / 100.0, 2) END,
       CASE WHEN g.i % 5 = 1 THEN 500 + (g.i * 7 % 450000) / 100.0 END,
       t.created,
       t.created + (g.i % 90) * interval '1 day'
FROM generate_series(1, 40000) AS g(i)
CROSS JOIN LATERAL (
    SELECT timestamptz '2018-06-01 00:00:00+00' + g.i * interval '41 minutes 13.457 seconds' AS created
) AS t;

-- AnimalOwner: 20,000 ownership rows, one for every female animal ----------------------------

INSERT INTO "AnimalOwner" ("id", "animalId", "partyId", "sharePercent", "isPrimary", "since")
SELECT g.i,
       2 * g.i,
       g.i * 7919 % 20000 + 1,
       CASE WHEN g.i % 4 = 0 THEN 50 WHEN g.i % 9 = 0 THEN 33.33 ELSE 100 END,
       g.i % 4 <> 0,
       timestamptz '2019-01-01 00:00:00+00' + g.i * interval '1 hour 17 minutes'
FROM generate_series(1, 20000) AS g(i);

-- WaitlistEntry: 10,000 entries ------------------------------------------------------------

INSERT INTO "WaitlistEntry" ("id", "partyId", "species", "preferredSex", "status", "position", "deposit",
                             "preferences", "requestedAt", "notes", "createdAt", "updatedAt")
SELECT g.i,
       g.i * 31 % 20000 + 1,
       CASE WHEN g.i % 10 < 6 THEN 'DOG'
            WHEN g.i % 10 < 9 THEN 'CAT'
            WHEN g.i % 20 = 19 THEN 'GOAT'
            ELSE 'HORSE'
       END::"Species",
       CASE g.i % 3 WHEN 0 THEN NULL WHEN 1 THEN 'FEMALE' ELSE 'MALE' END::"Sex",
       CASE WHEN g.i % 11 = 0 THEN 'DECLINED'
            WHEN g.i % 4 = 0 THEN 'MATCHED'
            WHEN g.i % 3 = 0 THEN 'APPROVED'
            ELSE 'PENDING'
       END::"WaitlistStatus",
       (g.i - 1) % 250 + 1,
       CASE WHEN g.i % 5 = 0 THEN NULL ELSE 100 + (g.i % 20) * 25 + (g.i % 100) / 100.0 END,
       jsonb_build_object(
           'colors', CASE WHEN g.i % 7 = 0 THEN '[]'::jsonb
                          ELSE jsonb_build_array((ARRAY['black', 'cream', 'red', 'merle'])[g.i % 4 + 1],
                                                 (ARRAY['any', 'white', 'brindle'])[g.i % 3 + 1])
                     END,
           'timeline', jsonb_build_object(
                           'earliest', to_char(date '2020-03-01' + g.i % 700, 'YYYY-MM-DD'),
                           'latest', to_char(date '2020-03-01' + g.i % 700 + 120, 'YYYY-MM-DD')),
           'contact', jsonb_build_object(
                          'method', (ARRAY['email', 'phone', 'text'])[g.i % 3 + 1],
                          'bestTime', CASE WHEN g.i % 2 = 0 THEN 'evenings' END),
           'flexible', g.i % 2 = 0,
           'budget', jsonb_build_object('max', 1000 + (g.i % 30) * 100, 'currency', 'USD')),
       t.requested,
       CASE WHEN g.i % 40 = 0 THEN 'Has a fenced yard.' || chr(10) || 'Two kids (7 and 10)'
            WHEN g.i % 40 = 3 THEN 'Wants a "calm" one' || chr(9) || 'no shedding if possible'
            WHEN g.i % 40 = 9 THEN 'Lives at 12' || chr(92) || '3 Rue d''Orsay'
       END,
       t.requested,
       t.requested + (g.i % 30) * interval '1 day'
FROM generate_series(1, 10000) AS g(i)
CROSS JOIN LATERAL (
    SELECT timestamptz '2020-02-01 00:00:00+00' + g.i * interval '2 hours 3 minutes' AS requested
) AS t;

-- OffspringGroup: 5,000 litters. The dam is a female animal (even id of 1000 or more) and the
-- sire the male 39 ids below it, which has the same species. -------------------------------

INSERT INTO "OffspringGroup" ("id", "damId", "sireId", "name", "species", "expectedDate", "bornAt",
                              "countBorn", "countAlive", "pricing", "basePrice", "createdAt", "updatedAt")
SELECT g.i,
       d.dam,
       CASE WHEN g.i % 10 <> 0 THEN d.dam - 39 END,
       (ARRAY['Spice', 'Gemstone', 'Tree', 'Star', 'River', 'Café'])[g.i % 6 + 1] || ' litter ' || (2016 + g.i % 9),
       CASE WHEN (d.dam / 2) % 20 < 10 THEN 'DOG'
            WHEN (d.dam / 2) % 20 < 16 THEN 'CAT'
            WHEN (d.dam / 2) % 20 < 18 THEN 'HORSE'
            WHEN (d.dam / 2) % 20 = 18 THEN 'GOAT'
            ELSE 'SHEEP'
       END::"Species",
       date '2016-01-01' + (g.i * 7) / 10,
       CASE WHEN g.i % 8 = 0 THEN NULL
            ELSE timestamptz '2016-01-01 00:00:00+00' + ((g.i * 7) / 10 + g.i % 5 - 2) * interval '1 day'
                 + (g.i % 24) * interval '1 hour' + (g.i % 60) * interval '1 minute'
       END,
       CASE WHEN g.i % 8 = 0 THEN NULL ELSE 1 + g.i % 9 END,
       CASE WHEN g.i % 8 = 0 THEN NULL ELSE 1 + g.i % 9 - CASE WHEN g.i % 13 = 0 THEN 1 ELSE 0 END END,
       jsonb_build_object(
           'currency', 'USD',
           'tiers', jsonb_build_array(
                        jsonb_build_object('label', 'pet', 'amount', d.base),
                        jsonb_build_object('label', 'show', 'amount', round(d.base * 1.5, 2))),
           'discounts', jsonb_build_object('repeatBuyer', 0.05,
                                           'military', CASE WHEN g.i % 3 = 0 THEN 0.1 END),
           'depositRequired', g.i % 4 <> 0),
       d.base,
       timestamptz '2015-10-01 00:00:00+00' + g.i * interval '16 hours 48 minutes',
       timestamptz '2015-10-01 00:00:00+00' + g.i * interval '16 hours 48 minutes' + (g.i % 200) * interval '1 day'
FROM generate_series(1, 5000) AS g(i)
CROSS JOIN LATERAL (
    SELECT g.i * 8 % 39000 + 1000 AS dam,
           round(400 + (g.i * 37 % 250000) / 100.0, 2) AS base
) AS d;

-- OffspringGroupBuyer: 8,000 picks (groups 1 to 3,000 get two buyers) -----------------------

INSERT INTO "OffspringGroupBuyer" ("id", "groupId", "partyId", "waitlistEntryId", "pickOrder", "depositPaid",
                                   "contractSignedAt", "createdAt")
SELECT g.i,
       (g.i - 1) % 5000 + 1,
       g.i * 37 % 20000 + 1,
       CASE WHEN g.i % 3 = 0 THEN NULL ELSE g.i * 17 % 10000 + 1 END,
       (g.i - 1) / 5000 + 1,
       CASE WHEN g.i % 6 = 0 THEN 0 ELSE 150 + (g.i % 10) * 50 END,
       CASE WHEN g.i % 4 = 0 THEN NULL
            ELSE timestamptz '2016-02-01 10:00:00+00' + g.i * interval '11 hours 5 minutes 7.25 seconds'
       END,
       timestamptz '2016-01-15 00:00:00+00' + g.i * interval '11 hours'
FROM generate_series(1, 8000) AS g(i);

-- bazaar-vid_exports: 5,000 marketplace exports -------------------------------------------

INSERT INTO "bazaar-vid_exports" ("id", "export_id", "animal_id", "payload", "status", "attempts", "last_error",
                                  "exported_at", "created_at")
SELECT g.i,
       md5('bazaar:' || g.i)::uuid,
       CASE WHEN g.i % 25 = 0 THEN NULL ELSE g.i * 7 + 3 END,
       jsonb_build_object(
           'listing', jsonb_build_object(
                          'title', (ARRAY['Sweet', 'Playful', 'Calm', 'Show-quality'])[g.i % 4 + 1] || ' '
                                   || (ARRAY['puppy', 'kitten', 'foal', 'kid'])[g.i % 4 + 1] || ' – ready '
                                   || (ARRAY['now', 'in May', 'after vet check'])[g.i % 3 + 1],
                          'price', jsonb_build_object('amount', 250 + g.i % 40 * 50, 'currency', 'USD'),
                          'photos', jsonb_build_array('https://cdn.example.com/p/' || g.i || '/1.jpg',
                                                      'https://cdn.example.com/p/' || g.i || '/2.jpg'),
                          'description', CASE WHEN g.i % 9 = 0
                                              THEN 'Line one' || chr(10) || 'Line "two"' || chr(9) || 'tabbed'
                                              ELSE 'Raised in our home with kids and cats.'
                                         END),
           'channel', (ARRAY['bazaar', 'vid'])[g.i % 2 + 1],
           'version', 2,
           'meta', jsonb_build_object('retry', g.i % 3 = 0, 'tags', jsonb_build_array('export', 'v' || (g.i % 3 + 1)))),
       CASE WHEN g.i % 10 = 0 THEN 'failed' WHEN g.i % 10 < 3 THEN 'queued' ELSE 'sent' END,
       (CASE WHEN g.i % 10 = 0 THEN 3 WHEN g.i % 10 < 3 THEN 0 ELSE 1 + g.i % 2 END)::smallint,
       CASE WHEN g.i % 10 = 0
            THEN 'HTTP 502 from upstream' || chr(10) || '{"error":"bad gateway","path":"C:' || chr(92) || 'tmp"}'
       END,
       CASE WHEN g.i % 10 >= 3
            THEN timestamptz '2023-01-01 00:00:00+00' + g.i * interval '7 minutes 3.123456 seconds'
       END,
       timestamptz '2023-01-01 00:00:00+00' + g.i * interval '7 minutes'
FROM generate_series(1, 5000) AS g(i);

-- LegacyNote: 2,000 old notes (the table is dropped in v2, so pgcarry leaves them out) ----

INSERT INTO "LegacyNote" ("id", "animalId", "author", "body", "createdAt")
SELECT g.i,
       g.i * 19,
       CASE WHEN g.i % 5 = 0 THEN NULL ELSE (ARRAY['admin', 'kennel-staff', 'vet'])[g.i % 3 + 1] END,
       'Note ' || g.i || ': '
       || CASE WHEN g.i % 10 = 0 THEN 'checked teeth' || chr(10) || 'all fine'
               WHEN g.i % 10 = 5 THEN 'moved to pen ' || chr(92) || 'B' || chr(92) || ' (the "quiet" one)'
               ELSE 'routine visit'
          END,
       timestamp '2017-05-01 09:00:00' + g.i * interval '5 hours 11 minutes 0.5 seconds'
FROM generate_series(1, 2000) AS g(i);

-- _prisma_migrations: the three migrations that built v1 ----------------------------------

INSERT INTO "_prisma_migrations" ("id", "checksum", "finished_at", "migration_name", "logs", "rolled_back_at",
                                  "started_at", "applied_steps_count")
SELECT md5('v1-migration:' || m.name)::uuid::text,
       encode(sha256(convert_to(m.name, 'UTF8')), 'hex'),
       m.started + interval '1.234 seconds',
       m.name,
       NULL,
       NULL,
       m.started,
       1
FROM (VALUES ('20230114093012_init', timestamptz '2023-01-14 09:30:12.482+00'),
             ('20230302151540_add_waitlist', timestamptz '2023-03-02 15:15:40.117+00'),
             ('20230611080455_offspring_groups', timestamptz '2023-06-11 08:04:55.903+00'))
     AS m(name, started);

-- Sequences: continue after the highest id, so the application can insert again -----------

SELECT setval(pg_get_serial_sequence('"Party"', 'id'), (SELECT max("id") FROM "Party")),
       setval(pg_get_serial_sequence('"Animal"', 'id'), (SELECT max("id") FROM "Animal")),
       setval(pg_get_serial_sequence('"AnimalOwner"', 'id'), (SELECT max("id") FROM "AnimalOwner")),
       setval(pg_get_serial_sequence('"WaitlistEntry"', 'id'), (SELECT max("id") FROM "WaitlistEntry")),
       setval(pg_get_serial_sequence('"OffspringGroup"', 'id'), (SELECT max("id") FROM "OffspringGroup")),
       setval(pg_get_serial_sequence('"OffspringGroupBuyer"', 'id'), (SELECT max("id") FROM "OffspringGroupBuyer")),
       setval(pg_get_serial_sequence('"bazaar-vid_exports"', 'id'), (SELECT max("id") FROM "bazaar-vid_exports")),
       setval(pg_get_serial_sequence('"LegacyNote"', 'id'), (SELECT max("id") FROM "LegacyNote"));

-- Row counts for the planner and for size estimates (pg_class.reltuples). Only the key columns
-- are sampled: a full ANALYZE of the jsonb columns would cost about a second.
ANALYZE "Party" ("id"), "Animal" ("id"), "AnimalOwner" ("id"), "WaitlistEntry" ("id"),
        "OffspringGroup" ("id"), "OffspringGroupBuyer" ("id"), "bazaar-vid_exports" ("id"),
        "LegacyNote" ("id"), "_prisma_migrations" ("id");
