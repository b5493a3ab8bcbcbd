package io.pgcarry.migrate;

import static io.pgcarry.migrate.MigrationFixtures.sha256;
import static io.pgcarry.migrate.MigrationFixtures.sql;
import static io.pgcarry.migrate.MigrationFixtures.states;
import static io.pgcarry.migrate.MigrationFixtures.status;
import static io.pgcarry.migrate.MigrationFixtures.write;
import static io.pgcarry.migrate.MigrationState.APPLIED;
import static io.pgcarry.migrate.MigrationState.MISSING;
import static io.pgcarry.migrate.MigrationState.PENDING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.pgcarry.error.Setting;
import io.pgcarry.embedded.junit.PostgresExtension;
import io.pgcarry.error.ConfigurationException;
import io.pgcarry.error.DatabaseException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Which tool {@code migrate status} reads, and what it says when it cannot tell or cannot read. */
class DetectionIT {
    @RegisterExtension
    static final PostgresExtension pg13 = PostgresExtension.major(13);
    @RegisterExtension
    static final PostgresExtension pg17 = PostgresExtension.major(17);

    private static final String PRISMA_LEDGER = """
            CREATE TABLE %s."_prisma_migrations" (
                "id" VARCHAR(36) PRIMARY KEY NOT NULL, "checksum" VARCHAR(64) NOT NULL, "finished_at" TIMESTAMPTZ,
                "migration_name" VARCHAR(255) NOT NULL, "logs" TEXT, "rolled_back_at" TIMESTAMPTZ,
                "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(), "applied_steps_count" INTEGER NOT NULL DEFAULT 0);
            INSERT INTO %1$s."_prisma_migrations" VALUES ('%2$s', '%3$s', now(), '20240101000000_init', NULL, NULL, now(), 1);
            """;
    private static final String INIT = "CREATE TABLE t (id int);\n";

    @TempDir
    Path dir;

    @Test
    void twoLayoutsAreToldApartByTheLedgerOrRefused() {
        Path project = dir.resolve("both");
        write(project, "prisma/migrations/migration_lock.toml", "provider = \"postgresql\"\n");
        write(project, "prisma/migrations/20240101000000_init/migration.sql", INIT);
        write(project, "db/migration/V1__init.sql", INIT);
        assertThatThrownBy(() -> status(pg17, project, null)).isInstanceOf(ConfigurationException.class)
                .hasMessage("cannot tell which tool " + project + " belongs to (it could be prisma, flyway); name it with " + Setting.TOOL.mention());
        sql(pg17, PRISMA_LEDGER.formatted("public", "5f0c7a6e-0000-4000-8000-000000000001", sha256(INIT)));
        MigrationStatus status = status(pg17, project, null);
        assertThat(status.tool()).isEqualTo(MigrationTool.PRISMA);
        assertThat(status.detectedBy()).isEqualTo("migration_lock.toml and 1 */migration.sql and ledger public._prisma_migrations");
        assertThat(status.upToDate()).isTrue();
        assertThat(status(pg17, project, MigrationTool.FLYWAY).migrations()).extracting(MigrationRow::state).containsExactly(PENDING);
    }

    @Test
    void withoutALayoutTheLedgerDecidesAndItsRowsAreMissing() {
        Path empty = dir.resolve("empty");
        write(empty, "README.md", "nothing here\n");
        assertThatThrownBy(() -> status(pg13, empty, null)).isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("no migrations pgcarry recognises in " + empty + " and no known ledger table in the database; "
                        + "name the tool with " + Setting.TOOL.mention() + " (prisma, drizzle, flyway, ");
        sql(pg13, "CREATE TABLE goose_db_version (id serial PRIMARY KEY, version_id bigint NOT NULL, is_applied boolean NOT NULL, "
                + "tstamp timestamp DEFAULT now()); INSERT INTO goose_db_version (version_id, is_applied) VALUES (0, true), (1, true)");
        MigrationStatus status = status(pg13, empty, null);
        assertThat(status.tool()).isEqualTo(MigrationTool.GOOSE);
        assertThat(status.detectedBy()).isEqualTo("ledger public.goose_db_version");
        assertThat(states(status)).containsExactly(entry("1", MISSING));
    }

