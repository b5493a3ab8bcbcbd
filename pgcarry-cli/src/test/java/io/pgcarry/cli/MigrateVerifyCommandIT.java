package io.pgcarry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pgcarry.embedded.junit.PostgresExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code pgcarry migrate verify}: its report, its exit codes and its JSON. */
class MigrateVerifyCommandIT {
    @RegisterExtension
    static final PostgresExtension pg = PostgresExtension.major(17);

    private static final String USERS = "CREATE TABLE users (id bigint PRIMARY KEY);\n";
    private static final String EMAIL = "ALTER TABLE users ADD COLUMN email text;\n";
    // Flyway's history table for PostgreSQL, the files above applied; checksums are Flyway's CRC-32 of them
    private static final String DEPLOYED = USERS + EMAIL + """
            CREATE TABLE flyway_schema_history (installed_rank INT NOT NULL PRIMARY KEY, version VARCHAR(50),
                description VARCHAR(200) NOT NULL, type VARCHAR(20) NOT NULL, script VARCHAR(1000) NOT NULL, checksum INT,
                installed_by VARCHAR(100) NOT NULL, installed_on TIMESTAMP NOT NULL DEFAULT now(), execution_time INT NOT NULL,
                success BOOLEAN NOT NULL);
            CREATE INDEX flyway_schema_history_s_idx ON flyway_schema_history (success);
            INSERT INTO flyway_schema_history VALUES
                (1, '1', 'Create users', 'SQL', 'V1__Create_users.sql', 1812668543, 'postgres', now(), 5, true),
                (2, '1.1', 'Add email', 'SQL', 'V1_1__Add_email.sql', -596222700, 'postgres', now(), 5, true);
            """;

    @TempDir
    Path dir;

    @Test
    void noDriftExitsZeroWithTheStatusTableAndTheDriftSection() throws Exception {
        Path migrations = flywayDirectory();
        sql(DEPLOYED);
        CliRun run = CliRun.of("migrate", "verify", "--to", pg.url(), "--dir", migrations.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("version  name          state    note\n1        Create users  applied\n1.1      Add email     applied\n",
                "migrate status: OK - 2 migrations: 2 applied", "schema: replayed 2 migrations on a throw-away PostgreSQL 17.",
                "drift: none, the target's schema is what the files make\n");
        assertThat(run.out()).endsWith("migrate verify: OK - 2 migrations applied as on disk; no drift\n");
    }

    @Test
    void driftExitsOneAndJsonLeadsWithOk() throws Exception {
        Path migrations = flywayDirectory();
        Files.writeString(migrations.resolve("V2__Next.sql"), "CREATE TABLE next (id int);\n");
        sql(DEPLOYED + "ALTER TABLE users ADD COLUMN nickname text; ALTER TABLE users ALTER COLUMN email SET NOT NULL;");
        CliRun text = CliRun.of("migrate", "verify", "--to", pg.url(), "--dir", migrations.toString());
        assertThat(text.exitCode()).isEqualTo(1);
        assertThat(text.out()).contains("; 1 migration not applied, not replayed (--include-pending replays it",
                "drift (2):\n  changed              column public.users.email\n      not_null: none (files) vs true (target)\n"
                        + "  extra in the target  column public.users.nickname\n",
                "migrate verify: FAIL - 1 pending; drift in 2 objects: 1 extra in the target, 1 changed");
        CliRun json = CliRun.of("migrate", "verify", "--json", "--to", pg.url(), "--dir", migrations.toString(), "--include-pending");
        assertThat(json.exitCode()).isEqualTo(1);
        JsonNode result = new ObjectMapper().readTree(json.out());
        assertThat(result.fieldNames().next()).isEqualTo("ok");
        assertThat(result.get("ok").asBoolean()).isFalse();
        assertThat(result.get("status").get("tool").asText()).isEqualTo("flyway");
        assertThat(result.get("status").get("counts").toString()).isEqualTo("{\"applied\":2,\"pending\":1}");
        assertThat(result.get("server").get("major").asInt()).isEqualTo(17);
        assertThat(result.get("server").get("startSeconds").asDouble()).isPositive();
        assertThat(result.get("replayed").asInt()).isEqualTo(3);
        assertThat(result.get("pendingIncluded").asBoolean()).isTrue();
        assertThat(result.get("drift")).hasSize(4);
        assertThat(result.get("drift").get(0).toString())
                .isEqualTo("{\"kind\":\"table\",\"name\":\"public.next\",\"change\":\"missing\",\"attributes\":[]}");
        assertThat(result.get("drift").get(2).get("attributes").get(0).toString())
                .isEqualTo("{\"attribute\":\"not_null\",\"files\":null,\"target\":\"true\"}");
        assertThat(json.err()).contains("migrate verify: FAIL");
    }

    @Test
    void aFailingFileExitsThreeAndRubyMigrationsTwo() throws Exception {
        Path migrations = flywayDirectory();
        Files.writeString(migrations.resolve("V1_2__Legacy.sql"), "ALTER TABLE legacy ADD COLUMN note text;\n");
        sql(DEPLOYED + "CREATE TABLE legacy (id int); ALTER TABLE legacy ADD COLUMN note text;"
                + "INSERT INTO flyway_schema_history VALUES (3, '1.2', 'Legacy', 'SQL', 'V1_2__Legacy.sql', NULL, 'postgres', now(), 5, true);");
        CliRun failed = CliRun.of("migrate", "verify", "--json", "--to", pg.url(), "--dir", migrations.toString());
        assertThat(failed.exitCode()).isEqualTo(3);
        assertThat(failed.err()).startsWith("error: migration V1_2__Legacy.sql failed on the throw-away PostgreSQL 17.")
                .contains(" at line 1: [42P01] relation \"legacy\" does not exist");
        JsonNode error = new ObjectMapper().readTree(failed.out());
        assertThat(error.get("ok").asBoolean()).isFalse();
        assertThat(error.get("error").get("exitCode").asInt()).isEqualTo(3);
        Files.createDirectories(dir.resolve("rails/db/migrate"));
        Files.writeString(dir.resolve("rails/db/migrate/20240101000000_create_users.rb"), "class CreateUsers\nend\n");
        CliRun rails = CliRun.of("migrate", "verify", "--to", pg.url(), "--dir", dir.resolve("rails").toString(), "--tool", "rails");
        assertThat(rails.exitCode()).isEqualTo(2);
        assertThat(rails.err()).startsWith("error: migrate verify replays SQL migrations, and rails's");
    }

    private Path flywayDirectory() throws Exception {
        Path migrations = Files.createDirectories(dir.resolve("db/migration"));
        Files.writeString(migrations.resolve("V1__Create_users.sql"), USERS);
        Files.writeString(migrations.resolve("V1_1__Add_email.sql"), EMAIL);
        return migrations;
    }

    private static void sql(String sql) throws Exception {
        try (Connection c = pg.connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
