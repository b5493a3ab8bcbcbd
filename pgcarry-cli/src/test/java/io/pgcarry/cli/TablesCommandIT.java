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

/** {@code pgcarry tables}: its text, its JSON, SOURCE as a snapshot, and its one-line errors. */
class TablesCommandIT {
    @RegisterExtension
    static final PostgresExtension pg = PostgresExtension.major(17);

    /** Tables without indexes: building one counts as a scan, and these must stay untouched. */
    private static final String TARGET = """
            CREATE TABLE public."bazaar-vid_exports" (id int, kind text);
            CREATE TABLE public."bazaar-vid_agent_message" (id int, body text);
            CREATE VIEW public.export_kinds AS SELECT DISTINCT kind FROM public."bazaar-vid_exports";
            """;

    @TempDir
    Path dir;

    @Test
    void textAndJsonListTheUntouchedTableFirstAndMarkWhatSourceLacks() throws Exception {
        execute(pg.database(), TARGET);
        String source = pg.newDatabase();
        execute(source, "CREATE TABLE public.\"bazaar-vid_exports\" (id int, kind text)");
        Path snapshot = dir.resolve("prod.json");
        CliRun dump = CliRun.of("schema", "dump", "--from", pg.server().url(source), "--format", "json");
        assertThat(dump.exitCode()).as(dump.err()).isZero();
        Files.writeString(snapshot, dump.out());

        CliRun text = CliRun.of("tables", "--to", pg.url(), "--only-in-target-of", snapshot.toString());
        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.out()).startsWith("tables of postgresql://postgres@127.0.0.1:" + pg.server().port() + "/" + pg.database()
                        + " (PostgreSQL 17), read as postgres\n")
                .contains("writes and scans counted since the statistics began (never reset)\n", "SOURCE: " + snapshot + "\n",
                        "            used by view public.export_kinds (pg_depend)\n",
                        "2 tables: 1 unused, 1 referenced, 0 read, 0 written; 1 not in SOURCE, 1 of them unused");
        assertThat(text.out().lines().filter(l -> l.startsWith("unused")).toList())
                .singleElement().asString().matches("unused +public\\.\"bazaar-vid_agent_message\" +~0 +[0-9.]+ k?B( +0){5} +not in SOURCE");
        assertThat(text.out()).containsPattern("(?m)^referenced +public\\.\"bazaar-vid_exports\" .* has it$");

        CliRun json = CliRun.of("tables", "--json", "--to", pg.url(), "--only-in-target-of", snapshot.toString(),
                "--include", "bazaar-vid_*", "--exact");
        assertThat(json.exitCode()).as(json.err()).isZero();
        JsonNode result = new ObjectMapper().readTree(json.out());
        assertThat(result.get("ok").asBoolean()).isTrue();
        assertThat(result.get("source").asText()).isEqualTo(snapshot.toString());
        assertThat(result.get("statsReset").isNull()).isTrue();
        JsonNode first = result.get("tables").get(0);
        assertThat(first.get("table").asText()).isEqualTo("public.\"bazaar-vid_agent_message\"");
        assertThat(first.get("name").asText()).isEqualTo("bazaar-vid_agent_message");
        assertThat(first.get("verdict").asText()).isEqualTo("unused");
        assertThat(first.get("inSource").asBoolean()).isFalse();
        assertThat(first.get("rowSource").asText()).isEqualTo("count(*)");
        assertThat(first.get("activity").get("seqScans").asLong()).isZero();
        JsonNode second = result.get("tables").get(1);
        assertThat(second.get("verdict").asText()).isEqualTo("referenced");
        assertThat(second.get("dependents").get(0).get("kind").asText()).isEqualTo("view");
        assertThat(second.get("dependents").get(0).get("evidence").asText()).isEqualTo("pg_depend");
    }

    @Test
    void aPatternThatMatchesNoTableIsAUsageError() throws Exception {
        execute(pg.database(), TARGET);
        CliRun run = CliRun.of("tables", "--to", pg.url(), "--include", "bazaar-vid_metric");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("error: --include pattern 'bazaar-vid_metric' matches no table on the target; check the "
                + "spelling (names with capitals, spaces or dots go in double quotes: '\"Animal\"', 'public.\"my.table\"') or drop it\n");
    }

    @Test
    void aBadUrlIsOneLineWithoutThePassword() {
        CliRun refused = CliRun.of("tables", "--to", "postgresql://u:secret@127.0.0.1:1/x");
        assertThat(refused.exitCode()).isEqualTo(3);
        assertThat(refused.err()).startsWith("error: connection refused by 127.0.0.1:1");
        assertThat(refused.err().lines()).hasSize(1);
        CliRun json = CliRun.of("tables", "--json", "--to", pg.url(), "--only-in-target-of", "postgresql://u:secret@127.0.0.1:1/x");
        assertThat(json.exitCode()).isEqualTo(3);
        assertThat(json.out()).contains("\"ok\" : false", "\"exitCode\" : 3", "connection refused by 127.0.0.1:1");
        CliRun malformed = CliRun.of("tables", "--to", "mysql://root:hunter22@h/db");
        assertThat(malformed.exitCode()).isEqualTo(2);
        assertThat(malformed.err().lines()).hasSize(1);
        assertThat(refused.out() + refused.err() + json.out() + json.err() + malformed.out() + malformed.err())
                .doesNotContain("secret", "hunter22");
    }

    private static void execute(String database, String sql) throws Exception {
        try (Connection c = pg.server().connect(database); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
