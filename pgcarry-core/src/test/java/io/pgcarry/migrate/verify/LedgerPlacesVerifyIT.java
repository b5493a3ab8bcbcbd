package io.pgcarry.migrate.verify;

import static io.pgcarry.migrate.MigrationFixtures.sha256;
import static io.pgcarry.migrate.MigrationFixtures.sql;
import static io.pgcarry.migrate.verify.VerifyFixtures.drift;
import static io.pgcarry.migrate.verify.VerifyFixtures.ordered;
import static io.pgcarry.migrate.verify.VerifyFixtures.prismaDeploySql;
import static io.pgcarry.migrate.verify.VerifyFixtures.prismaProject;
import static io.pgcarry.migrate.verify.VerifyFixtures.verify;
import static io.pgcarry.migrate.verify.VerifyFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

import io.pgcarry.embedded.junit.PostgresExtension;
import io.pgcarry.migrate.MigrationTool;
import io.pgcarry.migrate.ToolLedgers;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ledgers where tools keep them, left out of the comparison (Drizzle's schema of its own, with a serial), and files
 * replayed as their tool runs them: Prisma's in the schema its {@code ?schema=} names, dbmate's up section only.
 */
class LedgerPlacesVerifyIT {
    @RegisterExtension
    static final PostgresExtension pg13 = PostgresExtension.major(13);
    @RegisterExtension
    static final PostgresExtension pg17 = PostgresExtension.major(17);

    private static final String USERS = "CREATE TABLE \"users\" (\n\t\"id\" serial PRIMARY KEY NOT NULL\n);\n";
    private static final String EMAIL = "ALTER TABLE \"users\" ADD COLUMN \"email\" text;--> statement-breakpoint\n"
            + "CREATE UNIQUE INDEX \"users_email\" ON \"users\" (\"email\");";

    @TempDir
    Path dir;

    @Test
    void drizzlesLedgerSchemaIsLeftOut() {
        for (PostgresExtension pg : List.of(pg13, pg17)) {
            Path project = dir.resolve(pg.database());
            write(project.resolve("drizzle/meta/_journal.json"), """
                    {"version": "7", "dialect": "postgresql", "entries": [
                      {"idx": 0, "version": "7", "when": 1704067200000, "tag": "0000_init", "breakpoints": true},
                      {"idx": 1, "version": "7", "when": 1704153600000, "tag": "0001_email", "breakpoints": true}]}
                    """);
            write(project.resolve("drizzle/0000_init.sql"), USERS);
            write(project.resolve("drizzle/0001_email.sql"), EMAIL);
            sql(pg, ToolLedgers.drizzle("drizzle") + USERS + ";" + EMAIL + ";"
                    + "INSERT INTO drizzle.__drizzle_migrations (hash, created_at) VALUES ('" + sha256(USERS) + "', 1704067200000), ('"
                    + sha256(EMAIL) + "', 1704153600000);");
            VerifyResult result = verify(pg, project, null, false);
            assertThat(result.status().ledger()).isEqualTo("drizzle.__drizzle_migrations");
            assertThat(result.replayed()).isEqualTo(2);
            assertThat(result.drift()).isEmpty();
            assertThat(result.clean()).isTrue();
            sql(pg, "CREATE TABLE drizzle.notes (id int)");
            assertThat(drift(verify(pg, project, null, false))).as("the schema is kept when something else is in it")
                    .containsExactly("extra in the target: schema drizzle", "extra in the target: table drizzle.notes",
                            "extra in the target: column drizzle.notes.id");
        }
    }

    @Test
    void prismaMigrationsRunInTheSchemaOfTheirLedger() {
        for (PostgresExtension pg : List.of(pg13, pg17)) {
            Map<String, String> migrations = ordered("20240101000000_init", USERS, "20240102000000_email", EMAIL.replace("--> statement-breakpoint", ""));
            Path project = prismaProject(dir.resolve(pg.database()), migrations);
            sql(pg, "CREATE SCHEMA app; SET search_path TO app; " + prismaDeploySql(migrations));
            VerifyResult result = verify(pg, project, null, false);
            assertThat(result.status().ledger()).isEqualTo("app._prisma_migrations");
            assertThat(result.searchPath()).isEqualTo("app, public");
            assertThat(result.drift()).isEmpty();
            assertThat(result.clean()).isTrue();
        }
    }

    @Test
    void dbmateRunsTheUpSectionOnly() {
        for (PostgresExtension pg : List.of(pg13, pg17)) {
            Path migrations = dir.resolve(pg.database()).resolve("db/migrations");
            write(migrations.resolve("20240101000000_users.sql"), "-- migrate:up\n" + USERS + "\n-- migrate:down\nDROP TABLE users;\n");
            write(migrations.resolve("20240102000000_email.sql"), "-- migrate:up transaction:false\n"
                    + "ALTER TABLE users ADD COLUMN email text;\nCREATE INDEX CONCURRENTLY users_email ON users (email);\n\n"
                    + "-- migrate:down\nDROP INDEX users_email;\nALTER TABLE users DROP COLUMN email;\n");
            sql(pg, USERS + "; ALTER TABLE users ADD COLUMN email text; CREATE INDEX users_email ON users (email);"
                    + "CREATE TABLE schema_migrations (version varchar(128) PRIMARY KEY);"
                    + "INSERT INTO schema_migrations VALUES ('20240101000000'), ('20240102000000');");
            VerifyResult result = verify(pg, migrations.getParent().getParent(), MigrationTool.DBMATE, false);
            assertThat(result.replayed()).isEqualTo(2);
            assertThat(result.drift()).isEmpty();
            assertThat(result.clean()).isTrue();
        }
    }
}
