package io.pgcarry.schema;

/**
 * A planned statement with where it goes: its phase (1 drops of dependents, 2 pre-data, 3 post-data,
 * 4 drops of tables and other pre-data objects) and its order within the phase.
 */
record Step(int phase, int order, PlannedStatement statement) {
    static final int DROP_DEPENDENTS = 1;
    static final int PRE_DATA = 2;
    static final int POST_DATA = 3;
    static final int DROP_OBJECTS = 4;
}
