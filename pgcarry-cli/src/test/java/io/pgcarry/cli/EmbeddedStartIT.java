package io.pgcarry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** {@code pgcarry embedded start} as a user runs it: a separate process, stopped with Ctrl-C (SIGINT). */
class EmbeddedStartIT {

    @Test
    void printsAUrlThatPingReachesAndCtrlCLeavesNothingBehind() throws Exception {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseParallelGC", "-cp", System.getProperty("java.class.path"),
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

    /** With --json the URL is a field of one object led by "ok", printed whole before the server serves. */
    @Test
    void jsonGivesOneObjectLedByOkWithTheUrl() throws Exception {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-Dpgcarry.embedded.binaries=" + System.getProperty("pgcarry.embedded.binaries", ""),
                Main.class.getName(), "--json", "embedded", "start", "--pg", "13")
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            // The object is indented over several lines; the server keeps running after its closing brace.
            StringBuilder text = new StringBuilder();
            String line;
            while ((line = out.readLine()) != null) {
                text.append(line).append('\n');
                if (line.equals("}")) {
                    break;
                }
            }
            JsonNode result = new ObjectMapper().readTree(text.toString());
            assertThat(result.fieldNames().next()).as(text.toString()).isEqualTo("ok");
            assertThat(result.path("ok").asBoolean()).as(text.toString()).isTrue();
            String url = result.path("url").asText();
            assertThat(url).matches("postgresql://postgres@127\\.0\\.0\\.1:\\d+/postgres");
            assertThat(CliRun.of("ping", "--to", url).exitCode()).isZero();
            new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            process.destroyForcibly();
        }
    }

    /**
     * A Ctrl-C in a terminal signals the whole process group (the JVM, the watchdog and the server) at once,
     * which used to race the JVM's cleanup with the server's own shutdown. Several rounds, since it was "sometimes".
     */
    @RepeatedTest(3)
    void ctrlCOfTheProcessGroupStopsTheServerRemovesItsDirectoryAndSaysOneLine() throws Exception {
        stopWith("INT", true, 130);
    }

    /** {@code kill <pid>} (SIGTERM) of the JVM alone: the same clean stop, with the JVM's exit code for TERM. */
    @Test
    void sigtermOfTheJvmAloneStopsTheServerAndRemovesItsDirectory() throws Exception {
        stopWith("TERM", false, 143);
    }

    private static void stopWith(String signal, boolean wholeGroup, int exitCode) throws Exception {
        Path err = Files.createTempFile("pgcarry-embedded-start", ".err");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseParallelGC", "-cp", System.getProperty("java.class.path"),
                "-Dpgcarry.embedded.binaries=" + System.getProperty("pgcarry.embedded.binaries", ""),
                Main.class.getName(), "embedded", "start", "--pg", "13")
                .redirectError(err.toFile())
                .start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(out.readLine()).as("the URL, once the server is ready").startsWith("postgresql://");
            List<ProcessHandle> tree = process.descendants().toList();
            Path directory = serverDirectory(tree);
            assertThat(directory).isDirectory();

            List<String> kill = new ArrayList<>(List.of("kill", "-" + signal, Long.toString(process.pid())));
            if (wholeGroup) {
                tree.forEach(p -> kill.add(Long.toString(p.pid())));
            }
            new ProcessBuilder(kill).start().waitFor();

            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String stderr = Files.readString(err);
            assertThat(process.exitValue()).as(stderr).isEqualTo(exitCode);
            assertThat(stderr).doesNotContain("Exception", "\tat ");
            List<String> afterReady = stderr.lines().dropWhile(l -> !l.contains("press Ctrl-C")).skip(1).toList();
            assertThat(afterReady).as(stderr).hasSizeLessThanOrEqualTo(1);
            assertThat(directory).as("the server's directory after SIG%s", signal).doesNotExist();
            assertThat(tree).allSatisfy(p -> assertThat(p.isAlive()).as("pid %d after SIG%s", p.pid(), signal).isFalse());
        } finally {
            process.destroyForcibly();
            Files.deleteIfExists(err);
        }
    }

    /** The base directory of the server, from the postmaster's {@code -D <base>/data} argument. */
    private static Path serverDirectory(List<ProcessHandle> tree) {
        for (ProcessHandle p : tree) {
            String[] args = p.info().arguments().orElse(new String[0]);
            for (int i = 0; i + 1 < args.length; i++) {
                if (args[i].equals("-D") && args[i + 1].endsWith("/data")) {
                    return Path.of(args[i + 1]).getParent();
                }
            }
        }
        throw new AssertionError("no postgres -D argument among " + tree.stream().map(p -> p.info().commandLine()).toList());
    }

    @Test
    void unknownMajorIsARuntimeErrorNamingTheChoices() {
        CliRun run = CliRun.of("embedded", "start", "--pg", "12");
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).isEqualTo("error: no embedded PostgreSQL 12; choose one of [13, 14, 15, 16, 17, 18]\n");
    }
}
