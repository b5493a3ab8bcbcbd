package io.pgcarry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pgcarry.embedded.EmbeddedPostgres;
import io.pgcarry.embedded.junit.PostgresExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code pgcarry validate} as a user runs it: exit codes, the differing keys, JSON, values only when asked. */
class ValidateCommandIT {
    @RegisterExtension
    static final PostgresExtension pg = PostgresExtension.major(17);

    @TempDir
    Path dir;

    private static final String DATA = """
            CREATE TABLE "Party" (id int PRIMARY KEY, name text, email text);
            INSERT INTO "Party" SELECT i, 'party ' || i, 'p' || i || '@example.org' FROM generate_series(1, 5000) i;
            CREATE TABLE "WaitlistEntry" (id int PRIMARY KEY, "clientPartyId" int);
            INSERT INTO "WaitlistEntry" SELECT i, 1 + i % 5000 FROM generate_series(1, 1000) i;
            """;

    @Test
    void equalDatabasesPassThenEveryDifferenceIsNamed() throws Exception {
        String other = pg.newDatabase();
        execute(pg.database(), DATA);
        execute(other, DATA);
        String target = target(other);

        CliRun same = CliRun.of("validate", "--from", pg.url(), "--to", target);
        assertThat(same.exitCode()).as(same.err()).isZero();
        assertThat(same.out()).contains("PASS   public.\"Party\"", "validation (full): PASS").doesNotContain("s3cret-Pw");

        execute(other, "UPDATE \"Party\" SET email = 'leaked@example.org' WHERE id = 4242; DELETE FROM \"Party\" WHERE id = 7;"
                + "UPDATE \"WaitlistEntry\" SET \"clientPartyId\" = 99999 WHERE id = 3;");
        Files.writeString(dir.resolve("map.yaml"), "references:\n  - {from: WaitlistEntry.clientPartyId, to: Party.id}\n");
        CliRun diff = CliRun.of("validate", "--from", pg.url(), "--to", target, "--map", dir.resolve("map.yaml").toString());
        assertThat(diff.exitCode()).isEqualTo(1);
        assertThat(diff.out()).contains("FAIL   public.\"Party\"", "missing id=7", "changed id=4242  columns: email",
                "changed id=3  columns: clientPartyId", "FAIL   public.\"WaitlistEntry\".\"clientPartyId\" -> public.\"Party\".id: 2 orphans",
                "validation (full): FAIL");
        assertThat(diff.out()).as("values are hidden by default").doesNotContain("leaked@example.org");

        CliRun shown = CliRun.of("--json", "validate", "--from", pg.url(), "--to", target, "--show-values", "--include", "Party");
        assertThat(shown.exitCode()).isEqualTo(1);
        JsonNode json = new ObjectMapper().readTree(shown.out());
        JsonNode differences = json.get("tables").get(0).get("differences");
        assertThat(differences.findValuesAsText("key")).containsExactly("id=7", "id=4242");
        assertThat(differences.get(1).get("values").get("email").get(1).asText()).isEqualTo("leaked@example.org");
    }

    @Test
    void badLevelIsAUsageError() {
        CliRun run = CliRun.of("validate", "--from", pg.url(), "--to", pg.url(), "--level", "deep");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--level").contains("deep");
    }

    private String target(String database) throws Exception {
        String role = "checker_" + database;
        execute(database, "CREATE ROLE " + role + " LOGIN PASSWORD 's3cret-Pw' IN ROLE " + EmbeddedPostgres.PASSWORD_ROLE
                + "; GRANT SELECT ON ALL TABLES IN SCHEMA public TO " + role);
        return pg.server().url(role, "s3cret-Pw", database);
    }

    private void execute(String database, String sql) throws Exception {
        try (Connection c = pg.server().connect(database); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
