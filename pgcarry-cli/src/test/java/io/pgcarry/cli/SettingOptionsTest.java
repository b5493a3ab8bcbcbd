package io.pgcarry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgcarry.error.Setting;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The library names its remedies as {@link Setting}s; the CLI must name each by an option that exists. */
class SettingOptionsTest {
    @Test
    void everySettingAMessageMentionsIsAnOptionOfSomeCommand() {
        CommandLine cli = Main.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        Set<String> options = new HashSet<>();
        collect(cli, options);
        for (Setting setting : Setting.values()) {
            assertThat(options).as("the option named for %s", setting).contains(Main.option(setting));
        }
    }

    @Test
    void onceTheCliRunsMessagesNameOptions() {
        Main.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        assertThat(Setting.SKIP_UNMODELLED.mention()).isEqualTo("--skip-unmodelled");
        assertThat(Setting.SKIP_UNMODELLED.requestName()).isEqualTo("skipUnmodelled");
    }

    private static void collect(CommandLine command, Set<String> options) {
        command.getCommandSpec().options().forEach(o -> options.addAll(Arrays.asList(o.names())));
        command.getSubcommands().values().forEach(sub -> collect(sub, options));
    }
}
