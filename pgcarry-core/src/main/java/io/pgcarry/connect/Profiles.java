package io.pgcarry.connect;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pgcarry.error.ConfigurationException;
import io.pgcarry.error.Setting;
import io.pgcarry.error.YamlErrors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The {@code profiles:} section of {@code pgcarry.yaml}. Each side is {@code {url: ...}},
 * {@code {env: NAME}} or {@code {env_file: FILE, var: NAME}}; env files are found relative to the
 * configuration file, so a checked-in {@code pgcarry.yaml} works from any directory.
 */
public final class Profiles {
    /** The configuration file looked for in the working directory when none is given. */
    public static final String DEFAULT_FILE = "pgcarry.yaml";
    private static final Set<String> SIDE_KEYS = Set.of("url", "env", "env_file", "var");
    private static final ObjectMapper YAML = YamlErrors.strictReader();

    private final Path file;
    private final Map<String, Profile> profiles;

    private Profiles(Path file, Map<String, Profile> profiles) {
        this.file = file;
        this.profiles = profiles;
    }

    public static Profiles load(Path file) {
        JsonNode root;
        try {
            root = YAML.readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new ConfigurationException("configuration file " + file + " not found; create it with a profiles: section or pass " + Setting.CONFIG.mention() + " FILE");
        } catch (JsonProcessingException e) {
            throw YamlErrors.invalid("configuration file " + file, e);
        } catch (IOException e) {
            throw new ConfigurationException("cannot read configuration file " + file + " (" + e.getClass().getSimpleName() + ")");
        }
        JsonNode section = root == null ? null : root.get("profiles");
        if (section == null || !section.isObject()) {
            throw new ConfigurationException("configuration file " + file + " has no profiles: section");
        }
        Path base = file.toAbsolutePath().getParent();
        Map<String, Profile> profiles = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = section.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String name = entry.getKey();
            JsonNode node = entry.getValue();
            if (node == null || !node.isObject()) {
                throw new ConfigurationException("profile '" + name + "' in " + file + " must be a mapping with from: and to:");
            }
            profiles.put(name, new Profile(name, side(node, "from", name, base, file), side(node, "to", name, base, file)));
        }
        return new Profiles(file, profiles);
    }

    /** The named profile, or an error listing those that exist. */
    public Profile get(String name) {
        Profile profile = profiles.get(name);
        if (profile == null) {
            throw new ConfigurationException("profile '" + name + "' is not defined in " + file
                    + (profiles.isEmpty() ? "" : "; defined: " + String.join(", ", profiles.keySet())));
        }
        return profile;
    }

    private static EndpointSource side(JsonNode profile, String side, String name, Path base, Path file) {
        JsonNode node = profile.get(side);
        if (node == null || node.isNull()) {
            return null;
        }
        String where = "profile '" + name + "' side '" + side + "' in " + file;
        if (node.isTextual()) {
            return new EndpointSource.Url(node.asText());
        }
        for (Iterator<String> keys = node.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (!SIDE_KEYS.contains(key)) {
                throw new ConfigurationException(where + " has unknown key '" + key + "'; use url, env, or env_file with var");
            }
        }
        if (node.hasNonNull("url")) {
            return new EndpointSource.Url(node.get("url").asText());
        }
        if (node.hasNonNull("env")) {
            return new EndpointSource.EnvVariable(node.get("env").asText());
        }
        if (node.hasNonNull("env_file")) {
            if (!node.hasNonNull("var")) {
                throw new ConfigurationException(where + " has env_file but no var; name the variable that holds the URL");
            }
            Path envFile = base.resolve(node.get("env_file").asText());
            return new EndpointSource.EnvFile(envFile, node.get("var").asText());
        }
        throw new ConfigurationException(where + " needs url, env, or env_file with var");
    }
}
