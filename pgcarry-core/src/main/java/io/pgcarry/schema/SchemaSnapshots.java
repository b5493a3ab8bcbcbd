package io.pgcarry.schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.pgcarry.error.ConfigurationException;
import io.pgcarry.error.Setting;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** A {@link SchemaModel} saved as JSON, so drift can be checked against {@code prod.json} without production. */
public final class SchemaSnapshots {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private SchemaSnapshots() {
    }

    public static String toJson(SchemaModel model) {
        try {
            return JSON.writeValueAsString(model);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the schema as JSON", e);
        }
    }

    /** Whether a diff argument names a snapshot file rather than a database. */
    public static boolean isSnapshot(String argument) {
        return !argument.contains("://") && (argument.endsWith(".json") || Files.isRegularFile(Path.of(argument)));
    }

    public static SchemaModel read(Path file) {
        try {
            SchemaModel model = JSON.readValue(Files.readString(file), SchemaModel.class);
            if (model.formatVersion() != SchemaModel.FORMAT_VERSION || model.objects() == null) {
                throw new ConfigurationException(file + " is a schema snapshot of format " + model.formatVersion()
                        + "; this pgcarry reads format " + SchemaModel.FORMAT_VERSION + ": write it again with pgcarry schema dump " + Setting.FORMAT.mention() + " json");
            }
            return model;
        } catch (NoSuchFileException e) {
            throw new ConfigurationException("schema snapshot " + file + " does not exist");
        } catch (JsonProcessingException e) {
            throw new ConfigurationException(file + " is not a pgcarry schema snapshot (" + e.getOriginalMessage()
                    + "); write one with pgcarry schema dump URL " + Setting.FORMAT.mention() + " json");
        } catch (IOException e) {
            throw new ConfigurationException("cannot read schema snapshot " + file + ": " + e.getMessage());
        }
    }
}
