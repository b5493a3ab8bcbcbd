package io.pgcarry.migrate.apply;

import io.pgcarry.migrate.LocalMigration;
import java.util.Objects;

/**
 * A migration {@code migrate status} found pending, read and split, ready to run.
 *
 * @param migration the migration as the tool's support read it (with the tool's checksum)
 * @param script    its statements and how it runs
 * @param note      what status said of it, or null
 */
record PendingMigration(LocalMigration migration, MigrationScript script, String note) {
    PendingMigration {
        Objects.requireNonNull(migration, "migration");
        Objects.requireNonNull(script, "script");
    }

    /** Its file as shown: {@code 20240101000000_init/migration.sql}. */
    String file() {
        return script.file();
    }
}
