package io.pgcarry.migrate.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgcarry.error.ConfigurationException;
import io.pgcarry.migrate.MigrationTool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SQL each tool runs of a migration file, and the CREATE EXTENSION statements the replay watches for. */
class MigrationScriptTest {
    @TempDir
    Path dir;

    @Test
    void dbmateRunsItsUpSectionOnlyWithLinesNumberedAsInTheFile() throws Exception {
        Path file = Files.writeString(dir.resolve("20240101_users.sql"),
                "-- migrate:up transaction:false\nCREATE TABLE users (id int);\n\n-- migrate:down\nDROP TABLE users;\n");
        String sql = MigrationScript.upSql(MigrationTool.DBMATE, file, "20240101_users.sql");
        assertThat(sql).isEqualTo("\nCREATE TABLE users (id int);\n\n");
    }

    @Test
    void gooseRunsItsUpSectionWhateverTheCaseOfItsAnnotations() throws Exception {
        Path file = Files.writeString(dir.resolve("00001_users.sql"), """
                -- +goose Up
                -- +goose StatementBegin
                CREATE TABLE users (id int);
                -- +goose StatementEnd

                -- +goose down
                DROP TABLE users;
                """);
        String sql = MigrationScript.upSql(MigrationTool.GOOSE, file, "00001_users.sql");
        assertThat(sql).isEqualTo("\n-- +goose StatementBegin\nCREATE TABLE users (id int);\n-- +goose StatementEnd\n\n");
    }

    @Test
    void otherToolsRunTheWholeFileWithoutItsByteOrderMark() throws Exception {
        Path file = Files.writeString(dir.resolve("V1__users.sql"), "\uFEFFCREATE TABLE users (id int);\n-- migrate:down\n");
        assertThat(MigrationScript.upSql(MigrationTool.FLYWAY, file, "V1__users.sql"))
                .isEqualTo("CREATE TABLE users (id int);\n-- migrate:down\n");
    }

    @Test
    void aFileWithoutItsUpMarkerOrNotSqlIsRefused() throws Exception {
        Path file = Files.writeString(dir.resolve("20240101_users.sql"), "CREATE TABLE users (id int);\n");
        assertThatThrownBy(() -> MigrationScript.upSql(MigrationTool.DBMATE, file, "20240101_users.sql"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("20240101_users.sql has no '-- migrate:up' line, so it has nothing to apply");
        assertThatThrownBy(() -> MigrationScript.requireSql(MigrationTool.GOOSE, "00002_backfill.go"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("migrate verify replays SQL migrations, and goose's 00002_backfill.go is not SQL");
    }

    @Test
    void createExtensionIsRecognisedWithTheNameAsPostgresqlKeepsIt() {
        assertThat(ExtensionStatement.created("CREATE EXTENSION postgis")).contains("postgis");
        assertThat(ExtensionStatement.created("create extension if not exists PostGIS with schema extensions")).contains("postgis");
        assertThat(ExtensionStatement.created("CREATE EXTENSION IF NOT EXISTS \"uuid-ossp\"")).contains("uuid-ossp");
        assertThat(ExtensionStatement.created("CREATE EXTENSION \"My\"\"Ext\" CASCADE")).contains("My\"Ext");
        assertThat(ExtensionStatement.created("\n  CREATE\n EXTENSION\tvector;")).contains("vector");
        assertThat(ExtensionStatement.created("ALTER EXTENSION postgis UPDATE")).isEqualTo(Optional.empty());
        assertThat(ExtensionStatement.created("CREATE TABLE extension (id int)")).isEmpty();
    }
}