    @Test
    void eachLayoutGivenDirectlyIsItsToolsAlone() {
        Path drizzle = dir.resolve("drizzle");
        write(drizzle, "meta/_journal.json", "{\"version\":\"7\",\"dialect\":\"postgresql\",\"entries\":[{\"idx\":0,"
                + "\"version\":\"7\",\"when\":1700000000000,\"tag\":\"0000_init\",\"breakpoints\":true}]}");
        write(drizzle, "0000_init.sql", INIT);
        Path dbmate = dir.resolve("dbmate");
        write(dbmate, "20240101000000_init.sql", "-- migrate:up\n" + INIT + "-- migrate:down\n");
        Path golang = dir.resolve("golang");
        write(golang, "1_init.up.sql", INIT);
        write(golang, "1_init.down.sql", "DROP TABLE t;\n");
        Path goose = dir.resolve("goose");
        write(goose, "00001_init.sql", "-- +goose Up\n" + INIT);
        Path plain = dir.resolve("plain");
        write(plain, "001_init.sql", INIT);
        Path rails = dir.resolve("rails");
        write(rails, "db/migrate/20240101000000_create_t.rb", "class CreateT < ActiveRecord::Migration[7.1]\nend\n");
        assertThat(List.of(drizzle, dbmate, golang, goose, plain, rails)).extracting(d -> status(pg13, d, null).tool())
                .containsExactly(MigrationTool.DRIZZLE, MigrationTool.DBMATE, MigrationTool.GOLANG_MIGRATE, MigrationTool.GOOSE,
                        MigrationTool.PGCARRY, MigrationTool.RAILS);
    }

    @Test
    void schemaMigrationsAloneIsAmbiguousBetweenDbmateAndRails() {
        sql(pg17, "CREATE TABLE schema_migrations (version varchar(128) PRIMARY KEY)");
        assertThatThrownBy(() -> status(pg17, Files.createDirectories(dir.resolve("none")), null))
                .hasMessage("cannot tell which tool " + dir.resolve("none") + " belongs to (it could be dbmate, rails); name it with " + Setting.TOOL.mention());
    }

    @Test
    void aLedgerInSeveralSchemasNeedsLedgerSchema() {
        Path project = dir.resolve("app");
        write(project, "prisma/migrations/migration_lock.toml", "provider = \"postgresql\"\n");
        write(project, "prisma/migrations/20240101000000_init/migration.sql", INIT);
        sql(pg17, "CREATE SCHEMA app; CREATE SCHEMA \"Other\";"
                + PRISMA_LEDGER.formatted("app", "5f0c7a6e-0000-4000-8000-000000000002", sha256(INIT))
                + PRISMA_LEDGER.formatted("\"Other\"", "5f0c7a6e-0000-4000-8000-000000000003", sha256("changed")));
        assertThatThrownBy(() -> status(pg17, project, null)).isInstanceOf(ConfigurationException.class)
                .hasMessage("prisma's ledger _prisma_migrations is in several schemas (Other, app); say which with " + Setting.LEDGER_SCHEMA.mention());
        assertThat(MigrationFixtures.status(pg17.url(), project, null, "app").upToDate()).isTrue();
        MigrationStatus other = MigrationFixtures.status(pg17.url(), project, null, "Other");
        assertThat(other.ledger()).isEqualTo("\"Other\"._prisma_migrations");
        assertThat(states(other)).containsExactly(entry("20240101000000", MigrationState.MODIFIED));
    }

    @Test
    void noLedgerYetMeansEverythingPending() {
        for (PostgresExtension pg : List.of(pg13, pg17)) {
            Path migrations = dir.resolve(pg.database());
            write(migrations, "V1__init.sql", INIT);
            write(migrations, "V2__more.sql", INIT);
            MigrationStatus status = status(pg, migrations, null);
            assertThat(status.ledger()).isNull();
            assertThat(states(status)).containsExactly(entry("1", PENDING), entry("2", PENDING));
        }
    }

