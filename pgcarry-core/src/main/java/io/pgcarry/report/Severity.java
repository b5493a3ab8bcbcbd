package io.pgcarry.report;

/** How much a problem matters: errors block a move, warnings and notes do not. */
public enum Severity {
    ERROR, WARNING, NOTE
}
