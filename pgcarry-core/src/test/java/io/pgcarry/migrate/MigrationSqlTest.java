package io.pgcarry.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgcarry.error.ConfigurationException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SQL each tool runs of a migration file. */
class MigrationSqlTest {
    @TempDir
    Path dir;

    @Test
    void dbmateRunsItsUpSectionOnlyWithLinesNumberedAsInTheFile() throws Exception {
        Path file = Files.writeString(dir.resolve("20240101_users.sql"),
                "-- migrate:up transaction:false\nCREATE TABLE users (id int);\n\n-- migrate:down\nDROP TABLE users;\n");
        String sql = MigrationSql.read(MigrationTool.DBMATE, file, "20240101_users.sql");
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
        String sql = MigrationSql.read(MigrationTool.GOOSE, file, "00001_users.sql");
        assertThat(sql).isEqualTo("\n-- +goose StatementBegin\nCREATE TABLE users (id int);\n-- +goose StatementEnd\n\n");
    }

    @Test
    void otherToolsRunTheWholeFileWithoutItsByteOrderMark() throws Exception {
        Path file = Files.writeString(dir.resolve("V1__users.sql"), "\uFEFFCREATE TABLE users (id int);\n-- migrate:down\n");
        assertThat(MigrationSql.read(MigrationTool.FLYWAY, file, "V1__users.sql"))
                .isEqualTo("CREATE TABLE users (id int);\n-- migrate:down\n");
    }

    @Test
    void aFileWithoutItsUpMarkerIsRefused() throws Exception {
        Path file = Files.writeString(dir.resolve("20240101_users.sql"), "CREATE TABLE users (id int);\n");
        assertThatThrownBy(() -> MigrationSql.read(MigrationTool.DBMATE, file, "20240101_users.sql"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("20240101_users.sql has no '-- migrate:up' line, so it has nothing to apply");
    }
}
