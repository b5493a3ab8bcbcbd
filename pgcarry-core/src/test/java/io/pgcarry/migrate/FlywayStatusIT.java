package io.pgcarry.migrate;

import static io.pgcarry.migrate.MigrationFixtures.row;
import static io.pgcarry.migrate.MigrationFixtures.sql;
import static io.pgcarry.migrate.MigrationFixtures.states;
import static io.pgcarry.migrate.MigrationFixtures.status;
import static io.pgcarry.migrate.MigrationFixtures.write;
import static io.pgcarry.migrate.MigrationState.APPLIED;
import static io.pgcarry.migrate.MigrationState.FAILED;
import static io.pgcarry.migrate.MigrationState.MISSING;
import static io.pgcarry.migrate.MigrationState.MODIFIED;
import static io.pgcarry.migrate.MigrationState.PENDING;
import static io.pgcarry.migrate.MigrationState.SKIPPED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.pgcarry.embedded.junit.PostgresExtension;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Flyway's directory and ledger as Flyway leaves them: the table and index of Flyway's createMetaDataTable.sql for
 * PostgreSQL; one row per run with installed_rank, the version (NULL for repeatables), the description (the file name's
 * part after __, underscores made spaces), type SQL, the script's path in the location, its checksum, and success.
 * The checksums below are Flyway's CRC-32 of each file worked out apart from pgcarry, with Python's zlib.crc32 over the
 * UTF-8 bytes of the file's lines joined without their endings, as a signed 32-bit integer.
 */
class FlywayStatusIT {
    @RegisterExtension
    static final PostgresExtension pg13 = PostgresExtension.major(13);
    @RegisterExtension
    static final PostgresExtension pg17 = PostgresExtension.major(17);

    private static final String INIT = "CREATE TABLE users (id bigint PRIMARY KEY);\n";        // 1812668543
    private static final String EMAIL = "ALTER TABLE users ADD COLUMN email text;\n";         // -596222700
    private static final String INDEX = "CREATE INDEX users_email ON users (email);\n";       // -1792182921
    private static final String CONCURRENT = "CREATE INDEX CONCURRENTLY users_id ON users (id);\n"; // -1844508109
    private static final String VIEW = "CREATE OR REPLACE VIEW v AS SELECT 1;\n";             // 537954288
    private static final String FUNCTION = "CREATE OR REPLACE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1';\n"; // -1712289742

    @TempDir
    Path dir;

    @Test
    void aCleanLedgerIsUpToDateWithCrlfFilesAndASchemaRow() {
        for (PostgresExtension pg : List.of(pg13, pg17)) {
            Path project = dir.resolve(pg.database());
            Path location = project.resolve("src/main/resources/db/migration");
            write(location, "V1__Create_users.sql", INIT);
            write(location, "V1_1__Add_email.sql", EMAIL, true);
            write(location, "indexes/V2__Email_index.sql", INDEX);
            write(location, "R__Functions.sql", FUNCTION, true);
            sql(pg, ToolLedgers.FLYWAY + schemaRow() + history(1, "1", "Create users", "V1__Create_users.sql", 1812668543, true)
                    + history(2, "1.1", "Add email", "V1_1__Add_email.sql", -596222700, true)
                    + history(3, "2", "Email index", "indexes/V2__Email_index.sql", -1792182921, true)
                    + history(4, null, "Functions", "R__Functions.sql", -1712289742, true));
            MigrationStatus status = status(pg, project, null);
            assertThat(status.tool()).isEqualTo(MigrationTool.FLYWAY);
            assertThat(status.directory()).isEqualTo(location);
            assertThat(status.detectedBy()).isEqualTo("4 V<version>__<description>.sql files");
            assertThat(states(status)).containsExactly(entry("1", APPLIED), entry("1.1", APPLIED), entry("2", APPLIED), entry("R", APPLIED));
            assertThat(status.upToDate()).isTrue();
        }
    }

