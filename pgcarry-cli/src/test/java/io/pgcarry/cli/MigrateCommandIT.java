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

/** {@code pgcarry migrate status}: its table, its exit codes and its JSON. */
class MigrateCommandIT {
    @RegisterExtension
    static final PostgresExtension pg = PostgresExtension.major(17);

    // Flyway's history table for PostgreSQL; checksums are Flyway's CRC-32 of the files below (Python zlib.crc32 over the lines)
    private static final String LEDGER = """
            CREATE TABLE flyway_schema_history (installed_rank INT NOT NULL PRIMARY KEY, version VARCHAR(50),
                description VARCHAR(200) NOT NULL, type VARCHAR(20) NOT NULL, script VARCHAR(1000) NOT NULL, checksum INT,
                installed_by VARCHAR(100) NOT NULL, installed_on TIMESTAMP NOT NULL DEFAULT now(), execution_time INT NOT NULL,
                success BOOLEAN NOT NULL);
            INSERT INTO flyway_schema_history VALUES
                (1, '1', 'Create users', 'SQL', 'V1__Create_users.sql', 1812668543, 'postgres', now(), 5, true),
                (2, '1.1', 'Add email', 'SQL', 'V1_1__Add_email.sql', -596222700, 'postgres', now(), 5, true);
            """;

    @TempDir
    Path dir;

    @Test
    void upToDateExitsZeroWithATable() throws Exception {
        Path migrations = flywayDirectory("ALTER TABLE users ADD COLUMN email text;\n");
        ledger();
        CliRun run = CliRun.of("migrate", "status", "--to", pg.url(), "--dir", migrations.toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("tool:      flyway (2 V<version>__<description>.sql files)",
                "ledger:    public.flyway_schema_history",
                "version  name          state    note\n1        Create users  applied\n1.1      Add email     applied\n",
                "migrate status: OK - 2 migrations: 2 applied");
    }

    @Test
    void aModifiedFileExitsOneAndJsonLeadsWithOk() throws Exception {
        Path migrations = flywayDirectory("ALTER TABLE users ADD COLUMN email text NOT NULL;\n");
        Files.writeString(migrations.resolve("V2__Next.sql"), "SELECT 2;\n");
        ledger();
        CliRun text = CliRun.of("migrate", "status", "--to", pg.url(), "--dir", migrations.toString(), "--tool", "flyway");
        assertThat(text.exitCode()).isEqualTo(1);
        assertThat(text.out()).contains("1.1      Add email     modified  checksum -596222700 recorded, file has 1434511081",
                "migrate status: FAIL - 3 migrations: 1 applied, 1 pending, 1 modified");
        CliRun json = CliRun.of("migrate", "status", "--json", "--to", pg.url(), "--dir", migrations.toString());
        assertThat(json.exitCode()).isEqualTo(1);
        JsonNode result = new ObjectMapper().readTree(json.out());
        assertThat(result.fieldNames().next()).isEqualTo("ok");
        assertThat(result.get("ok").asBoolean()).isFalse();
        assertThat(result.get("tool").asText()).isEqualTo("flyway");
        assertThat(result.get("ledger").asText()).isEqualTo("public.flyway_schema_history");
        assertThat(result.get("migrations").get(1).get("state").asText()).isEqualTo("modified");
        assertThat(result.get("migrations").get(1).get("recordedChecksum").asText()).isEqualTo("-596222700");
        assertThat(result.get("migrations").get(0).get("appliedAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*");
        assertThat(result.get("counts").toString()).isEqualTo("{\"applied\":1,\"pending\":1,\"modified\":1}");
        assertThat(json.err()).contains("migrate status: FAIL");
    }

    @Test
    void usageAndRuntimeErrorsExitTwoAndThree() throws Exception {
        Path migrations = flywayDirectory("SELECT 1;\n");
        CliRun unknownTool = CliRun.of("migrate", "status", "--to", pg.url(), "--dir", migrations.toString(), "--tool", "alembic");
        assertThat(unknownTool.exitCode()).isEqualTo(2);
        assertThat(unknownTool.err()).startsWith("error: unknown migration tool 'alembic'; use auto or one of prisma, drizzle");
        CliRun noDir = CliRun.of("migrate", "status", "--to", pg.url(), "--dir", dir.resolve("nope").toString());
        assertThat(noDir.exitCode()).isEqualTo(2);
        assertThat(noDir.err()).contains("does not exist or is not a directory");
        Files.createDirectories(dir.resolve("prisma/migrations/20240101000000_init"));
        Files.writeString(dir.resolve("prisma/migrations/migration_lock.toml"), "provider = \"postgresql\"\n");
        Files.writeString(dir.resolve("prisma/migrations/20240101000000_init/migration.sql"), "SELECT 1;\n");
        Files.writeString(dir.resolve("V9__x.sql"), "SELECT 1;\n");
        CliRun ambiguous = CliRun.of("migrate", "status", "--json", "--to", pg.url(), "--dir", dir.toString());
        assertThat(ambiguous.exitCode()).isEqualTo(2);
        assertThat(new ObjectMapper().readTree(ambiguous.out()).get("error").get("message").asText())
                .isEqualTo("cannot tell which tool " + dir + " belongs to (it could be prisma, flyway); name it with --tool");
        CliRun unreachable = CliRun.of("migrate", "status", "--to", "postgresql://u:secret@127.0.0.1:1/x", "--dir", migrations.toString());
        assertThat(unreachable.exitCode()).isEqualTo(3);
        assertThat(unreachable.out() + unreachable.err()).doesNotContain("secret");
    }

    private Path flywayDirectory(String email) throws Exception {
        Path migrations = Files.createDirectories(dir.resolve("db/migration"));
        Files.writeString(migrations.resolve("V1__Create_users.sql"), "CREATE TABLE users (id bigint PRIMARY KEY);\n");
        Files.writeString(migrations.resolve("V1_1__Add_email.sql"), email);
        return migrations;
    }

    private static void ledger() throws Exception {
        try (Connection c = pg.connect(); Statement s = c.createStatement()) {
            s.execute(LEDGER);
        }
    }
}
