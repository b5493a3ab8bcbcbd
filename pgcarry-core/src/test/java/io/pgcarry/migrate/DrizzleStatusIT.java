package io.pgcarry.migrate;

import static io.pgcarry.migrate.MigrationFixtures.row;
import static io.pgcarry.migrate.MigrationFixtures.sha256;
import static io.pgcarry.migrate.MigrationFixtures.sql;
import static io.pgcarry.migrate.MigrationFixtures.states;
import static io.pgcarry.migrate.MigrationFixtures.status;
import static io.pgcarry.migrate.MigrationFixtures.write;
import static io.pgcarry.migrate.MigrationState.APPLIED;
import static io.pgcarry.migrate.MigrationState.LINE_ENDINGS_ONLY;
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
 * Drizzle's directory and ledger as drizzle-kit and drizzle-orm's migrator leave them: {@code drizzle/meta/_journal.json}
 * (version 7, postgresql) lists entries with idx, when (milliseconds), tag and breakpoints; {@code <tag>.sql} holds the
 * statements split by {@code --> statement-breakpoint}. The migrator creates schema drizzle and the table below, and for
 * each migration it applies inserts (hash, created_at) = (SHA-256 hex of the file's text, CRLF made LF by current
 * versions, the entry's when). All pending migrations run in one transaction, so a failure leaves no row: Drizzle has no
 * failed state to plant.
 */
class DrizzleStatusIT {
    @RegisterExtension
    static final PostgresExtension pg13 = PostgresExtension.major(13);
    @RegisterExtension
    static final PostgresExtension pg17 = PostgresExtension.major(17);

    private static final long DAY = 86_400_000L;
    private static final long T0 = 1_704_067_200_000L;
    private static final String INIT = "CREATE TABLE \"users\" (\n\t\"id\" serial PRIMARY KEY NOT NULL\n);\n";
    private static final String EMAIL = "ALTER TABLE \"users\" ADD COLUMN \"email\" text;--> statement-breakpoint\n"
            + "CREATE UNIQUE INDEX \"users_email\" ON \"users\" (\"email\");";
    private static final String VIEW = "CREATE VIEW \"v\" AS SELECT 1;\n";

    @TempDir
    Path dir;

    @Test
    void aCleanLedgerIsUpToDateAlsoInTheOlderPublicTable() {
        for (PostgresExtension pg : List.of(pg13, pg17)) {
            Path project = dir.resolve(pg.database());
            journal(project, "0000_init:" + T0, "0001_email:" + (T0 + DAY));
            write(project, "drizzle/0000_init.sql", INIT);
            write(project, "drizzle/0001_email.sql", EMAIL);
            sql(pg, ToolLedgers.drizzle("public") + insert("public", sha256(INIT), T0) + insert("public", sha256(EMAIL), T0 + DAY));
            MigrationStatus status = status(pg, project, null);
            assertThat(status.tool()).isEqualTo(MigrationTool.DRIZZLE);
            assertThat(status.detectedBy()).isEqualTo("meta/_journal.json");
            assertThat(status.ledger()).isEqualTo("public.__drizzle_migrations");
            assertThat(states(status)).containsExactly(entry("0000", APPLIED), entry("0001", APPLIED));
            assertThat(status.upToDate()).isTrue();
        }
    }

    @Test
    void everyPlantedFaultIsReportedAndTheSilentSkipIsNamed() {
        for (PostgresExtension pg : List.of(pg13, pg17)) {
            Path project = dir.resolve(pg.database());
            journal(project, "0000_init:" + T0, "0001_email:" + (T0 + DAY), "0002_view:" + (T0 + 2 * DAY),
                    "0003_grant:" + (T0 + 3 * DAY), "0004_branch:" + (T0 + DAY + 1000), "0005_seed:" + (T0 + 5 * DAY),
                    "0007_next:" + (T0 + 7 * DAY));
            write(project, "drizzle/0000_init.sql", INIT);
            write(project, "drizzle/0001_email.sql", EMAIL.replace("text", "varchar(320)"));
            write(project, "drizzle/0002_view.sql", VIEW, true);
            write(project, "drizzle/0003_grant.sql", "GRANT SELECT ON \"v\" TO PUBLIC;\n");
            write(project, "drizzle/0004_branch.sql", "ALTER TABLE \"users\" ADD COLUMN \"name\" text;\n");
            write(project, "drizzle/0005_seed.sql", "INSERT INTO \"users\" DEFAULT VALUES;\n");
            write(project, "drizzle/0007_next.sql", "SELECT 7;\n");
            sql(pg, ToolLedgers.drizzle("drizzle") + insert("drizzle", sha256(INIT), T0) + insert("drizzle", sha256(EMAIL), T0 + DAY)
                    // the view file is CRLF now; drizzle hashes it with LF, as it did when it was applied: no change
                    + insert("drizzle", sha256(VIEW), T0 + 2 * DAY)
                    // an older drizzle hashed the raw text of a CRLF checkout; the file is LF now
                    + insert("drizzle", sha256("GRANT SELECT ON \"v\" TO PUBLIC;\r\n"), T0 + 3 * DAY)
                    + insert("drizzle", sha256("INSERT INTO \"users\" DEFAULT VALUES;\n"), T0 + 5 * DAY)
                    // 0006 was applied, then its entry and file were deleted
                    + insert("drizzle", sha256("SELECT 6;\n"), T0 + 6 * DAY));
            MigrationStatus status = status(pg, project.resolve("drizzle"), MigrationTool.DRIZZLE);
            assertThat(status.ledger()).isEqualTo("drizzle.__drizzle_migrations");
            assertThat(states(status)).containsExactly(entry("0000", APPLIED), entry("0001", MODIFIED), entry("0004", SKIPPED),
                    entry("0002", APPLIED), entry("0003", LINE_ENDINGS_ONLY), entry("0005", APPLIED),
                    entry("when " + (T0 + 6 * DAY), MISSING), entry("0007", PENDING));
            assertThat(row(status, "0004").note()).isEqualTo("drizzle skips it for good: its journal 'when' is not after the last "
                    + "applied created_at (newest applied: when " + (T0 + 6 * DAY) + ")");
            assertThat(row(status, "0003").note()).isEqualTo("line endings only (CRLF→LF)");
            assertThat(row(status, "0001").note()).startsWith("checksum " + sha256(EMAIL).substring(0, 8) + "… recorded");
        }
    }

    /** drizzle/meta/_journal.json with entries {@code tag:when}, in this order (idx follows). */
    private static void journal(Path project, String... entries) {
        StringBuilder json = new StringBuilder("{\n  \"version\": \"7\",\n  \"dialect\": \"postgresql\",\n  \"entries\": [\n");
        for (int i = 0; i < entries.length; i++) {
            String[] parts = entries[i].split(":");
            json.append("    {\n      \"idx\": ").append(i).append(",\n      \"version\": \"7\",\n      \"when\": ").append(parts[1])
                    .append(",\n      \"tag\": \"").append(parts[0]).append("\",\n      \"breakpoints\": true\n    }")
                    .append(i + 1 < entries.length ? ",\n" : "\n");
        }
        write(project, "drizzle/meta/_journal.json", json.append("  ]\n}").toString());
    }

    private static String insert(String schema, String hash, long when) {
        return "INSERT INTO \"" + schema + "\".\"__drizzle_migrations\" (\"hash\", \"created_at\") VALUES ('" + hash + "', " + when + ");\n";
    }
}
