-- pgcarry demo, stage 3: one row of v2 edited after the move, as a stray write would.
-- DemoExpectations names the same key and column; change both together.

UPDATE "Animal" SET "name" = "name" || ' (edited)' WHERE "id" = 1234;
