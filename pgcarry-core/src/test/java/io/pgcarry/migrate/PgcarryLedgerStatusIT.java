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
import io.pgcarry.migrate.tools.PgcarryLedger;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A plain SQL directory under pgcarry's own ledger, created by {@link PgcarryLedger#create} as {@code apply} will. */
class PgcarryLedgerStatusIT {
    @RegisterExtension
    static final PostgresExtension pg13 = PostgresExtension.major(13);
    @RegisterExtension
    static final PostgresExtension pg17 = PostgresExtension.major(17);

    private static final String USERS = "CREATE TABLE users (id bigint PRIMARY KEY);\n";
    private static final String EMAIL = "ALTER TABLE users ADD COLUMN email text;\n";
    private static final String INDEX = "CREATE INDEX CONCURRENTLY users_email ON users (email);\nANALYZE users;\n";

    @TempDir
    Path dir;

    @Test
    void aCleanLedgerIsUpToDate() throws Exception {
        for (PostgresExtension pg : List.of(pg13, pg17)) {
            Path migrations = dir.resolve(pg.database()).resolve("migrations");
            write(migrations, "001_users.sql", USERS);
            write(migrations, "002_email.sql", EMAIL, true);
            createLedger(pg);
            sql(pg, applied("001", "users", USERS, USERS, true, 1)
                    + applied("002", "email", EMAIL.replace("\n", "\r\n"), EMAIL, true, 1));
            MigrationStatus status = status(pg, migrations.getParent(), null);
            assertThat(status.tool()).isEqualTo(MigrationTool.PGCARRY);
            assertThat(status.ledger()).isEqualTo("pgcarry_migrate.migrations");
            assertThat(states(status)).containsExactly(entry("001", APPLIED), entry("002", APPLIED));
            assertThat(status.upToDate()).isTrue();
        }
    }

    @Test
    void everyPlantedFaultIsReported() throws Exception {
        for (PostgresExtension pg : List.of(pg13, pg17)) {
            Path migrations = dir.resolve(pg.database());
            write(migrations, "001_users.sql", USERS);
            write(migrations, "002_email.sql", EMAIL.replace("text", "text NOT NULL"));
            write(migrations, "003_index.sql", INDEX, true);
            write(migrations, "004_branch.sql", "SELECT 4;\n");
            write(migrations, "005_failed.sql", "CREATE INDEX CONCURRENTLY a ON users (id);\nCREATE INDEX CONCURRENTLY b ON users (id);\n");
            write(migrations, "007_next.sql", "SELECT 7;\n");
            createLedger(pg);
            sql(pg, applied("001", "users", USERS, USERS, true, 1) + applied("002", "email", EMAIL, EMAIL, true, 1)
                    + applied("003", "index", INDEX, INDEX, true, 2)
                    + applied("005", "failed", "x", "x", false, 1) + applied("006", "dropped", "SELECT 6;\n", "SELECT 6;\n", true, 1));
            MigrationStatus status = status(pg, migrations, MigrationTool.PGCARRY);
            assertThat(states(status)).containsExactly(entry("001", APPLIED), entry("002", MODIFIED), entry("003", LINE_ENDINGS_ONLY),
                    entry("004", OUT_OF_ORDER), entry("005", FAILED), entry("006", MISSING), entry("007", PENDING));
            assertThat(row(status, "003").note()).isEqualTo("line endings only (LF→CRLF)");
            assertThat(row(status, "005").note()).isEqualTo("started, not finished; stopped after 1 statements");
            assertThat(row(status, "006").name()).isEqualTo("dropped");
        }
    }

    private static void createLedger(PostgresExtension pg) throws Exception {
        try (Connection c = pg.connect()) {
            PgcarryLedger.create(c);
        }
    }

    private static String applied(String version, String name, String file, String lfFile, boolean success, int statements) {
        return "INSERT INTO pgcarry_migrate.migrations (version, name, checksum, checksum_lf, duration_ms, success, statements_run) "
                + "VALUES ('" + version + "', '" + name + "', '" + sha256(file) + "', '" + sha256(lfFile) + "', 5, " + success + ", "
                + statements + ");\n";
    }
}
