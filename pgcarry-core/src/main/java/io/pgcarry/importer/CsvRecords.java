package io.pgcarry.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pgcarry.error.ConfigurationException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * CSV (RFC 4180: commas, double quotes doubled inside quoted fields, line breaks inside them) with a header line, read
 * a record at a time. Each record is an object of the header's names; an empty unquoted field is left out (a missing
 * value), a quoted empty one is the empty string.
 */
final class CsvRecords {
    private CsvRecords() {
    }

    static void read(InputStream in, Consumer<JsonNode> records) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
        List<String> header = row(reader);
        if (header == null) {
            return;
        }
        List<String> values;
        while ((values = row(reader)) != null) {
            if (values.size() == 1 && values.get(0) == null) {
                continue;
            }
            if (values.size() != header.size()) {
                throw new ConfigurationException("CSV line has " + values.size() + " fields where the header has " + header.size());
            }
            ObjectNode record = RecordSource.JSON.createObjectNode();
            for (int i = 0; i < header.size(); i++) {
                if (values.get(i) != null) {
                    record.put(header.get(i), values.get(i));
                }
            }
            records.accept(record);
        }
    }

    /** One row's fields (null for an empty unquoted one), or null at the end. */
    private static List<String> row(BufferedReader reader) throws IOException {
        int c = reader.read();
        if (c == -1) {
            return null;
        }
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        while (true) {
            if (c == -1 || (!quoted && (c == '\n' || c == '\r'))) {
                if (c == '\r') {
                    reader.mark(1);
                    if (reader.read() != '\n') {
                        reader.reset();
                    }
                }
                fields.add(field.length() == 0 && !wasQuoted ? null : field.toString());
                return fields;
            }
            if (quoted && c == '"') {
                reader.mark(1);
                if (reader.read() == '"') {
                    field.append('"');
                } else {
                    reader.reset();
                    quoted = false;
                }
            } else if (!quoted && c == '"') {
                quoted = true;
                wasQuoted = true;
            } else if (!quoted && c == ',') {
                fields.add(field.length() == 0 && !wasQuoted ? null : field.toString());
                field.setLength(0);
                wasQuoted = false;
            } else {
                field.append((char) c);
            }
            c = reader.read();
        }
    }
}
