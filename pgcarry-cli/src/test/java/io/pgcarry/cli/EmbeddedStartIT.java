package io.pgcarry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code pgcarry embedded start} as a user runs it: a separate process, stopped with Ctrl-C (SIGINT). */
class EmbeddedStartIT {

    @Test
    void printsAUrlThatPingReachesAndCtrlCLeavesNothingBehind() throws Exception {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-Dpgcarry.embedded.binaries=" + System.getProperty("pgcarry.embedded.binaries", ""),
                Main.class.getName(), "embedded", "start", "--pg", "13")
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String url = out.readLine();
            assertThat(url).matches("postgresql://postgres@127\\.0\\.0\\.1:\\d+/postgres");

            CliRun ping = CliRun.of("ping", "--to", url);
            assertThat(ping.exitCode()).isZero();
            assertThat(ping.out()).contains("server:     PostgreSQL 13.");

            List<ProcessHandle> tree = process.descendants().toList();
            assertThat(tree).isNotEmpty();
            new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).isEqualTo(130);
            assertThat(tree).allSatisfy(p -> assertThat(p.isAlive()).as("pid %d after Ctrl-C", p.pid()).isFalse());
            assertThat(CliRun.of("ping", "--to", url, "--connect-timeout", "2").exitCode()).isEqualTo(3);
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void unknownMajorIsARuntimeErrorNamingTheChoices() {
        CliRun run = CliRun.of("embedded", "start", "--pg", "12");
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).isEqualTo("error: no embedded PostgreSQL 12; choose one of [13, 14, 16, 17, 18]\n");
    }
}
