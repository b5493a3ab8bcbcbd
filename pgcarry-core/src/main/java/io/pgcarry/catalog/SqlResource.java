package io.pgcarry.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Long SQL kept in a resource file named after the class that runs it, split into named statements by
 * {@code -- name: NAME} lines.
 */
public final class SqlResource {
    private final Map<String, String> statements;

    private SqlResource(Map<String, String> statements) {
        this.statements = statements;
    }

    public static SqlResource of(Class<?> owner) {
        String file = owner.getSimpleName() + ".sql";
        try (InputStream in = owner.getResourceAsStream(file)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + file + " beside " + owner.getName());
            }
            return new SqlResource(split(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String get(String name) {
        String sql = statements.get(name);
        if (sql == null) {
            throw new IllegalStateException("no statement named " + name);
        }
        return sql;
    }

    private static Map<String, String> split(String text) {
        Map<String, String> result = new LinkedHashMap<>();
        String name = null;
        StringBuilder body = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            if (line.startsWith("-- name:")) {
                if (name != null) {
                    result.put(name, body.toString().strip());
                }
                name = line.substring("-- name:".length()).strip();
                body.setLength(0);
            } else if (name != null) {
                body.append(line).append('\n');
            }
        }
        if (name != null) {
            result.put(name, body.toString().strip());
        }
        return result;
    }
}
