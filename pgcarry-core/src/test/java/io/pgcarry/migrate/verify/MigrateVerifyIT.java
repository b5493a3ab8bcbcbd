package io.pgcarry.migrate.verify;

import static io.pgcarry.migrate.MigrationFixtures.sql;
import static io.pgcarry.migrate.verify.VerifyFixtures.drift;
import static io.pgcarry.migrate.verify.VerifyFixtures.ordered;
import static io.pgcarry.migrate.verify.VerifyFixtures.prismaDeploy;
import static io.pgcarry.migrate.verify.VerifyFixtures.prismaProject;
import static io.pgcarry.migrate.verify.VerifyFixtures.readOnlyRole;
import static io.pgcarry.migrate.verify.VerifyFixtures.serverDirectories;
import static io.pgcarry.migrate.verify.VerifyFixtures.verify;
import static io.pgcarry.migrate.verify.VerifyFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgcarry.embedded.junit.PostgresExtension;
import io.pgcarry.error.ConfigurationException;
import io.pgcarry.error.PgCarryException;
import io.pgcarry.migrate.MigrationTool;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code migrate verify} of a Prisma project deployed to PostgreSQL 13 and 17: the migrations are replayed on a
 * throw-away server of the same major and its schema is compared with the target's.
 */
class MigrateVerifyIT {
    @RegisterExtension
    static final PostgresExtension pg13 = PostgresExtension.major(13);
    @RegisterExtension
    static final PostgresExtension pg17 = PostgresExtension.major(17);

    private static final Map<String, String> MIGRATIONS = ordered(
            "20240101000000_init", """
                    -- CreateEnum
                    CREATE TYPE "Role" AS ENUM ('USER', 'ADMIN');

                    -- CreateTable
                    CREATE TABLE "users" (
                        "id" SERIAL NOT NULL,
                        "name" VARCHAR(100) NOT NULL,
                        "role" "Role" NOT NULL DEFAULT 'USER',
                        CONSTRAINT "users_pkey" PRIMARY KEY ("id")
                    );
                    """,
            "20240102000000_posts", """
                    -- CreateTable
                    CREATE TABLE "posts" (
                        "id" SERIAL NOT NULL,
                        "authorId" INTEGER NOT NULL,
                        "title" TEXT NOT NULL,
                        CONSTRAINT "posts_pkey" PRIMARY KEY ("id")
                    );

                    -- AddForeignKey
                    ALTER TABLE "posts" ADD CONSTRAINT "posts_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
                    """,
            "20240103000000_email", """
                    -- AlterTable
                    ALTER TABLE "users" ADD COLUMN "email" TEXT;

                    -- CreateIndex
                    CREATE UNIQUE INDEX "users_email_key" ON "users"("email");
                    CREATE INDEX "users_name_idx" ON "users"("name");
                    """);
    private static final String PENDING = "-- AlterTable\nALTER TABLE \"posts\" ADD COLUMN \"published\" BOOLEAN NOT NULL DEFAULT false;\n";

    @TempDir
    Path dir;

    @Test
    void aTargetThatIsWhatItsFilesMakeHasNoDrift() {
        for (PostgresExtension pg : List.of(pg13, pg17)) {
            Path project = prismaProject(dir.resolve(pg.database()), MIGRATIONS);
            prismaDeploy(pg, MIGRATIONS);
            Set<Path> serversBefore = serverDirectories();
            // as a role that may only read: no shadow database, nothing written
            VerifyResult result = verify(readOnlyRole(pg, "\"_prisma_migrations\""), project, null, false, null);
            assertThat(result.status().tool()).isEqualTo(MigrationTool.PRISMA);
            assertThat(result.status().upToDate()).isTrue();
            assertThat(result.server().major()).isEqualTo(pg.server().version().major());
            assertThat(result.server().version()).startsWith(pg.server().version().major() + ".");
            assertThat(result.replayed()).isEqualTo(3);
            assertThat(result.pendingLeftOut()).isZero();
            assertThat(result.drift()).isEmpty();
            assertThat(result.notCompared()).isEmpty();
            assertThat(result.notes()).isEmpty();
            assertThat(result.clean()).isTrue();
            assertThat(serverDirectories()).as("the throw-away server is gone").isEqualTo(serversBefore);
        }
    }

