package io.pgcarry.plan;

/** How a source value becomes a target value. */
public enum Conversion {
    /** Same type: copied as is (binary COPY when the type is built in). */
    SAME,
    /** Different but castable types: copied in text form and parsed by the target type. */
    CAST,
    /** A target column computed by a SQL expression from the mapping file. */
    EXPRESSION
}
