package io.pgcarry.migrate.apply;

import io.pgcarry.error.ConfigurationException;
import io.pgcarry.migrate.MigrationTool;

/** The tools whose ledger {@code migrate apply} writes, and a clear refusal for the others. */
final class LedgerWriters {
    private LedgerWriters() {
    }

    /** The writer of {@code tool}'s ledger; refuses, naming the tool, when pgcarry does not write it. */
    static LedgerWriter of(MigrationTool tool) {
        return switch (tool) {
            case PRISMA -> new PrismaLedgerWriter();
            case DRIZZLE -> new DrizzleLedgerWriter();
            case FLYWAY -> new FlywayLedgerWriter();
            case PGCARRY -> new PgcarryLedgerWriter();
            default -> throw new ConfigurationException("migrate apply writes the ledgers of prisma, drizzle, flyway and pgcarry, "
                    + "not " + tool + "'s; apply " + tool + " migrations with " + tool + " (migrate status reads them)");
        };
    }
}
