/**
 * Verified backups and restores: an archive of one consistent snapshot (schema, compressed COPY files, a manifest
 * with checksums and content hashes), its verification, listing, restore and export to plain SQL.
 */
package io.pgcarry.backup;
