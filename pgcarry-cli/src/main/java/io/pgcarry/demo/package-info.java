/**
 * {@code pgcarry demo}: runbook 000 end to end on two embedded servers (v1 on PostgreSQL 13, an authoritative
 * v2 schema on PostgreSQL 17): check, move with a mapping file, validate; then problems planted on purpose (an
 * enum value and an orphan row in a copy of v1, an edited row in v2) and what pgcarry must report about them.
 */
package io.pgcarry.demo;
