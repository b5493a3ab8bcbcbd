package io.pgcarry.cli;

import io.pgcarry.error.ConfigurationException;
import io.pgcarry.verify.ValidationLevel;
import picocli.CommandLine.Option;

/** How a move or clone validates what it copied: {@code --level}, as in {@code pgcarry validate}, or {@code --no-validate}. */
public final class ValidationOptions {
    @Option(names = "--level", paramLabel = "LEVEL",
            description = "Validation afterwards: count, hash or full (default: full, differing rows down to their keys).")
    ValidationLevel level;

    /** The older spelling of {@code --level}, kept working. */
    @Option(names = "--validate", paramLabel = "LEVEL", hidden = true)
    ValidationLevel validate;

    @Option(names = "--no-validate", description = "Skip the validation afterwards.")
    boolean noValidate;

    /** The level chosen, or null for no validation. */
    ValidationLevel chosen() {
        if (level != null && validate != null && level != validate) {
            throw new ConfigurationException("--level and --validate (its older spelling) disagree; give only --level");
        }
        ValidationLevel given = level != null ? level : validate;
        if (noValidate && given != null) {
            throw new ConfigurationException("give either --level or --no-validate, not both");
        }
        return noValidate ? null : given != null ? given : ValidationLevel.FULL;
    }
}
