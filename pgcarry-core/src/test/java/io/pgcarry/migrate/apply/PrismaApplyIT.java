package io.pgcarry.migrate.apply;

import static io.pgcarry.migrate.MigrationFixtures.sha256;
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
import io.pgcarry.migrate.MigrationStatus;
import io.pgcarry.migrate.ToolLedgers;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code migrate apply} on a Prisma directory: {@code _prisma_migrations} created and written as prisma-engines'
 * PostgreSQL connector does (the table below is the one it creates), so that {@code prisma migrate status} agrees.
 */
class PrismaApplyIT {
    @RegisterExtension
    static final PostgresExtension pg13 = PostgresExtension.major(13);
    @RegisterExtension
    static final PostgresExtension pg17 = PostgresExtension.major(17);

    private static final String INIT = "-- CreateTable\nCREATE TABLE \"User\" (\n    \"id\" SERIAL NOT NULL,\n"
            + "    CONSTRAINT \"User_pkey\" PRIMARY KEY (\"id\")\n);\n";
    private static final String EMAIL = "-- AlterTable\nALTER TABLE \"User\" ADD COLUMN \"email\" TEXT;\n";
    // as Prisma writes an enum change: inside its own BEGIN ... COMMIT
    private static final String ROLE = "-- CreateEnum\nBEGIN;\nCREATE TYPE \"Role\" AS ENUM ('USER', 'ADMIN');\n"
            + "ALTER TABLE \"User\" ADD COLUMN \"role\" \"Role\" NOT NULL DEFAULT 'USER';\nCOMMIT;\n";
    private static final String INDEX = "-- CreateIndex\nCREATE INDEX CONCURRENTLY \"User_email_idx\" ON \"User\"(\"email\");\n";
    private static final String UUID = "'^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$'";
    private static final String LEDGER = "SELECT migration_name, checksum, finished_at >= started_at, logs, rolled_back_at, "
            + "applied_steps_count, id ~ " + UUID + " FROM public._prisma_migrations ORDER BY started_at";

    @TempDir
    Path dir;

    @Test
    void appliesFromEmptyAndWritesTheLedgerAsPrismaDoes() {
        for (PostgresExtension pg : List.of(pg13, pg17)) {
            Path project = dir.resolve(pg.database());
            Path migrations = migrations(project, INIT, EMAIL, ROLE, INDEX);
            String url = appRole(pg);
            ApplyResult result = apply(url, project, null);
            assertThat(result.outcome()).isEqualTo(ApplyOutcome.APPLIED);
            assertThat(result.ledger()).isEqualTo("public._prisma_migrations");
            assertThat(result.runs()).extracting(FileRun::mode).containsExactly(TransactionMode.TRANSACTION,
                    TransactionMode.TRANSACTION, TransactionMode.TRANSACTION, TransactionMode.STATEMENTS);
            assertThat(result.runs()).extracting(FileRun::statementsRun).containsExactly(1, 1, 2, 1);
            MigrationStatus status = status(url, project, null);
            assertThat(status.directory()).isEqualTo(migrations);
            assertThat(status.upToDate()).isTrue();
            assertThat(states(status).values()).containsOnly(MigrationState.APPLIED).hasSize(4);
            assertThat(rows(pg, LEDGER)).containsExactly(
                    "20240101000000_init|" + sha256(INIT) + "|t|null|null|1|t",
                    "20240102000000_email|" + sha256(EMAIL) + "|t|null|null|1|t",
                    "20240103000000_role|" + sha256(ROLE) + "|t|null|null|1|t",
                    "20240104000000_email_index|" + sha256(INDEX) + "|t|null|null|1|t");
            assertThat(shape(pg, pg.database(), "public._prisma_migrations")).hasSize(10)
                    .isEqualTo(referenceShape(pg, ToolLedgers.PRISMA, "public._prisma_migrations"));
            assertThat(rows(pg, "SELECT tableowner FROM pg_tables WHERE tablename = '_prisma_migrations'"))
                    .containsExactly("app_" + pg.database());
            assertThat(rows(pg, "SELECT indisvalid FROM pg_index WHERE indexrelid = '\"User_email_idx\"'::regclass")).containsExactly("t");
            ApplyResult again = apply(url, project, null);
            assertThat(again.outcome()).isEqualTo(ApplyOutcome.APPLIED);
            assertThat(again.runs()).isEmpty();
            assertThat(rows(pg, LEDGER)).hasSize(4);
        }
    }

