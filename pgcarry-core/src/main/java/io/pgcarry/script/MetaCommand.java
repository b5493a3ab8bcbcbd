package io.pgcarry.script;

import java.util.List;
import java.util.Objects;

/**
 * A psql backslash command standing where a statement could start, such as {@code \connect mydb} or the
 * {@code \restrict key} that recent {@code pg_dump} versions write. It ends at the end of its line.
 *
 * @param name the command without its backslash, such as {@code connect}
 * @param arguments the rest of the line split on whitespace, with psql's quoting applied and the quotes removed
 * @param line the 1-based line of the command
 */
public record MetaCommand(String name, List<String> arguments, int line) implements ScriptItem {
    public MetaCommand {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("name must not be empty");
        }
        arguments = List.copyOf(arguments);
        if (line < 1) {
            throw new IllegalArgumentException("line must be 1 or more, got " + line);
        }
    }
}
