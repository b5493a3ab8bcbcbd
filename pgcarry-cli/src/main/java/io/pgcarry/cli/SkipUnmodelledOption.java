package io.pgcarry.cli;

import picocli.CommandLine.Option;

/** {@code --skip-unmodelled}, the same for every command that writes a schema (backup, clone, schema dump). */
public final class SkipUnmodelledOption {
    @Option(names = "--skip-unmodelled",
            description = "Proceed although the source has objects pgcarry does not carry (aggregates, rules, operators...): they "
                    + "are left out, listed on stderr and recorded in the result. Without it such a source is refused before "
                    + "anything is written.")
    boolean skip;
}