    @Test
    void aModifiedFileRefusesEverything() {
        for (PostgresExtension pg : List.of(pg13, pg17)) {
            Path project = dir.resolve(pg.database());
            Path migrations = migrations(project, INIT, EMAIL);
            String url = appRole(pg);
            assertThat(apply(url, project, null).outcome()).isEqualTo(ApplyOutcome.APPLIED);
            write(migrations, "20240102000000_email/migration.sql", EMAIL.replace("TEXT", "VARCHAR(200)"));
            write(migrations, "20240103000000_role/migration.sql", ROLE);
            ApplyResult refused = apply(url, project, null);
            assertThat(refused.outcome()).isEqualTo(ApplyOutcome.REFUSED);
            assertThat(refused.refusal()).isEqualTo("migrate status shows 1 modified: 20240102000000 email (modified); "
                    + "nothing was applied");
            assertThat(refused.runs()).isEmpty();
            assertThat(rows(pg, "SELECT migration_name FROM _prisma_migrations ORDER BY 1"))
                    .containsExactly("20240101000000_init", "20240102000000_email");
            assertThat(rows(pg, "SELECT to_regtype('\"Role\"') IS NULL")).containsExactly("t");
        }
    }

    @Test
    void aFailingMigrationLeavesPrismasFailedRowAndNothingOfItsTransaction() {
        for (PostgresExtension pg : List.of(pg13, pg17)) {
            Path project = dir.resolve(pg.database());
            String bad = "-- CreateTable\nCREATE TABLE \"Post\" (\"id\" INTEGER);\nINSERT INTO \"Nope\" VALUES (1);\n";
            migrations(project, INIT, bad, ROLE);
            String url = appRole(pg);
            ApplyResult result = apply(url, project, null);
            assertThat(result.outcome()).isEqualTo(ApplyOutcome.FAILED);
            assertThat(result.runs()).hasSize(2);
            FileFailure failure = result.runs().get(1).failure();
            assertThat(failure.line()).isEqualTo(3);
            assertThat(failure.sqlState()).isEqualTo("42P01");
            assertThat(failure.rolledBack()).isTrue();
            assertThat(failure.ledger()).startsWith("public._prisma_migrations has its failed row (finished_at NULL");
            assertThat(rows(pg, "SELECT to_regclass('\"Post\"') IS NULL, to_regtype('\"Role\"') IS NULL")).containsExactly("t|t");
            assertThat(rows(pg, "SELECT migration_name, checksum, finished_at IS NULL, applied_steps_count, rolled_back_at IS NULL, "
                    + "split_part(logs, E'\\n', 1) FROM _prisma_migrations WHERE migration_name = '20240102000000_email'"))
                    .containsExactly("20240102000000_email|" + sha256(bad) + "|t|0|t|Database error code: 42P01");
            MigrationStatus status = status(url, project, null);
            assertThat(states(status)).containsExactly(entry("20240101000000", MigrationState.APPLIED),
                    entry("20240102000000", MigrationState.FAILED), entry("20240103000000", MigrationState.PENDING));
            assertThat(apply(url, project, null).outcome()).isEqualTo(ApplyOutcome.REFUSED);
        }
    }

    private static Path migrations(Path project, String... scripts) {
        Path migrations = project.resolve("prisma/migrations");
        write(migrations, "migration_lock.toml", "provider = \"postgresql\"\n");
        String[] names = {"20240101000000_init", "20240102000000_email", "20240103000000_role", "20240104000000_email_index"};
        for (int i = 0; i < scripts.length; i++) {
            write(migrations, names[i] + "/migration.sql", scripts[i]);
        }
        return migrations;
    }
}
