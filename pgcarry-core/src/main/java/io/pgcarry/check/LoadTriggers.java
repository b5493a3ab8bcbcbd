package io.pgcarry.check;

/**
 * What the user triggers of the tables a move loads do during the load. Triggers the load does not set aside fire
 * for every row it inserts, like any insert of the application.
 */
public enum LoadTriggers {
    /** They fire, inside pgcarry's sessions, whose search path is {@code pg_catalog, pg_temp}. */
    FIRE,
    /**
     * They fire, and each COPY runs with the search path a new session of the target role starts with (the role's and
     * the database's settings, the connection's options): the one the application's triggers were written for.
     */
    FIRE_WITH_TARGET_SEARCH_PATH,
    /** Those of tables that were empty are disabled for the load (journaled) and re-enabled after it. */
    DISABLE
}