    @Test
    void aRoleThatMayOnlyReadTheLedgerIsEnoughAndOneThatMayNotIsTold() {
        for (PostgresExtension pg : List.of(pg13, pg17)) {
            Path migrations = dir.resolve(pg.database());
            write(migrations, "000001_init.up.sql", INIT);
            String role = "reader_" + pg.database();
            sql(pg, "CREATE TABLE schema_migrations (version bigint NOT NULL PRIMARY KEY, dirty boolean NOT NULL);"
                    + "INSERT INTO schema_migrations VALUES (1, false);"
                    + "CREATE ROLE " + role + " LOGIN");
            try {
                String url = "postgresql://" + role + "@127.0.0.1:" + pg.server().port() + "/" + pg.database();
                assertThatThrownBy(() -> MigrationFixtures.status(url, migrations, MigrationTool.GOLANG_MIGRATE, null))
                        .isInstanceOf(DatabaseException.class)
                        .hasMessageStartingWith("reading the migration ledger in ").hasMessageContaining("[42501]");
                sql(pg, "GRANT SELECT ON schema_migrations TO " + role);
                MigrationStatus status = MigrationFixtures.status(url, migrations, MigrationTool.GOLANG_MIGRATE, null);
                assertThat(states(status)).containsExactly(entry("000001", APPLIED));
            } finally {
                sql(pg, "DROP OWNED BY " + role + "; DROP ROLE " + role);
            }
        }
    }

    @Test
    void liquibaseAtlasSqitchAndGraphileLayoutsAreEachTheirToolsAlone() {
        Path liquibase = dir.resolve("liquibase");
        write(liquibase, "001_init.sql", "--liquibase formatted sql\n\n--changeset a:1\n" + INIT);
        Path master = dir.resolve("spring");
        write(master, "src/main/resources/db/changelog/db.changelog-master.xml", "<databaseChangeLog "
                + "xmlns=\"http://www.liquibase.org/xml/ns/dbchangelog\"><include file=\"init.sql\" relativeToChangelogFile=\"true\"/>"
                + "</databaseChangeLog>");
        write(master, "src/main/resources/db/changelog/init.sql", "--liquibase formatted sql\n--changeset a:1\n" + INIT);
        Path atlas = dir.resolve("atlas");
        write(atlas, "migrations/20240101000000_init.sql", INIT);
        write(atlas, "migrations/atlas.sum", "h1:x\n");
        Path sqitch = dir.resolve("sqitch");
        write(sqitch, "sqitch.plan", "%syntax-version=1.0.0\n%project=app\n\ninit 2024-01-01T00:00:00Z A <a@x>\n");
        write(sqitch, "deploy/init.sql", INIT);
        Path graphile = dir.resolve("graphile");
        write(graphile, "migrations/committed/000001.sql", "--! Previous: -\n--! Hash: sha1:x\n\n" + INIT);
        assertThat(List.of(liquibase, master, atlas, sqitch, graphile, graphile.resolve("migrations/committed")))
                .extracting(d -> status(pg13, d, null).tool()).containsExactly(MigrationTool.LIQUIBASE, MigrationTool.LIQUIBASE,
                        MigrationTool.ATLAS, MigrationTool.SQITCH, MigrationTool.GRAPHILE, MigrationTool.GRAPHILE);
        MigrationStatus spring = status(pg13, master, null);
        assertThat(spring.detectedBy()).isEqualTo("master changelog db.changelog-master.xml");
        assertThat(states(spring)).containsExactly(entry("init.sql::1::a", PENDING));
    }

    @Test
    void theirLedgersAloneNameTheirTools() {
        Path empty = dir.resolve("none");
        write(empty, "README.md", "nothing here\n");
        sql(pg17, "CREATE SCHEMA sqitch; CREATE TABLE sqitch.changes (change_id text PRIMARY KEY, script_hash text, change text NOT NULL, "
                + "project text NOT NULL, note text NOT NULL DEFAULT '', committed_at timestamptz NOT NULL DEFAULT clock_timestamp());"
                + "INSERT INTO sqitch.changes (change_id, script_hash, change, project) VALUES ('abc', 'def', 'init', 'app')");
        MigrationStatus status = status(pg17, empty, null);
        assertThat(status.tool()).isEqualTo(MigrationTool.SQITCH);
        assertThat(status.detectedBy()).isEqualTo("ledger sqitch.changes");
    }

    @Test
    void aMissingDirectoryIsAConfigurationError() {
        assertThatThrownBy(() -> status(pg17, dir.resolve("nope"), null)).isInstanceOf(ConfigurationException.class)
                .hasMessage("migration directory " + dir.resolve("nope") + " does not exist or is not a directory");
    }
}
