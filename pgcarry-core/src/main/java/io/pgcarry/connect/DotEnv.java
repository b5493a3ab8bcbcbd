package io.pgcarry.connect;

import io.pgcarry.error.ConfigurationException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads dotenv files as teams write them ({@code .env.v2.dev}): {@code KEY=value} lines, {@code export }
 * prefixes, single and double quotes, {@code #} comments on their own line or after an unquoted value.
 */
public final class DotEnv {
    private DotEnv() {
    }

    /** Reads a file; a missing or unreadable file is a configuration error naming it. */
    public static Map<String, String> read(Path file) {
        try {
            return parse(Files.readAllLines(file, StandardCharsets.UTF_8), file.toString());
        } catch (NoSuchFileException e) {
            throw new ConfigurationException("env file " + file + " does not exist; check the path given with --*-env-file or env_file");
        } catch (IOException e) {
            throw new ConfigurationException("cannot read env file " + file + " (" + e.getClass().getSimpleName()
                    + "); check that it is a readable file");
        }
    }

    /** The value of one variable in the file, or an error naming the file and the variable. */
    public static String variable(Path file, String name) {
        Map<String, String> values = read(file);
        String value = values.get(name);
        if (value == null) {
            throw new ConfigurationException("variable " + name + " is not set in env file " + file
                    + (values.isEmpty() ? " (the file defines no variables)" : "; it defines " + String.join(", ", values.keySet())));
        }
        if (value.isBlank()) {
            throw new ConfigurationException("variable " + name + " in env file " + file + " is empty; set it to a postgresql:// URL");
        }
        return value;
    }

    static Map<String, String> parse(List<String> lines, String source) {
        Map<String, String> values = new LinkedHashMap<>();
        int number = 0;
        for (String raw : lines) {
            number++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("export ")) {
                line = line.substring("export ".length()).strip();
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new ConfigurationException(source + " line " + number + " is not KEY=value; fix or comment it out with #");
            }
            String key = line.substring(0, eq).strip();
            if (!key.matches("[A-Za-z_][A-Za-z0-9_.]*")) {
                // the name is not echoed: a line without one may be a bare URL holding a password
                throw new ConfigurationException(source + " line " + number + " does not start with a valid variable name (letters, digits, _ and .)");
            }
            values.put(key, value(line.substring(eq + 1).strip(), source, number));
        }
        return values;
    }

    private static String value(String text, String source, int number) {
        if (text.startsWith("\"") || text.startsWith("'")) {
            char quote = text.charAt(0);
            int close = text.indexOf(quote, 1);
            while (quote == '"' && close > 0 && text.charAt(close - 1) == '\\') {
                close = text.indexOf(quote, close + 1);
            }
            if (close < 0) {
                throw new ConfigurationException(source + " line " + number + " has an unclosed " + quote + " quote");
            }
            String inner = text.substring(1, close);
            return quote == '"' ? unescape(inner) : inner;
        }
        int comment = text.indexOf(" #");
        return (comment >= 0 ? text.substring(0, comment) : text).strip();
    }

    private static String unescape(String s) {
        return s.replace("\\n", "\n").replace("\\\"", "\"").replace("\\\\", "\\");
    }
}
