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
        assertThat(run.out()).contains("ping", "embedded", "tables", "--json", "--verbose", "--quiet", "--no-color",
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
        assertThat(run.out() + run.err()).doesNotContain("hunter22").contains("unknown scheme");
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
        for (String[] command : new String[][] {{"demo"}, {"check"}, {"move"}, {"validate"}, {"status"}, {"tables"}, {"ping"},
                {"embedded"}, {"embedded", "start"}}) {
            String[] args = java.util.Arrays.copyOf(command, command.length + 1);
            args[command.length] = "--help";
            CliRun run = CliRun.of(args);
            assertThat(run.exitCode()).as(String.join(" ", args)).isZero();
            assertThat(run.out()).as(String.join(" ", args)).startsWith("Usage: pgcarry " + String.join(" ", command));
        }
    }

    @Test
    void everyCommandSummaryIsAWholeSentence() {
        java.util.ArrayDeque<picocli.CommandLine> todo = new java.util.ArrayDeque<>();
        todo.add(Main.commandLine(new java.io.PrintWriter(new java.io.StringWriter()), new java.io.PrintWriter(new java.io.StringWriter())));
        int seen = 0;
        while (!todo.isEmpty()) {
            picocli.CommandLine command = todo.poll();
            todo.addAll(command.getSubcommands().values());
            String[] description = command.getCommandSpec().usageMessage().description();
            assertThat(description).as(command.getCommandSpec().qualifiedName()).isNotEmpty();
            assertThat(description[0].strip()).as(command.getCommandSpec().qualifiedName() + "'s summary").matches("(?s).*\\.\\)?");
            seen++;
        }
        assertThat(seen).isGreaterThan(10);
    }

    @Test
    void usageErrorsShowAConnectionArgumentRedacted() {
        CliRun run = CliRun.of("ping", "--too", "postgresql://app:bench@h:5432/db");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("'postgresql://app:***@h:5432/db'").doesNotContain(":bench@");
    }

    @Test
    void schemaDumpAndDiffHonourProfiles() throws Exception {
        Path config = dir.resolve("pgcarry.yaml");
        Files.writeString(config, "profiles:\n  dev:\n    from: {url: 'postgresql://a@127.0.0.1:1/c'}\n    to: {url: 'postgresql://a@127.0.0.1:1/d'}\n");
        CliRun missing = CliRun.of("schema", "dump", "--config", config.toString(), "--profile", "nope");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("profile 'nope' is not defined");
        CliRun diff = CliRun.of("diff", "--config", config.toString(), "--profile", "nope");
        assertThat(diff.exitCode()).isEqualTo(2);
        assertThat(diff.err()).contains("profile 'nope' is not defined");
        CliRun dump = CliRun.of("schema", "dump", "--config", config.toString(), "--profile", "dev");
        assertThat(dump.exitCode()).as("the profile's from side is used: nothing listens on port 1").isEqualTo(3);
        assertThat(dump.err()).contains("connection refused by 127.0.0.1:1");
        CliRun both = CliRun.of("schema", "dump", "postgresql://a@127.0.0.1:1/c", "--config", config.toString(), "--profile", "dev");
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("either as an argument or with --profile");
    }

    @Test
    void jobsMustBePositive() {
        CliRun run = CliRun.of("validate", "--from", "postgresql://a@127.0.0.1:1/c", "--to", "postgresql://a@127.0.0.1:1/d", "--jobs", "0");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--jobs must be at least 1, got 0");
    }

    @Test
    void theLauncherFindsItsCheckoutThroughSymbolicLinks() throws Exception {
        Path checkout = Path.of("..").toRealPath();
        Path links = Files.createDirectories(dir.resolve("links/inner"));
        Files.createSymbolicLink(links.resolve("pgc"), checkout.resolve("bin/pgcarry"));
        Files.createSymbolicLink(dir.resolve("pgcarry"), Path.of("links/inner/pgc"));
        Path fakeJava = dir.resolve("fake-java");
        Files.writeString(fakeJava, "#!/bin/sh\necho \"$@\"\n");
        fakeJava.toFile().setExecutable(true);
        ProcessBuilder builder = new ProcessBuilder("sh", "-c", "./pgcarry --version").directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().put("JAVA", fakeJava.toString());
        builder.environment().put("PGCARRY_CDS", "off");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        process.waitFor();
        // with the jar built the fake java prints its arguments; without it the launcher says where it looked
        assertThat(output).as(output).contains(checkout.resolve("pgcarry-cli/target/pgcarry.jar").toString());
    }

    @Test
    void theValidationLevelHasOneNameAndItsOldSpellingStillWorks() {
        CliRun both = CliRun.of("move", "--from", "postgresql://a@127.0.0.1:1/c", "--to", "postgresql://a@127.0.0.1:1/d",
                "--level", "hash", "--validate", "full");
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("--level and --validate (its older spelling) disagree");
        CliRun none = CliRun.of("clone", "--from", "postgresql://a@127.0.0.1:1/c", "--to", "postgresql://a@127.0.0.1:1/d",
                "--level", "hash", "--no-validate");
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).contains("give either --level or --no-validate");
        assertThat(CliRun.of("move", "--help").out()).contains("--level=LEVEL").doesNotContain("--validate=LEVEL");
    }
}
