package io.pgcarry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliBasicsTest {
    @TempDir
    Path dir;

    @Test
    void helpListsCommandsAndExitCodes() {
        CliRun run = CliRun.of("--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("ping", "embedded", "--json", "--verbose", "--quiet", "--no-color",
                "130  interrupted");
    }

    @Test
    void versionIsPrinted() {
        CliRun run = CliRun.of("--version");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("pgcarry 0.");
    }

    @Test
    void unknownOptionIsAUsageError() {
        CliRun run = CliRun.of("ping", "--too", "x");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("error: Unknown options: '--too', 'x'").contains("pgcarry ping --help");
        assertThat(run.err().lines()).hasSize(1);
    }

    @Test
    void missingTargetIsAUsageError() {
        CliRun run = CliRun.of("ping");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("error: no to database given; use --to URL, --to-env NAME, "
                + "--to-env-file FILE --to-var NAME, or --profile NAME\n");
    }

    @Test
    void conflictingSidesAreRefused() {
        CliRun run = CliRun.of("ping", "--to", "postgresql://a@b/c", "--to-env", "X");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("give only one of --to, --to-env and --to-env-file");
        assertThat(CliRun.of("ping", "--to-var", "X").err()).contains("--to-var needs --to-env-file FILE");
        assertThat(CliRun.of("ping", "--to-env-file", "x.env").err()).contains("--to-env-file needs --to-var NAME");
    }

    @Test
    void malformedUrlNeverEchoesThePassword() {
        CliRun run = CliRun.of("ping", "--to", "mysql://root:hunter22@h/db");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out() + run.err()).doesNotContain("hunter22").contains("unknown scheme 'mysql'");
    }

    @Test
    void unknownProfileIsAConfigurationError() throws Exception {
        Path config = dir.resolve("pgcarry.yaml");
        Files.writeString(config, "profiles:\n  dev:\n    to: {url: 'postgresql://a@b/c'}\n");
        CliRun run = CliRun.of("ping", "--config", config.toString(), "--profile", "prod");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("error: profile 'prod' is not defined in " + config + "; defined: dev\n");
    }

    @Test
    void missingEnvFileIsAConfigurationError() {
        Path file = dir.resolve(".env.v2.dev");
        CliRun run = CliRun.of("ping", "--to-env-file", file.toString(), "--to-var", "DATABASE_URL");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("env file " + file + " does not exist");
    }

    @Test
    void errorsComeAsJsonWithJson() {
        CliRun run = CliRun.of("--json", "ping", "--to", "postgresql://u:secret@127.0.0.1:1/x");
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.out()).contains("\"exitCode\" : 3").contains("connection refused").doesNotContain("secret");
    }

    @Test
    void refusedConnectionIsOneLineExit3WithoutTheSecret() {
        long start = System.nanoTime();
        CliRun run = CliRun.of("ping", "--to", "postgresql://u:secret@127.0.0.1:1/x");
        assertThat((System.nanoTime() - start) / 1e9).isLessThan(15);
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err().lines()).hasSize(1);
        assertThat(run.out() + run.err()).doesNotContain("secret");
    }

    @Test
    void stackTraceOnlyWithVerbose() {
        assertThat(CliRun.of("ping", "--to", "postgresql://u@127.0.0.1:1/x").err()).doesNotContain("\tat ");
        assertThat(CliRun.of("--verbose", "ping", "--to", "postgresql://u@127.0.0.1:1/x").err()).contains("\tat ");
    }

    @Test
    void everyCommandHasHelp() {
        for (String[] command : new String[][] {{"demo"}, {"check"}, {"move"}, {"validate"}, {"status"}, {"ping"},
                {"embedded"}, {"embedded", "start"}}) {
            String[] args = java.util.Arrays.copyOf(command, command.length + 1);
            args[command.length] = "--help";
            CliRun run = CliRun.of(args);
            assertThat(run.exitCode()).as(String.join(" ", args)).isZero();
            assertThat(run.out()).as(String.join(" ", args)).startsWith("Usage: pgcarry " + String.join(" ", command));
        }
    }
}
