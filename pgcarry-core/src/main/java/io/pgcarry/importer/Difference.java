package io.pgcarry.importer;

/**
 * One way the target differs from the records: a value ({@code column} set), a row missing ({@code column} null,
 * {@code actual} "missing"), or a row of the target no record explains ({@code file} null).
 */
public record Difference(String file, Long record, String path, String table, String key, String column, String expected,
                         String actual) {
}
