package io.pgcarry.migrate;

import static io.pgcarry.migrate.MigrationFixtures.row;
import static io.pgcarry.migrate.MigrationFixtures.sha256;
import static io.pgcarry.migrate.MigrationFixtures.sql;
import static io.pgcarry.migrate.MigrationFixtures.states;
import static io.pgcarry.migrate.MigrationFixtures.status;
import static io.pgcarry.migrate.MigrationFixtures.write;
import static io.pgcarry.migrate.MigrationState.APPLIED;
import static io.pgcarry.migrate.MigrationState.FAILED;
import static io.pgcarry.migrate.MigrationState.LINE_ENDINGS_ONLY;
import static io.pgcarry.migrate.MigrationState.MISSING;
import static io.pgcarry.migrate.MigrationState.MODIFIED;
import static io.pgcarry.migrate.MigrationState.OUT_OF_ORDER;
import static io.pgcarry.migrate.MigrationState.PENDING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.pgcarry.embedded.junit.PostgresExtension;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Prisma Migrate's directory and ledger as Prisma leaves them. The table is the one prisma-engines' PostgreSQL
 * connector creates; a row is written when a migration starts (started_at, checksum = SHA-256 hex of migration.sql)
 * and completed with finished_at and applied_steps_count when it ends; a failed one keeps finished_at NULL and its
 * error in logs; {@code prisma migrate resolve --rolled-back} sets rolled_back_at.
 */
class PrismaStatusIT {
    @RegisterExtension
    static final PostgresExtension pg13 = PostgresExtension.major(13);
    @RegisterExtension
    static final PostgresExtension pg17 = PostgresExtension.major(17);

    private static final String INIT = "-- CreateTable\nCREATE TABLE \"User\" (\n    \"id\" SERIAL NOT NULL,\n    CONSTRAINT \"User_pkey\" PRIMARY KEY (\"id\")\n);\n";
    private static final String EMAIL = "-- AlterTable\nALTER TABLE \"User\" ADD COLUMN \"email\" TEXT;\n";
    // its SHA-256 has bytes below 0x10 (58b85033890998a6...), so the unpadded hex differs from the padded one
    private static final String INDEX = "-- CreateIndex\nCREATE UNIQUE INDEX \"User_id_idx\" ON \"User\"(\"email\");\n";

    @TempDir
    Path dir;

    @Test
    void aCleanLedgerIsUpToDate() {
        for (PostgresExtension pg : List.of(pg13, pg17)) {
            Path migrations = project(pg.database());
            sql(pg, ToolLedgers.PRISMA + applied("20240101000000_init", sha256(INIT)) + applied("20240102000000_email", sha256(EMAIL))
                    // written by an engine before prisma-engines#1887: hex without zero-padding
                    + applied("20240103000000_index", unpadded(INDEX)));
            assertThat(unpadded(INDEX)).hasSizeLessThan(64);
            MigrationStatus status = status(pg, migrations.getParent().getParent(), null);
            assertThat(status.tool()).isEqualTo(MigrationTool.PRISMA);
            assertThat(status.directory()).isEqualTo(migrations);
            assertThat(status.detectedBy()).isEqualTo("migration_lock.toml and 3 */migration.sql");
            assertThat(status.ledger()).isEqualTo("public._prisma_migrations");
            assertThat(states(status)).containsExactly(entry("20240101000000", APPLIED), entry("20240102000000", APPLIED),
                    entry("20240103000000", APPLIED));
            assertThat(status.upToDate()).isTrue();
        }
    }

