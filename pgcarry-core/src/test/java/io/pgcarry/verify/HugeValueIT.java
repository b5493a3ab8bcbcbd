package io.pgcarry.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgcarry.embedded.junit.PostgresExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A changed 200 MB value is reported by key and column by a validation running with bin/pgcarry's heap. */
class HugeValueIT {
    /** 32 characters repeated to 200 MB, then one character that tells the two sides apart. */
    private static final String TABLE = """
            CREATE TABLE public.big (id int PRIMARY KEY, v text);
            INSERT INTO public.big VALUES (1, 'small'), (3, 'small too');
            INSERT INTO public.big SELECT 2, repeat(md5('seed'), 6553600) || '%s';
            """;

    @RegisterExtension
    static final PostgresExtension pg = PostgresExtension.major(17);

    @Test
    void aChangedHugeValueIsNamedWithinBinPgcarrysHeap() throws Exception {
        String target = pg.newDatabase();
        execute(pg.database(), TABLE.formatted("a"));
        execute(target, TABLE.formatted("b"));

        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-XX:+UseParallelGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), ValidateChild.class.getName(), pg.url(), pg.server().url(target), "true")
                .redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();

        assertThat(child.exitValue()).as(output).isZero();
        assertThat(output).contains("PASSED false")
                .contains("changed id=2 [v] [[1026:09715201 characters), 1026:09715201 characters)]]")
                .doesNotContain("changed id=1").doesNotContain("changed id=3");
    }

    private static void execute(String database, String sql) throws Exception {
        try (Connection c = pg.server().connect(database); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
