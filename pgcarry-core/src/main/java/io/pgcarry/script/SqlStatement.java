package io.pgcarry.script;

import java.util.List;
import java.util.Objects;

/**
 * One SQL statement to send to the server as it is.
 *
 * @param sql the statement as written, without its terminating semicolon and surrounding whitespace; comments
 *     inside it are kept
 * @param line the 1-based line where the statement starts
 * @param comments the text after {@code --} (stripped) of each comment line between the previous item and this
 *     statement, in order; annotations such as {@code -- expect: 3 rows} are read from here
 */
public record SqlStatement(String sql, int line, List<String> comments) implements ScriptItem {
    public SqlStatement {
        Objects.requireNonNull(sql, "sql");
        comments = List.copyOf(comments);
        if (line < 1) {
            throw new IllegalArgumentException("line must be 1 or more, got " + line);
        }
    }
}
