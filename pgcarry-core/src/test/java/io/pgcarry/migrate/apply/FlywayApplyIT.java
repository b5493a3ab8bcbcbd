package io.pgcarry.migrate.apply;

import static io.pgcarry.migrate.MigrationFixtures.states;
import static io.pgcarry.migrate.MigrationFixtures.write;
import static io.pgcarry.migrate.apply.ApplyFixtures.appRole;
import static io.pgcarry.migrate.apply.ApplyFixtures.apply;
import static io.pgcarry.migrate.apply.ApplyFixtures.referenceShape;
import static io.pgcarry.migrate.apply.ApplyFixtures.rows;
import static io.pgcarry.migrate.apply.ApplyFixtures.shape;
import static io.pgcarry.migrate.apply.ApplyFixtures.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.pgcarry.embedded.junit.PostgresExtension;
import io.pgcarry.migrate.MigrationState;
import io.pgcarry.migrate.ToolLedgers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code migrate apply} on a Flyway location: {@code flyway_schema_history} created as Flyway creates it on PostgreSQL
 * (table, primary key {@code flyway_schema_history_pk}, index {@code flyway_schema_history_s_idx} on success) and
 * written as Flyway writes it, so that {@code flyway info} agrees.
 */
class FlywayApplyIT {
    @RegisterExtension
    static final PostgresExtension pg13 = PostgresExtension.major(13);
    @RegisterExtension
    static final PostgresExtension pg17 = PostgresExtension.major(17);

    // Flyway's checksums of these two files are known from Flyway itself (see MigrateCommandIT)
    private static final String USERS = "CREATE TABLE users (id bigint PRIMARY KEY);\n";
    private static final int USERS_CRC = 1812668543;
    private static final String EMAIL = "ALTER TABLE users ADD COLUMN email text;\n";
    private static final int EMAIL_CRC = -596222700;
    private static final String INDEX = "CREATE INDEX CONCURRENTLY users_email_idx ON users (email);\n";
    private static final String VIEW = "CREATE OR REPLACE VIEW user_emails AS SELECT id, email FROM users;\n";
    private static final String LEDGER = "SELECT installed_rank, version, description, type, script, checksum, installed_by, "
            + "execution_time >= 0 AND installed_on IS NOT NULL, success FROM flyway_schema_history ORDER BY installed_rank";

    @TempDir
    Path dir;

    @Test
    void appliesFromEmptyAndWritesTheHistoryAsFlywayDoes() {
        for (PostgresExtension pg : List.of(pg13, pg17)) {
            Path project = dir.resolve(pg.database());
            Path location = location(project);
            String url = appRole(pg);
            String role = "app_" + pg.database();
            ApplyResult result = apply(url, project, null);
            assertThat(result.outcome()).isEqualTo(ApplyOutcome.APPLIED);
            assertThat(result.ledger()).isEqualTo("public.flyway_schema_history");
            assertThat(status(url, project, null).upToDate()).isTrue();
            assertThat(rows(pg, LEDGER)).containsExactly(
                    "1|1|Create users|SQL|V1__Create_users.sql|" + USERS_CRC + "|" + role + "|t|t",
                    "2|1.1|Add email|SQL|V1_1__Add_email.sql|" + EMAIL_CRC + "|" + role + "|t|t",
                    "3|2|Email index|SQL|V2__Email_index.sql|" + crc(INDEX) + "|" + role + "|t|t",
                    "4|null|User emails|SQL|R__User_emails.sql|" + crc(VIEW) + "|" + role + "|t|t");
            assertThat(shape(pg, pg.database(), "public.flyway_schema_history")).hasSize(13)
                    .isEqualTo(referenceShape(pg, ToolLedgers.FLYWAY, "public.flyway_schema_history"));
            // a repeatable migration that changed runs again, with a row of its own
            String view = VIEW.replace("id, email", "id, email, email IS NULL AS no_email");
            write(location, "R__User_emails.sql", view);
            assertThat(states(status(url, project, null))).containsEntry("R", MigrationState.PENDING);
            assertThat(apply(url, project, null).runs()).hasSize(1);
            assertThat(rows(pg, LEDGER)).hasSize(5).last()
                    .isEqualTo("5|null|User emails|SQL|R__User_emails.sql|" + crc(view) + "|" + role + "|t|t");
            assertThat(status(url, project, null).upToDate()).isTrue();
        }
    }

