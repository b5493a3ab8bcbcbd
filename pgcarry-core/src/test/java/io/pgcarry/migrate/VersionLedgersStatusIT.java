package io.pgcarry.migrate;

import static io.pgcarry.migrate.MigrationFixtures.row;
import static io.pgcarry.migrate.MigrationFixtures.sql;
import static io.pgcarry.migrate.MigrationFixtures.states;
import static io.pgcarry.migrate.MigrationFixtures.status;
import static io.pgcarry.migrate.MigrationFixtures.write;
import static io.pgcarry.migrate.MigrationState.APPLIED;
import static io.pgcarry.migrate.MigrationState.FAILED;
import static io.pgcarry.migrate.MigrationState.MISSING;
import static io.pgcarry.migrate.MigrationState.OUT_OF_ORDER;
import static io.pgcarry.migrate.MigrationState.PENDING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.pgcarry.embedded.junit.PostgresExtension;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tools whose ledgers record versions without checksums, as each leaves them: dbmate's
 * {@code schema_migrations(version varchar(128) primary key)}, golang-migrate's one-row
 * {@code schema_migrations(version bigint, dirty boolean)}, goose's {@code goose_db_version} (v3's table, with its row of
 * version 0 written when goose creates it, and a row per up and per down), Rails' {@code schema_migrations(version)}
 * beside {@code ar_internal_metadata}. None keeps a checksum, so an edited file cannot be told from the ledger: those
 * rows stay applied. dbmate, goose and Rails run each migration in a transaction and write its row in it, so a failure
 * leaves nothing to find; golang-migrate marks its version dirty.
 */
class VersionLedgersStatusIT {
    @RegisterExtension
    static final PostgresExtension pg13 = PostgresExtension.major(13);
    @RegisterExtension
    static final PostgresExtension pg17 = PostgresExtension.major(17);

    private static final String DBMATE = "CREATE TABLE IF NOT EXISTS \"schema_migrations\" (version varchar(128) primary key);\n";
    private static final String GOLANG = "CREATE TABLE IF NOT EXISTS \"schema_migrations\" (version bigint not null primary key, "
            + "dirty boolean not null);\n";
    private static final String GOOSE = """
            CREATE TABLE goose_db_version (
                id serial NOT NULL,
                version_id bigint NOT NULL,
                is_applied boolean NOT NULL,
                tstamp timestamp NULL default now(),
                PRIMARY KEY(id)
            );
            INSERT INTO goose_db_version (version_id, is_applied) VALUES (0, true);
            """;
    private static final String RAILS = """
            CREATE TABLE "schema_migrations" ("version" character varying NOT NULL PRIMARY KEY);
            CREATE TABLE "ar_internal_metadata" ("key" character varying NOT NULL PRIMARY KEY, "value" character varying,
                "created_at" timestamp(6) NOT NULL, "updated_at" timestamp(6) NOT NULL);
            INSERT INTO "ar_internal_metadata" VALUES ('environment', 'production', now(), now());
            """;

    @TempDir
    Path dir;

    @Test
    void dbmate() {
        for (PostgresExtension pg : List.of(pg13, pg17)) {
            Path project = dir.resolve(pg.database());
            for (String name : List.of("20240101000000_create_users", "20240102000000_add_email", "20240103000000_add_index",
                    "20240105000000_next")) {
                write(project, "db/migrations/" + name + ".sql", "-- migrate:up\nSELECT 1;\n\n-- migrate:down\nSELECT 2;\n");
            }
            sql(pg, DBMATE + "INSERT INTO schema_migrations (version) VALUES ('20240101000000'), ('20240103000000'), ('20240104000000');");
            MigrationStatus status = status(pg, project, null);
            assertThat(status.tool()).isEqualTo(MigrationTool.DBMATE);
            assertThat(status.detectedBy()).isEqualTo("4 <version>_<name>.sql files with -- migrate:up");
            assertThat(states(status)).containsExactly(entry("20240101000000", APPLIED), entry("20240102000000", OUT_OF_ORDER),
                    entry("20240103000000", APPLIED), entry("20240104000000", MISSING), entry("20240105000000", PENDING));
            assertThat(row(status, "20240102000000").note())
                    .isEqualTo("dbmate up applies it after newer ones (dbmate --strict refuses) (newest applied: 20240104000000)");
            sql(pg, "INSERT INTO schema_migrations VALUES ('20240102000000'), ('20240105000000'); DELETE FROM schema_migrations "
                    + "WHERE version = '20240104000000'");
            assertThat(status(pg, project, null).upToDate()).isTrue();
        }
    }

