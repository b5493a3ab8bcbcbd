package io.pgcarry.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * YAML for pgcarry's own files ({@code pgcarry.yaml}, mapping files): duplicate keys are refused rather than the
 * last one silently winning, and parse errors are reworded so that they never quote the file's text, which may
 * hold a connection URL with its password.
 */
public final class YamlErrors {
    private YamlErrors() {
    }

    /** The text of a mapping file the user named: a missing or unreadable one is said in one line. */
    public static String readMappingFile(Path file) {
        try {
            return Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigurationException("mapping file " + file + " not found; check the path given with " + Setting.MAP.mention());
        } catch (IOException e) {
            throw new ConfigurationException("cannot read mapping file " + file + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** Refuses a node that is no mapping, or holds a key not in {@code allowed}, naming it and the allowed ones. */
    public static void requireKeys(JsonNode node, Set<String> allowed, String where) {
        if (!node.isObject()) {
            throw new ConfigurationException(where + " must be a YAML mapping");
        }
        node.fieldNames().forEachRemaining(key -> {
            if (!allowed.contains(key)) {
                throw new ConfigurationException(where + " has unknown key '" + key + "'; allowed: " + String.join(", ", new TreeSet<>(allowed)));
            }
        });
    }

    /** A reader that refuses duplicate keys. */
    public static ObjectMapper strictReader() {
        return new ObjectMapper(new YAMLFactory()).enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    }

    /** {@code <what> is not valid YAML at line L column C: <problem>; fix it there}, quoting none of the text. */
    public static ConfigurationException invalid(String what, JsonProcessingException e) {
        String where = e.getLocation() == null ? ""
                : " at line " + e.getLocation().getLineNr() + " column " + e.getLocation().getColumnNr();
        return new ConfigurationException(what + " is not valid YAML" + where + ": " + problem(e) + "; fix it there");
    }

    private static String problem(JsonProcessingException e) {
        String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (original.startsWith("Duplicate field")) {
            // Jackson names the key, which is the file's structure, not its values
            int open = original.indexOf('\'');
            int close = original.lastIndexOf('\'');
            return close > open ? "duplicate key " + original.substring(open, close + 1) : "duplicate key";
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof MarkedYAMLException marked && marked.getProblem() != null) {
                return marked.getProblem();
            }
        }
        return "syntax error";
    }
}
