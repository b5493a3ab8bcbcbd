package io.pgcarry.migrate.checksum;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * Graphile Migrate's ledger {@code graphile_migrate.migrations}, as {@code _migrateMigrationSchema} in
 * {@code src/migration.ts} creates it: {@code hash} text primary key, {@code previous_hash} text referencing
 * {@code migrations} (NULL for the first), {@code filename} text not null (the number and {@code .sql}, such as
 * {@code 000001.sql}, without a message slug), {@code date} timestamptz not null default {@code now()}.
 * {@code runStringMigration} inserts {@code (hash, previous_hash, filename)} in the migration's own transaction
 * (unless the file says {@code --! no-transaction}); the newest row is the one with the greatest filename.
 */
public final class GraphileLedger {
    /** The table's columns in Graphile Migrate's order. */
    public static final List<String> COLUMNS = List.of("hash", "previous_hash", "filename", "date");

    private GraphileLedger() {
    }

    /** One row of {@code graphile_migrate.migrations}. */
    public record Row(String hash, String previousHash, String filename, OffsetDateTime date) {
    }
}