    @Test
    void everyPlantedFaultIsReported() {
        for (PostgresExtension pg : List.of(pg13, pg17)) {
            Path migrations = project(pg.database());
            write(migrations, "20240102000000_email/migration.sql", EMAIL.replace("TEXT", "TEXT NOT NULL"));
            write(migrations, "20240103000000_index/migration.sql", INDEX, true);
            write(migrations, "20240101120000_hotfix/migration.sql", "SELECT 1;\n");
            write(migrations, "20240104000000_concurrent/migration.sql", "CREATE INDEX CONCURRENTLY \"u\" ON \"User\"(\"id\");\n");
            write(migrations, "20240106000000_undone/migration.sql", "SELECT 2;\n");
            write(migrations, "20240107000000_next/migration.sql", "SELECT 3;\n");
            sql(pg, ToolLedgers.PRISMA + applied("20240101000000_init", sha256(INIT)) + applied("20240102000000_email", sha256(EMAIL))
                    + applied("20240103000000_index", sha256(INDEX))
                    + failed("20240104000000_concurrent", "SELECT 0;\n",
                            "Database error code: 25001\nCREATE INDEX CONCURRENTLY cannot run inside a transaction block")
                    + applied("20240105000000_dropped", sha256("SELECT 5;\n"))
                    + rolledBack("20240106000000_undone", "SELECT 2;\n"));
            MigrationStatus status = status(pg, dir.resolve(pg.database()), MigrationTool.PRISMA);
            assertThat(states(status)).containsExactly(entry("20240101000000", APPLIED), entry("20240101120000", OUT_OF_ORDER),
                    entry("20240102000000", MODIFIED), entry("20240103000000", LINE_ENDINGS_ONLY), entry("20240104000000", FAILED),
                    entry("20240105000000", MISSING), entry("20240106000000", PENDING), entry("20240107000000", PENDING));
            assertThat(row(status, "20240102000000").note()).isEqualTo("checksum " + sha256(EMAIL).substring(0, 8)
                    + "… recorded, file has " + sha256(EMAIL.replace("TEXT", "TEXT NOT NULL")).substring(0, 8) + "…");
            assertThat(row(status, "20240103000000").note()).isEqualTo("line endings only (LF→CRLF)");
            assertThat(row(status, "20240104000000").note()).isEqualTo("started, not finished; finished_at is NULL, "
                    + "0 steps applied; logs: Database error code: 25001");
            assertThat(row(status, "20240101120000").note())
                    .isEqualTo("prisma migrate deploy applies it after newer ones (newest applied: 20240105000000)");
            assertThat(row(status, "20240105000000").name()).isEqualTo("dropped");
            assertThat(row(status, "20240106000000").note()).startsWith("rolled back; runs again; rolled_back_at ");
            assertThat(status.upToDate()).isFalse();
        }
    }

    /** A project as {@code prisma migrate dev} leaves it: prisma/migrations with a lock file and two migrations. */
    private Path project(String name) {
        Path migrations = dir.resolve(name).resolve("prisma/migrations");
        write(migrations, "migration_lock.toml", "# Please do not edit this file manually\nprovider = \"postgresql\"\n");
        write(migrations, "20240101000000_init/migration.sql", INIT);
        write(migrations, "20240102000000_email/migration.sql", EMAIL);
        write(migrations, "20240103000000_index/migration.sql", INDEX);
        return migrations;
    }

    private static String applied(String name, String checksum) {
        return "INSERT INTO \"_prisma_migrations\" VALUES ('" + UUID.randomUUID() + "', '" + checksum + "', now(), '" + name
                + "', NULL, NULL, now() - interval '1 second', 1);\n";
    }

    private static String failed(String name, String text, String logs) {
        return "INSERT INTO \"_prisma_migrations\" VALUES ('" + UUID.randomUUID() + "', '" + sha256(text) + "', NULL, '" + name
                + "', '" + logs.replace("'", "''") + "', NULL, now(), 0);\n";
    }

    private static String rolledBack(String name, String text) {
        return "INSERT INTO \"_prisma_migrations\" VALUES ('" + UUID.randomUUID() + "', '" + sha256(text) + "', NULL, '" + name
                + "', 'failed', now(), now() - interval '1 minute', 0);\n";
    }

    /** The hex Prisma's engine wrote before zero-padding each byte. */
    private static String unpadded(String text) {
        String padded = sha256(text);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < padded.length(); i += 2) {
            sb.append(Integer.toHexString(Integer.parseInt(padded.substring(i, i + 2), 16)));
        }
        return sb.toString();
    }
}
