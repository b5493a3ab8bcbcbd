package io.pgcarry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pgcarry.embedded.junit.PostgresExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Large objects as a user sees them: clone and validate name them, backup, verify and restore carry and check them. */
class LargeObjectCliIT {
    @RegisterExtension
    static final PostgresExtension pg = PostgresExtension.major(17);

    @TempDir
    Path dir;

    private static final String SOURCE = """
            CREATE TABLE attachment (id int PRIMARY KEY, content oid);
            SELECT lo_create(70001);
            SELECT lo_from_bytea(70002, convert_to(repeat('pgcarry ', 300000), 'UTF8'));
            SELECT lo_from_bytea(70003, '\\x00ff');
            COMMENT ON LARGE OBJECT 70003 IS 'two bytes';
            INSERT INTO attachment VALUES (1, 70001), (2, 70002), (3, 70003);
            """;

    @Test
    void cloneValidateBackupAndRestoreCarryAndNameLargeObjects() throws Exception {
        execute(pg.database(), SOURCE);
        String target = pg.newDatabase();

        CliRun clone = CliRun.of("clone", "--from", pg.url(), "--to", pg.server().url(target));
        assertThat(clone.exitCode()).as(clone.out() + clone.err()).isZero();
        assertThat(clone.out()).contains("copied 3 large objects", "PASS   large objects: 3 in the source, 3 in the target, content compared");

        execute(target, "SELECT lo_put(70002, 1500000, '\\x41')");
        CliRun validate = CliRun.of("validate", "--from", pg.url(), "--to", pg.server().url(target));
        assertThat(validate.exitCode()).as(validate.err()).isEqualTo(1);
        assertThat(validate.out()).contains("FAIL   large objects: 3 in the source, 3 in the target, content compared, 1 differs",
                "changed 70002  differs in: content", "validation (full): FAIL");
        CliRun json = CliRun.of("--json", "validate", "--from", pg.url(), "--to", pg.server().url(target));
        JsonNode differences = new ObjectMapper().readTree(json.out()).get("largeObjects").get("differences");
        assertThat(differences.get(0).get("oid").asLong()).isEqualTo(70002);
        assertThat(differences.get(0).get("aspects").get(0).asText()).isEqualTo("content");

        Path out = dir.resolve("archives");
        CliRun backup = CliRun.of("backup", "--from", pg.url(), "--out", out.toString(), "--file", "los");
        assertThat(backup.exitCode()).as(backup.err()).isZero();
        assertThat(backup.out()).contains("3 large objects");
        Path archive = out.resolve("los.pgcarry");
        CliRun verify = CliRun.of("backup", "verify", archive.toString(), "--deep");
        assertThat(verify.exitCode()).as(verify.out() + verify.err()).isZero();
        assertThat(verify.out()).contains("4 data files");

        String restored = pg.newDatabase();
        CliRun restore = CliRun.of("restore", archive.toString(), "--to", pg.server().url(restored));
        assertThat(restore.exitCode()).as(restore.out() + restore.err()).isZero();
        assertThat(restore.out()).contains("PASS   large objects: 3 in the archive, 3 in the target, content compared");
        String state = "SELECT string_agg(oid || md5(lo_get(oid)) || coalesce(obj_description(oid, 'pg_largeobject'), ''), ',' ORDER BY oid)"
                + " FROM pg_largeobject_metadata";
        assertThat(value(restored, state)).isEqualTo(value(pg.database(), state));
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files.filter(p -> p.getFileName().toString().endsWith(".pgcarry"))).hasSize(1);
        }
    }

    private void execute(String database, String sql) throws Exception {
        try (Connection c = pg.server().connect(database); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private String value(String database, String sql) throws Exception {
        try (Connection c = pg.server().connect(database); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
