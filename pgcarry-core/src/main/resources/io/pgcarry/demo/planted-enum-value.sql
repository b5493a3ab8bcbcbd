-- pgcarry demo, stage 2 (first of two scripts, run alone: a new enum value cannot be used in the
-- transaction that adds it). The v1 application started to use a status that v2's "AnimalStatus" lacks.
-- Run on "v1_planted", a copy of v1, never on v1 itself.

ALTER TYPE "AnimalStatus" ADD VALUE 'QUARANTINED';
