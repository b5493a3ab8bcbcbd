package io.pgcarry.importer;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.pgcarry.error.ConfigurationException;
import io.pgcarry.error.ErrorCode;
import io.pgcarry.error.PgCarryException;
import io.pgcarry.importer.ImportMapping.Collection;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Streams a collection's records with Jackson's streaming parser, one record in memory at a time whatever the file's
 * size, hashing each file as it is read and each record's canonical form.
 */
public final class RecordSource {
    /** Numbers keep every digit: {@code 0.1} is the decimal 0.1, {@code 1.50} keeps its scale. */
    static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder().disable(StreamReadFeature.AUTO_CLOSE_SOURCE).build())
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

    /** Hears every record, in order. */
    @FunctionalInterface
    public interface Visitor {
        void record(SourceRecord record);
    }

    private RecordSource() {
    }

    /** Reads every record of {@code collection}; returns one snapshot per file read. */
    public static List<FileSnapshot> read(Collection collection, Path base, Visitor visitor) {
        Path input = collection.input();
        try {
            return switch (collection.format()) {
                case JSON, NDJSON, CSV -> List.of(file(collection, input, base, visitor));
                case DIR -> directory(collection, input, base, visitor);
            };
        } catch (NoSuchFileException e) {
            throw new ConfigurationException("input " + input + " of collection " + collection.name() + " not found; check input in the mapping file");
        } catch (JsonProcessingException e) {
            throw new ConfigurationException("input of collection " + collection.name() + " is not valid JSON at line "
                    + e.getLocation().getLineNr() + " column " + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new PgCarryException(ErrorCode.IO, "cannot read input " + input + " of collection " + collection.name() + ": " + e.getMessage(), e);
        }
    }

    private static List<FileSnapshot> directory(Collection collection, Path dir, Path base, Visitor visitor) throws IOException {
        List<FileSnapshot> result = new ArrayList<>();
        for (Path file : jsonFiles(dir)) {
            Records records = new Records(collection, name(file, base), visitor);
            result.add(hashing(collection, file, records, in -> {
                try (JsonParser p = JSON.getFactory().createParser(in)) {
                    records.accept(one(p));
                }
            }));
        }
        return result;
    }

    /** A directory collection's files: its {@code .json} files, in name order. */
    private static List<Path> jsonFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new NoSuchFileException(dir.toString());
        }
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
        }
    }

    /**
     * The SHA-256 of each file of {@code collection}, as {@link #read} records it, without parsing a record: file name to
     * hash, in the order {@link #read} reads them.
     */
    public static Map<String, String> fileHashes(Collection collection, Path base) {
        Path input = collection.input();
        try {
            List<Path> files = collection.format() == ImportMapping.Format.DIR ? jsonFiles(input) : List.of(input);
            Map<String, String> hashes = new LinkedHashMap<>();
            for (Path file : files) {
                hashes.put(name(file, base), sha256(file));
            }
            return hashes;
        } catch (NoSuchFileException e) {
            throw new ConfigurationException("input " + input + " of collection " + collection.name() + " not found; check input in the mapping file");
        } catch (IOException e) {
            throw new PgCarryException(ErrorCode.IO, "cannot read input " + input + " of collection " + collection.name() + ": " + e.getMessage(), e);
        }
    }

    /** The SHA-256 of a file's bytes, in hex. */
    static String sha256(Path file) throws IOException {
        MessageDigest digest = Canonical.digest();
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static FileSnapshot file(Collection collection, Path file, Path base, Visitor visitor) throws IOException {
        Records records = new Records(collection, name(file, base), visitor);
        return hashing(collection, file, records, in -> {
            switch (collection.format()) {
                case CSV -> CsvRecords.read(in, records::accept);
                case NDJSON -> lines(in, records);
                default -> array(in, records);
            }
        });
    }

    private static void array(InputStream in, Records records) throws IOException {
        try (JsonParser p = JSON.getFactory().createParser(in)) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                throw new ConfigurationException("input " + records.file + " of collection " + records.collection.name()
                        + " is not a JSON array of records; give format: ndjson or dir in the mapping file if it is one of those");
            }
            while (p.nextToken() == JsonToken.START_OBJECT) {
                records.accept(p.readValueAsTree());
            }
        }
    }

    private static void lines(InputStream in, Records records) throws IOException {
        try (JsonParser p = JSON.getFactory().createParser(in)) {
            JsonToken token;
            while ((token = p.nextToken()) != null) {
                if (token != JsonToken.START_OBJECT) {
                    throw new ConfigurationException("input " + records.file + " line " + p.currentLocation().getLineNr()
                            + " is not a JSON object (one record per line)");
                }
                records.accept(p.readValueAsTree());
            }
        }
    }

    private static JsonNode one(JsonParser p) throws IOException {
        JsonNode node = p.readValueAsTree();
        if (node == null || !node.isObject()) {
            throw new ConfigurationException("file " + p.currentLocation().contentReference().getRawContent()
                    + " does not hold one JSON object");
        }
        return node;
    }

    private interface Reading {
        void read(InputStream in) throws IOException;
    }

    private static FileSnapshot hashing(Collection collection, Path file, Records records, Reading reading) throws IOException {
        MessageDigest digest = Canonical.digest();
        try (InputStream raw = Files.newInputStream(file);
             DigestInputStream in = new DigestInputStream(new BufferedInputStream(raw, 1 << 16), digest)) {
            reading.read(in);
            in.transferTo(OutputNowhere.INSTANCE);
        }
        return new FileSnapshot(collection.name(), records.file, HexFormat.of().formatHex(digest.digest()), records.count,
                HexFormat.of().formatHex(records.hashes.digest()));
    }

    private static String name(Path file, Path base) {
        Path absolute = file.toAbsolutePath().normalize();
        return base != null && absolute.startsWith(base) ? base.relativize(absolute).toString() : file.toString();
    }

    /** Numbers a file's records and hashes them as they pass. */
    private static final class Records {
        private final Collection collection;
        private final String file;
        private final Visitor visitor;
        private final MessageDigest hashes = Canonical.digest();
        private final MessageDigest each = Canonical.digest();
        private long count;

        Records(Collection collection, String file, Visitor visitor) {
            this.collection = collection;
            this.file = file;
            this.visitor = visitor;
        }

        void accept(JsonNode record) {
            String sha = Canonical.sha256(Canonical.of(record), each);
            hashes.update(sha.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            visitor.record(new SourceRecord(file, count++, record, sha));
        }
    }

    /** Where the bytes after the last record go: only into the file's hash. */
    private static final class OutputNowhere extends java.io.OutputStream {
        static final OutputNowhere INSTANCE = new OutputNowhere();

        @Override
        public void write(int b) {
        }

        @Override
        public void write(byte[] b, int off, int len) {
        }
    }
}
