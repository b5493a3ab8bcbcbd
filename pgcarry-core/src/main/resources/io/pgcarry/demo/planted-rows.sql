-- pgcarry demo, stage 2 (second of two scripts): the rows that check must catch in "v1_planted".
-- DemoExpectations names the same keys; change both together.

-- 1. Animal 4242 holds the status that v2's enum lacks: ENUM_VALUE_MISSING, 1 row, id=4242.
UPDATE "Animal" SET "status" = 'QUARANTINED' WHERE "id" = 4242;

-- 2. An ownership row whose animal does not exist. It got in while the foreign key was dropped, and the key
--    came back NOT VALID, so PostgreSQL never checked the old rows: FK_ORPHAN, 1 row, id=20001.
ALTER TABLE "AnimalOwner" DROP CONSTRAINT "AnimalOwner_animalId_fkey";
INSERT INTO "AnimalOwner" ("id", "animalId", "partyId", "sharePercent", "isPrimary", "since")
VALUES (20001, 99999, 10, 100, true, timestamptz '2024-05-01 09:00:00+00');
ALTER TABLE "AnimalOwner" ADD CONSTRAINT "AnimalOwner_animalId_fkey"
    FOREIGN KEY ("animalId") REFERENCES "Animal"("id") ON DELETE CASCADE ON UPDATE CASCADE NOT VALID;
