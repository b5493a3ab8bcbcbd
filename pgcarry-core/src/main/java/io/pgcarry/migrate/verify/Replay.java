package io.pgcarry.migrate.verify;

import java.util.List;

/**
 * What replaying the migrations on the throw-away server did.
 *
 * @param replayed          how many migration files ran
 * @param missingExtensions extensions a migration creates that the server does not have, in the order met
 * @param skipped           each statement not run, where and why: the {@code CREATE EXTENSION} of a missing extension,
 *                          statements that failed after one for want of what it would have made, psql commands
 */
public record Replay(int replayed, List<String> missingExtensions, List<String> skipped) {
    public Replay {
        missingExtensions = List.copyOf(missingExtensions);
        skipped = List.copyOf(skipped);
    }
}
