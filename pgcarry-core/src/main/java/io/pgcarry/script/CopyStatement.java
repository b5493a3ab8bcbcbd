package io.pgcarry.script;

import java.io.Reader;
import java.util.Objects;

/**
 * A {@code COPY ... FROM stdin} statement and the data lines the script gives it.
 *
 * @param sql the statement, without its terminating semicolon, ready for {@code CopyManager.copyIn}
 * @param line the 1-based line where the statement starts
 * @param data the raw data lines exactly as written in the script (newlines included), without the closing
 *     {@code \.} line. It streams from the script, so it is only readable until the next call to
 *     {@link SqlScriptReader#next()}, which skips whatever was left unread. Reaching the end of the script before
 *     {@code \.} makes a read fail with a {@link io.pgcarry.error.ConfigurationException}.
 */
public record CopyStatement(String sql, int line, Reader data) implements ScriptItem {
    public CopyStatement {
        Objects.requireNonNull(sql, "sql");
        Objects.requireNonNull(data, "data");
        if (line < 1) {
            throw new IllegalArgumentException("line must be 1 or more, got " + line);
        }
    }
}
