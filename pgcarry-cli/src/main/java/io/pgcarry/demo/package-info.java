/**
 * {@code pgcarry demo}: runbook 000 end to end on two embedded servers (v1 on PostgreSQL 13, an authoritative
 * v2 schema on PostgreSQL 17): check, move with a mapping file, validate.
 */
package io.pgcarry.demo;
