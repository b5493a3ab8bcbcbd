package io.pgcarry.migrate;

/** What a tool does with a migration that is not applied but older than one that is. */
public enum OrderPolicy {
    /**
     * The tool remembers the newest migration it applied and runs only newer ones (Drizzle, golang-migrate, Flyway
     * without {@code outOfOrder}): the older one is {@link MigrationState#SKIPPED} and will never run.
     */
    HIGH_WATER_MARK,
    /**
     * The tool runs every migration missing from its ledger, whatever its age (Prisma, dbmate, Rails, pgcarry): the
     * older one is {@link MigrationState#OUT_OF_ORDER} and runs after newer ones.
     */
    SET_BASED
}
