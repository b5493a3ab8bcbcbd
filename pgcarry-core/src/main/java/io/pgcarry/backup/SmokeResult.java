package io.pgcarry.backup;

/**
 * One smoke query after a restore.
 *
 * @param line         where it starts in the smoke file
 * @param query        its first line
 * @param rows         rows it returned (or changed), or -1 when it failed
 * @param expectedRows rows announced by a {@code -- expect: N rows} comment, or null
 * @param error        why it failed, or null
 */
public record SmokeResult(int line, String query, long rows, Long expectedRows, String error) {
    public boolean passed() {
        return error == null && (expectedRows == null || expectedRows == rows);
    }
}