    @Test
    void changesMadeByHandInTheTargetAreDrift() {
        for (PostgresExtension pg : List.of(pg13, pg17)) {
            Path project = prismaProject(dir.resolve(pg.database()), MIGRATIONS);
            prismaDeploy(pg, MIGRATIONS);
            sql(pg, """
                    ALTER TABLE users ADD COLUMN nickname text;
                    DROP INDEX users_name_idx;
                    ALTER TABLE users ALTER COLUMN name TYPE varchar(200);
                    CREATE TABLE audit_log (id bigint PRIMARY KEY);
                    """);
            VerifyResult result = verify(pg, project, null, false);
            assertThat(result.status().upToDate()).isTrue();
            assertThat(drift(result)).containsExactly(
                    "extra in the target: table public.audit_log",
                    "extra in the target: column public.audit_log.id",
                    "changed: column public.users.name",
                    "extra in the target: column public.users.nickname",
                    "extra in the target: constraint audit_log_pkey on public.audit_log",
                    "missing in the target: index public.users_name_idx");
            Drift name = result.drift().get(2);
            assertThat(name.attributes()).containsExactly(new Drift.Attribute("type", "character varying(100)", "character varying(200)"));
            assertThat(result.clean()).isFalse();
        }
    }

    @Test
    void pendingMigrationsAreReplayedOnlyWhenAskedFor() {
        for (PostgresExtension pg : List.of(pg13, pg17)) {
            Map<String, String> all = ordered();
            all.putAll(MIGRATIONS);
            all.put("20240104000000_published", PENDING);
            Path project = prismaProject(dir.resolve(pg.database()), all);
            prismaDeploy(pg, MIGRATIONS);
            VerifyResult applied = verify(pg, project, null, false);
            assertThat(applied.replayed()).isEqualTo(3);
            assertThat(applied.pendingLeftOut()).isEqualTo(1);
            assertThat(applied.pendingIncluded()).isFalse();
            assertThat(applied.noDrift()).isTrue();
            assertThat(applied.clean()).as("a pending migration is a status fault").isFalse();
            VerifyResult withPending = verify(pg, project, null, true);
            assertThat(withPending.replayed()).isEqualTo(4);
            assertThat(withPending.pendingLeftOut()).isZero();
            assertThat(drift(withPending)).containsExactly("missing in the target: column public.posts.published");
        }
    }

    @Test
    void aFileThatFailsOnTheThrowAwayServerIsNamedAndTheServerRemoved() {
        for (PostgresExtension pg : List.of(pg13, pg17)) {
            // the table came from outside the migrations, so the file ran here and cannot run on a server built from them
            sql(pg, "CREATE TABLE legacy (id int)");
            Map<String, String> migrations = ordered("20240101000000_init", MIGRATIONS.get("20240101000000_init"),
                    "20240102000000_legacy", "-- AlterTable\nALTER TABLE \"legacy\" ADD COLUMN \"note\" TEXT;\n");
            Path project = prismaProject(dir.resolve(pg.database()), migrations);
            prismaDeploy(pg, migrations);
            Set<Path> serversBefore = serverDirectories();
            assertThatThrownBy(() -> verify(pg, project, null, false))
                    .isInstanceOf(ReplayFailedException.class)
                    .hasMessageStartingWith("migration 20240102000000_legacy/migration.sql failed on the throw-away PostgreSQL "
                            + pg.server().version().major() + ".")
                    .hasMessageContaining(" at line 2: [42P01] relation \"legacy\" does not exist")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
            assertThat(serverDirectories()).as("the throw-away server is gone").isEqualTo(serversBefore);
        }
    }

    @Test
    void aMajorWithoutEmbeddedBinariesIsOneLineNamingIt() {
        Path project = prismaProject(dir, MIGRATIONS);
        prismaDeploy(pg17, MIGRATIONS);
        assertThatThrownBy(() -> verify(pg17, project, null, false, 12))
                .isInstanceOf(PgCarryException.class)
                .hasMessage("migrate verify needs a throw-away PostgreSQL 12: no embedded PostgreSQL 12; choose one of "
                        + "[13, 14, 15, 16, 17, 18]");
    }

    @Test
    void rubyMigrationsAreRefusedAndNoServerIsLeftBehind() {
        write(dir.resolve("db/migrate/20240101000000_create_users.rb"), "class CreateUsers < ActiveRecord::Migration[7.1]\nend\n");
        sql(pg17, "CREATE TABLE schema_migrations (version varchar PRIMARY KEY); INSERT INTO schema_migrations VALUES ('20240101000000')");
        Set<Path> serversBefore = serverDirectories();
        assertThatThrownBy(() -> verify(pg17, dir, MigrationTool.RAILS, false))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("migrate verify replays SQL migrations, and rails's 20240101000000_create_users.rb is not SQL; "
                        + "compare the schema such migrations build with pgcarry diff instead");
        assertThat(serverDirectories()).as("the throw-away server, started meanwhile, is gone").isEqualTo(serversBefore);
    }
}
