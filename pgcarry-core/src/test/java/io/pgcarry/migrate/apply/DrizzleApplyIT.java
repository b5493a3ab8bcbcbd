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
import io.pgcarry.migrate.ToolLedgers;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code migrate apply} on a Drizzle directory: {@code drizzle.__drizzle_migrations} created as drizzle-orm's
 * migrator creates it and one row per journal entry, {@code hash} the SHA-256 of the file's text with LF line endings
 * and {@code created_at} the entry's {@code when}, in journal order.
 */
class DrizzleApplyIT {
    @RegisterExtension
    static final PostgresExtension pg13 = PostgresExtension.major(13);
    @RegisterExtension
    static final PostgresExtension pg17 = PostgresExtension.major(17);

    private static final String INIT = "CREATE TABLE \"users\" (\n\t\"id\" serial PRIMARY KEY NOT NULL,\n\t\"name\" text\n);\n"
            + "--> statement-breakpoint\nCREATE TABLE \"posts\" (\n\t\"id\" serial PRIMARY KEY NOT NULL\n);\n";
    // written on Windows: drizzle hashes it with LF line endings
    private static final String EMAIL = "ALTER TABLE \"users\" ADD COLUMN \"email\" text;\r\n";
    private static final String INDEX = "CREATE INDEX CONCURRENTLY \"users_email_idx\" ON \"users\" (\"email\");\n";
    private static final long[] WHEN = {1717000000000L, 1717000100000L, 1717000200000L};
    private static final String[] TAGS = {"0000_init", "0001_email", "0002_index"};
    private static final String LEDGER = "SELECT id, hash, created_at FROM drizzle.__drizzle_migrations ORDER BY id";

    @TempDir
    Path dir;

    @Test
    void appliesFromEmptyAndWritesTheLedgerAsDrizzleDoes() {
        for (PostgresExtension pg : List.of(pg13, pg17)) {
            Path project = dir.resolve(pg.database());
            directory(project, INIT, EMAIL, INDEX);
            String url = appRole(pg);
            ApplyResult result = apply(url, project, null);
            assertThat(result.outcome()).isEqualTo(ApplyOutcome.APPLIED);
            assertThat(result.ledger()).isEqualTo("drizzle.__drizzle_migrations");
            assertThat(result.runs()).extracting(FileRun::statementsRun).containsExactly(2, 1, 1);
            assertThat(status(url, project, null).upToDate()).isTrue();
            assertThat(rows(pg, LEDGER)).containsExactly("1|" + sha256(INIT) + "|" + WHEN[0],
                    "2|" + sha256(EMAIL.replace("\r\n", "\n")) + "|" + WHEN[1], "3|" + sha256(INDEX) + "|" + WHEN[2]);
            assertThat(shape(pg, pg.database(), "drizzle.__drizzle_migrations")).hasSize(5)
                    .isEqualTo(referenceShape(pg, ToolLedgers.drizzle("drizzle"), "drizzle.__drizzle_migrations"));
        }
    }

    @Test
    void aFailingMigrationLeavesNothingAndStaysPending() {
        for (PostgresExtension pg : List.of(pg13, pg17)) {
            Path project = dir.resolve(pg.database());
            directory(project, INIT, "ALTER TABLE \"users\" ADD COLUMN \"email\" text;\n--> statement-breakpoint\n"
                    + "ALTER TABLE \"nope\" ADD COLUMN \"x\" text;\n", INDEX);
            String url = appRole(pg);
            ApplyResult result = apply(url, project, null);
            assertThat(result.outcome()).isEqualTo(ApplyOutcome.FAILED);
            assertThat(result.runs()).hasSize(2);
            assertThat(result.runs().get(1).failure().ledger()).startsWith("nothing recorded in drizzle.__drizzle_migrations");
            assertThat(rows(pg, "SELECT count(*) FROM information_schema.columns WHERE column_name = 'email'")).containsExactly("0");
            assertThat(rows(pg, LEDGER)).hasSize(1);
            assertThat(states(status(url, project, null))).containsExactly(entry("0000", MigrationState.APPLIED),
                    entry("0001", MigrationState.PENDING), entry("0002", MigrationState.PENDING));
        }
    }

    private static void directory(Path project, String... files) {
        Path drizzle = project.resolve("drizzle");
        StringBuilder journal = new StringBuilder("{\n  \"version\": \"7\",\n  \"dialect\": \"postgresql\",\n  \"entries\": [");
        for (int i = 0; i < files.length; i++) {
            write(drizzle, TAGS[i] + ".sql", files[i]);
            journal.append(i == 0 ? "\n" : ",\n").append("    {\"idx\": ").append(i).append(", \"version\": \"7\", \"when\": ")
                    .append(WHEN[i]).append(", \"tag\": \"").append(TAGS[i]).append("\", \"breakpoints\": true}");
        }
        write(drizzle, "meta/_journal.json", journal.append("\n  ]\n}\n").toString());
    }
}