    @Test
    void everyPlantedFaultIsReported() {
        for (PostgresExtension pg : List.of(pg13, pg17)) {
            Path location = dir.resolve(pg.database());
            write(location, "V1__Create_users.sql", INIT);
            write(location, "V1_1__Add_email.sql", EMAIL.replace("text", "text NOT NULL"));
            write(location, "V2__Email_index.sql", INDEX, true);
            write(location, "V3__Concurrent_index.sql", CONCURRENT);
            write(location, "V4__From_a_branch.sql", "SELECT 4;\n");
            write(location, "V6__Next.sql", "SELECT 6;\n");
            write(location, "R__View.sql", VIEW.replace("1", "2"));
            sql(pg, ToolLedgers.FLYWAY + history(1, "1", "Create users", "V1__Create_users.sql", 1812668543, true)
                    + history(2, "1.1", "Add email", "V1_1__Add_email.sql", -596222700, true)
                    + history(3, "2", "Email index", "V2__Email_index.sql", -1792182921, true)
                    + history(4, null, "View", "R__View.sql", 537954288, true)
                    // run outside a transaction (CREATE INDEX CONCURRENTLY), it failed: Flyway keeps the row with success false
                    + history(5, "3", "Concurrent index", "V3__Concurrent_index.sql", -1844508109, false)
                    + history(6, "5", "Deleted later", "V5__Deleted_later.sql", 12345, true));
            MigrationStatus status = status(pg, location, MigrationTool.FLYWAY);
            assertThat(states(status)).containsExactly(entry("1", APPLIED), entry("1.1", MODIFIED), entry("2", APPLIED),
                    entry("3", FAILED), entry("4", SKIPPED), entry("5", MISSING), entry("6", PENDING), entry("R", PENDING));
            assertThat(row(status, "1.1").note()).isEqualTo("checksum -596222700 recorded, file has 1434511081");
            assertThat(row(status, "3").note()).isEqualTo("started, not finished; success = false in V3__Concurrent_index.sql");
            assertThat(row(status, "4").note()).isEqualTo("flyway ignores it, older than the newest applied version "
                    + "(it runs only with outOfOrder=true) (newest applied: 5)");
            assertThat(row(status, "R").note()).isEqualTo("repeatable, changed since it last ran: runs again; "
                    + "checksum 537954288 recorded, file has 188601395");
        }
    }

    @Test
    void baselineRepairAndOutOfOrderRows() {
        for (PostgresExtension pg : List.of(pg13, pg17)) {
            Path location = dir.resolve(pg.database());
            write(location, "V1__Create_users.sql", INIT);
            write(location, "V3__Email_index.sql", INDEX);
            write(location, "V4__Concurrent_index.sql", CONCURRENT);
            write(location, "V5__Later.sql", "SELECT 5;\n");
            sql(pg, ToolLedgers.FLYWAY + "INSERT INTO flyway_schema_history VALUES (1, '2', '<< Flyway Baseline >>', 'BASELINE', "
                    + "'<< Flyway Baseline >>', NULL, 'postgres', now(), 0, true);\n"
                    + history(2, "5", "Later", "V5__Later.sql", 1, true)
                    // flyway migrate -outOfOrder=true, later
                    + history(3, "4", "Concurrent index", "V4__Concurrent_index.sql", -1844508109, true)
                    // a file deleted, then flyway repair marked it deleted
                    + history(4, "6", "Gone", "V6__Gone.sql", 6, true)
                    + "INSERT INTO flyway_schema_history VALUES (5, '6', 'Gone', 'DELETE', 'V6__Gone.sql', 6, 'postgres', now(), 0, true);\n");
            write(location, "V5__Later.sql", "SELECT 5;\n");
            MigrationStatus status = status(pg, location, MigrationTool.FLYWAY);
            assertThat(states(status)).containsExactly(entry("1", APPLIED), entry("2", APPLIED), entry("3", SKIPPED),
                    entry("4", APPLIED), entry("5", MODIFIED));
            assertThat(row(status, "1").note()).isEqualTo("below the baseline 2: flyway never runs it");
            assertThat(row(status, "2").note()).isEqualTo("baseline: marked applied, never run");
            assertThat(row(status, "4").note()).isEqualTo("applied out of order, after 5");
        }
    }

    private static String schemaRow() {
        return "INSERT INTO flyway_schema_history VALUES (0, NULL, '<< Flyway Schema Creation >>', 'SCHEMA', '\"public\"', NULL, "
                + "'postgres', now(), 0, true);\n";
    }

    private static String history(int rank, String version, String description, String script, int checksum, boolean success) {
        return "INSERT INTO flyway_schema_history VALUES (" + rank + ", " + (version == null ? "NULL" : "'" + version + "'") + ", '"
                + description + "', 'SQL', '" + script + "', " + checksum + ", 'postgres', now(), 12, " + success + ");\n";
    }
}
