package io.pgcarry.schema;

/** One attribute that differs: its value in SOURCE (wanted) and in TARGET (found); null when absent. */
public record AttributeChange(String attribute, String source, String target) {
}
