package io.pgcarry.migrate;

/**
 * Each tool's ledger table as the tool itself creates it on PostgreSQL, for the tests that plant a ledger (status,
 * verify) and those that compare the table apply created with the tool's (apply).
 */
public final class ToolLedgers {
    /** Flyway's createMetaDataTable.sql for PostgreSQL in the default schema: table, primary key and index on success. */
    public static final String FLYWAY = """
            CREATE TABLE "public"."flyway_schema_history" (
                "installed_rank" INT NOT NULL,
                "version" VARCHAR(50),
                "description" VARCHAR(200) NOT NULL,
                "type" VARCHAR(20) NOT NULL,
                "script" VARCHAR(1000) NOT NULL,
                "checksum" INT,
                "installed_by" VARCHAR(100) NOT NULL,
                "installed_on" TIMESTAMP NOT NULL DEFAULT now(),
                "execution_time" INT NOT NULL,
                "success" BOOLEAN NOT NULL
            );
            ALTER TABLE "public"."flyway_schema_history" ADD CONSTRAINT "flyway_schema_history_pk" PRIMARY KEY ("installed_rank");
            CREATE INDEX "flyway_schema_history_s_idx" ON "public"."flyway_schema_history" ("success");
            """;

    /** prisma-engines' table for PostgreSQL, in the search path's first schema (where Prisma's {@code ?schema=} puts it). */
    public static final String PRISMA = """
            CREATE TABLE "_prisma_migrations" (
                "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
                "checksum"              VARCHAR(64) NOT NULL,
                "finished_at"           TIMESTAMPTZ,
                "migration_name"        VARCHAR(255) NOT NULL,
                "logs"                  TEXT,
                "rolled_back_at"        TIMESTAMPTZ,
                "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
                "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
            );
            """;

    private static final String DRIZZLE = """
            CREATE SCHEMA IF NOT EXISTS "%1$s";
            CREATE TABLE IF NOT EXISTS "%1$s"."__drizzle_migrations" (
                id SERIAL PRIMARY KEY,
                hash text NOT NULL,
                created_at bigint
            );
            """;

    private ToolLedgers() {
    }

    /** drizzle-orm's migrator's schema and table, in {@code schema} ({@code drizzle} by default, {@code public} before). */
    public static String drizzle(String schema) {
        return DRIZZLE.formatted(schema);
    }
}