    @Test
    void aFailedTransactionalMigrationIsRolledBackWithoutARowAsFlywayDoes() {
        for (PostgresExtension pg : List.of(pg13, pg17)) {
            Path project = dir.resolve(pg.database());
            Path location = location(project);
            write(location, "V3__Orders.sql", "CREATE TABLE orders (id int);\nINSERT INTO nope VALUES (1);\n");
            String url = appRole(pg);
            ApplyResult result = apply(url, project, null);
            assertThat(result.outcome()).isEqualTo(ApplyOutcome.FAILED);
            FileFailure failure = result.runs().get(result.runs().size() - 1).failure();
            assertThat(failure.rolledBack()).isTrue();
            assertThat(failure.ledger()).startsWith("nothing recorded in public.flyway_schema_history");
            assertThat(rows(pg, "SELECT to_regclass('orders') IS NULL")).containsExactly("t");
            assertThat(rows(pg, LEDGER)).hasSize(3);
            // the repeatable migration, after every versioned one, was not run
            assertThat(states(status(url, project, null))).containsEntry("3", MigrationState.PENDING)
                    .containsEntry("R", MigrationState.PENDING);
        }
    }

    @Test
    void aFailedNonTransactionalMigrationLeavesAFailedRowAndWhatRan() {
        for (PostgresExtension pg : List.of(pg13, pg17)) {
            Path project = dir.resolve(pg.database());
            Path location = location(project);
            String bad = "CREATE INDEX CONCURRENTLY users_id_idx ON users (id);\nINSERT INTO nope VALUES (1);\n";
            write(location, "V3__Id_index.sql", bad);
            String url = appRole(pg);
            ApplyResult result = apply(url, project, null);
            assertThat(result.outcome()).isEqualTo(ApplyOutcome.FAILED);
            FileFailure failure = result.runs().get(3).failure();
            assertThat(failure.rolledBack()).isFalse();
            assertThat(failure.line()).isEqualTo(2);
            assertThat(failure.ran()).containsExactly("line 1: CREATE INDEX CONCURRENTLY users_id_idx ON users (id)");
            assertThat(failure.ledger()).startsWith("public.flyway_schema_history has its failed row (success = false)");
            assertThat(rows(pg, LEDGER)).last().isEqualTo("4|3|Id index|SQL|V3__Id_index.sql|" + crc(bad) + "|app_" + pg.database()
                    + "|t|f");
            assertThat(rows(pg, "SELECT indisvalid FROM pg_index WHERE indexrelid = 'users_id_idx'::regclass")).containsExactly("t");
            assertThat(states(status(url, project, null))).containsEntry("3", MigrationState.FAILED);
            assertThat(apply(url, project, null).outcome()).isEqualTo(ApplyOutcome.REFUSED);
        }
    }

    @Test
    void aVersionOlderThanTheNewestAppliedIsSkippedAndRefused() {
        for (PostgresExtension pg : List.of(pg13, pg17)) {
            Path project = dir.resolve(pg.database());
            Path location = location(project);
            String url = appRole(pg);
            assertThat(apply(url, project, null).outcome()).isEqualTo(ApplyOutcome.APPLIED);
            write(location, "V1_5__Late.sql", "CREATE TABLE late (id int);\n");
            ApplyResult refused = apply(url, project, null);
            assertThat(refused.outcome()).isEqualTo(ApplyOutcome.REFUSED);
            assertThat(refused.refusal()).isEqualTo("migrate status shows 1 skipped: 1.5 Late (skipped); nothing was applied");
            assertThat(rows(pg, "SELECT to_regclass('late') IS NULL")).containsExactly("t");
            assertThat(states(status(url, project, null))).containsExactly(entry("1", MigrationState.APPLIED),
                    entry("1.1", MigrationState.APPLIED), entry("1.5", MigrationState.SKIPPED), entry("2", MigrationState.APPLIED),
                    entry("R", MigrationState.APPLIED));
        }
    }

    private static Path location(Path project) {
        Path location = project.resolve("db/migration");
        write(location, "V1__Create_users.sql", USERS);
        write(location, "V1_1__Add_email.sql", EMAIL);
        write(location, "V2__Email_index.sql", INDEX);
        write(location, "R__User_emails.sql", VIEW);
        return location;
    }

    /** Flyway's checksum: one CRC-32 over the UTF-8 bytes of each line, line endings left out, as a signed int. */
    private static String crc(String text) {
        CRC32 crc = new CRC32();
        text.lines().forEach(l -> crc.update(l.getBytes(StandardCharsets.UTF_8)));
        return String.valueOf((int) crc.getValue());
    }
}
