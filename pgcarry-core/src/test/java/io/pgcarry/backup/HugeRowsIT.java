package io.pgcarry.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgcarry.embedded.junit.PostgresExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rows far bigger than the heap (a 155 MB text; a 40 MB bytea beside an 18 MB jsonb, each over the 16 MB a row may
 * take in one piece) are cloned (the clone's data goes through move's copier), validated, backed up, verified and
 * restored by the library running in a child JVM with bin/pgcarry's options and half its heap (128 MB: the text is
 * bigger than the whole heap, as a 300 MB one is than bin/pgcarry's 256 MB, at half the servers' work), from 13 to 17. Most of the class's time is the
 * servers compressing and decompressing the values.
 */
class HugeRowsIT {
    private static final String SOURCE = "huge_source";
    /**
     * Escapes in the text (tab, backslash, newline, carriage return) and bytes COPY escapes in the bytea's tail. The
     * text is compressed (to 1% of its size: only its TOAST header tells how big it is), the bytea stored as is,
     * which spares the servers compressing it on every side.
     */
    private static final String TABLE = """
            CREATE TABLE public.huge (id int PRIMARY KEY, v text, b bytea, j jsonb, n int);
            ALTER TABLE public.huge ALTER b SET STORAGE EXTERNAL;
            INSERT INTO public.huge VALUES (1, E'small\\ttab \\\\ and \\n', '\\x00ff5c', '{"a": [1, "x\\ty"]}', 1);
            INSERT INTO public.huge SELECT 2, repeat(md5('seed') || E'\\t\\\\\\n\\r', 4200000), NULL, NULL, 2;
            INSERT INTO public.huge SELECT 3, 'beside', convert_to(repeat(md5('b'), 1250000), 'UTF8') || '\\x005c0a09ff'::bytea,
                   (SELECT jsonb_agg(i) FROM generate_series(1, 2000000) i), 3;
            INSERT INTO public.huge VALUES (4, NULL, NULL, NULL, NULL);
            """;
    private static final String CONTENT = "SELECT id || ' ' || coalesce(md5(v), '-') || ' ' || coalesce(md5(b), '-') || ' '"
            + " || coalesce(md5(j::text), '-') || ' ' || coalesce(n::text, '-') FROM public.huge ORDER BY id";

    @RegisterExtension
    static final PostgresExtension pg13 = PostgresExtension.major(13);
    @RegisterExtension
    static final PostgresExtension pg17 = PostgresExtension.major(17);

    @TempDir
    Path out;

    private static List<String> expected;

    @BeforeAll
    static void createTheSource() throws Exception {
        pg13.server().createDatabase(SOURCE);
        execute(pg13, SOURCE, TABLE);
        expected = content(pg13, SOURCE);
        assertThat(expected).hasSize(4);
    }

    @Test
    void cloneCarriesHugeRowsAndAValidationPassesWithinBinPgcarrysHeap() throws Exception {
        String target = pg17.newDatabase();

        assertThat(child("clone", source(), pg17.server().url(target))).contains("PASSED true");
        assertThat(content(pg17, target)).isEqualTo(expected);
        assertThat(child("validate", source(), pg17.server().url(target))).contains("PASSED true");
    }

    @Test
    void backupVerifyAndRestoreCarryHugeRowsWithinBinPgcarrysHeap() throws Exception {
        String target = pg17.newDatabase();

        String backup = child("backup", source(), out.toString());
        assertThat(backup).contains("PASSED true");
        String archive = backup.lines().filter(l -> l.startsWith("ARCHIVE ")).findFirst().orElseThrow().substring(8);
        assertThat(child("verify", archive)).contains("PROBLEMS [] ROWS 4").contains("PASSED true");
        assertThat(child("restore", archive, pg17.server().url(target))).contains("PASSED true");
        assertThat(content(pg17, target)).isEqualTo(expected);
    }

    private static String source() {
        return pg13.server().url(SOURCE);
    }

    /** Runs {@link HugeRowsChild} with bin/pgcarry's JVM options but half its heap; returns its output after it exited 0. */
    private static String child(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-XX:+UseParallelGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                HugeRowsChild.class.getName()));
        command.addAll(List.of(args));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).as(output).isZero();
        return output;
    }

    private static List<String> content(PostgresExtension pg, String database) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = pg.server().connect(database); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(CONTENT)) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }

    private static void execute(PostgresExtension pg, String database, String sql) throws Exception {
        try (Connection c = pg.server().connect(database); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