    @Test
    void golangMigrateRecordsOneVersionAndItsDirtyFlag() {
        for (PostgresExtension pg : List.of(pg13, pg17)) {
            Path migrations = dir.resolve(pg.database()).resolve("migrations");
            for (String name : List.of("000001_create_users", "000002_add_email", "000003_add_index", "000004_next")) {
                write(migrations, name + ".up.sql", "SELECT 1;\n");
                write(migrations, name + ".down.sql", "SELECT 2;\n");
            }
            sql(pg, GOLANG + "INSERT INTO schema_migrations VALUES (3, true);");
            MigrationStatus dirty = status(pg, migrations.getParent(), null);
            assertThat(dirty.tool()).isEqualTo(MigrationTool.GOLANG_MIGRATE);
            assertThat(states(dirty)).containsExactly(entry("000001", APPLIED), entry("000002", APPLIED), entry("000003", FAILED),
                    entry("000004", PENDING));
            assertThat(row(dirty, "000003").note()).isEqualTo("started, not finished; dirty: it failed part-way; fix the database, "
                    + "then migrate force");
            assertThat(row(dirty, "000001").note()).isEqualTo("counted applied: golang-migrate records only its current version, 3");
            sql(pg, "UPDATE schema_migrations SET version = 5, dirty = false");
            assertThat(states(status(pg, migrations, MigrationTool.GOLANG_MIGRATE))).containsExactly(entry("000001", APPLIED),
                    entry("000002", APPLIED), entry("000003", APPLIED), entry("000004", APPLIED), entry("5", MISSING));
            sql(pg, "UPDATE schema_migrations SET version = 4");
            assertThat(status(pg, migrations, null).upToDate()).isTrue();
        }
    }

    @Test
    void gooseTakesTheLatestRowOfEachVersion() {
        for (PostgresExtension pg : List.of(pg13, pg17)) {
            Path migrations = dir.resolve(pg.database()).resolve("migrations");
            for (String name : List.of("00001_create_users", "00002_add_email", "00003_add_index", "00004_seed", "00006_next")) {
                write(migrations, name + ".sql", "-- +goose Up\nSELECT 1;\n\n-- +goose Down\nSELECT 2;\n");
            }
            // 1 up, 2 up, 3 up, 3 down (goose down), 5 up and its file deleted since; 4 never ran
            sql(pg, GOOSE + "INSERT INTO goose_db_version (version_id, is_applied) VALUES (1, true), (2, true), (3, true), (3, false), "
                    + "(5, true);");
            MigrationStatus status = status(pg, migrations.getParent(), null);
            assertThat(status.tool()).isEqualTo(MigrationTool.GOOSE);
            assertThat(states(status)).containsExactly(entry("00001", APPLIED), entry("00002", APPLIED), entry("00003", PENDING),
                    entry("00004", OUT_OF_ORDER), entry("5", MISSING), entry("00006", PENDING));
            assertThat(row(status, "00003").note()).isEqualTo("rolled back; runs again; migrated down (is_applied false)");
            assertThat(row(status, "00004").note()).isEqualTo("goose up refuses to go on because of it, unless -allow-missing "
                    + "(newest applied: 5)");
            assertThat(row(status, "00001").appliedAt()).isNotNull();
            sql(pg, "INSERT INTO goose_db_version (version_id, is_applied) VALUES (3, true), (4, true), (5, false), (6, true)");
            assertThat(status(pg, migrations, MigrationTool.GOOSE).upToDate()).isTrue();
        }
    }

    @Test
    void railsStatusComesFromFileNames() {
        for (PostgresExtension pg : List.of(pg13, pg17)) {
            Path project = dir.resolve(pg.database());
            for (String name : List.of("20240101000000_create_users", "20240102000000_add_email_to_users",
                    "20240103000000_add_index_to_users", "20240105000000_create_posts")) {
                write(project, "db/migrate/" + name + ".rb", "class X < ActiveRecord::Migration[7.1]\nend\n");
            }
            sql(pg, RAILS + "INSERT INTO schema_migrations VALUES ('20240101000000'), ('20240103000000'), ('20240104000000');");
            MigrationStatus status = status(pg, project, null);
            assertThat(status.tool()).isEqualTo(MigrationTool.RAILS);
            assertThat(status.detectedBy()).isEqualTo("4 <timestamp>_<name>.rb files");
            assertThat(states(status)).containsExactly(entry("20240101000000", APPLIED), entry("20240102000000", OUT_OF_ORDER),
                    entry("20240103000000", APPLIED), entry("20240104000000", MISSING), entry("20240105000000", PENDING));
            assertThat(row(status, "20240102000000").name()).isEqualTo("add_email_to_users");
            sql(pg, "INSERT INTO schema_migrations VALUES ('20240102000000'), ('20240105000000'); DELETE FROM schema_migrations "
                    + "WHERE version = '20240104000000'");
            assertThat(status(pg, project, null).upToDate()).isTrue();
        }
    }
}
