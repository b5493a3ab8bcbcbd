package io.pgcarry.backup;

import io.pgcarry.Version;
import io.pgcarry.catalog.Identifiers;
import io.pgcarry.catalog.QualifiedName;
import io.pgcarry.error.ErrorCode;
import io.pgcarry.error.PgCarryException;
import io.pgcarry.hash.LargeObjectHash;
import io.pgcarry.schema.SchemaScript;
import io.pgcarry.schema.ScriptStatement;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Writes an archive as one plain SQL file that psql restores without pgcarry: session settings, pre-data, each
 * table's rows as a {@code COPY ... FROM stdin} block, large objects, post-data, sequence values and materialized view refreshes.
 * The archive is verified first, so a damaged archive is never exported; data streams through, never held whole.
 */
public final class SqlExport {
    /** The settings the data was written under, so psql reads every value back as it was. */
    private static final List<String> SETTINGS = List.of(
            "SET client_encoding = 'UTF8'",
            "SET standard_conforming_strings = on",
            "SET check_function_bodies = false",
            "SET client_min_messages = warning",
            "SET TimeZone = 'UTC'",
            "SET DateStyle = 'ISO, MDY'",
            "SET IntervalStyle = 'postgres'",
            "SET extra_float_digits = 3",
            "SET bytea_output = 'hex'",
            "SELECT pg_catalog.set_config('search_path', '', false)");

    private SqlExport() {
    }

    public static void write(Archive archive, OutputStream out) {
        Verification verification = ArchiveVerifier.verify(archive, false);
        if (!verification.passed()) {
            throw new ArchiveException("archive " + archive.location() + " is damaged, nothing was exported: " + verification.problems().get(0));
        }
        Manifest manifest = verification.manifest();
        try {
            header(out, manifest);
            statements(out, "pre-data", manifest.preData());
            data(archive, manifest, out);
            largeObjects(archive, manifest, out);
            statements(out, "post-data", manifest.postData());
            sequencesAndViews(manifest, out);
            out.flush();
        } catch (IOException e) {
            throw new PgCarryException(ErrorCode.IO, "cannot export " + archive.location() + ": " + e.getMessage(), e);
        }
    }

    /** Where the file comes from, how to restore it, what the archive lacks, then the session settings. */
    private static void header(OutputStream out, Manifest manifest) throws IOException {
        text(out, "-- Database " + manifest.source().database() + " (PostgreSQL " + manifest.source().serverVersion() + ") as of "
                + manifest.createdAt() + ", exported from a pgcarry archive by pgcarry " + Version.current() + "\n");
        text(out, "-- Restore into an empty database: psql -v ON_ERROR_STOP=1 --single-transaction -f FILE TARGET\n");
        for (String warning : manifest.warnings()) {
            text(out, "-- WARNING: not in the archive: " + warning + "\n");
        }
        text(out, "\n");
        for (String setting : SETTINGS) {
            text(out, setting + ";\n");
        }
    }

    /** One COPY block per table, its files decompressed straight into it (the archive's files are COPY text already). */
    private static void data(Archive archive, Manifest manifest, OutputStream out) throws IOException {
        text(out, "\n-- data\n");
        for (Manifest.Table table : manifest.tables()) {
            text(out, "\nCOPY " + table.qualifiedName().sql() + " (" + table.columns().stream()
                    .map(c -> Identifiers.quote(c.name())).collect(Collectors.joining(", ")) + ") FROM stdin;\n");
            for (Manifest.DataFile file : table.files()) {
                try (InputStream data = Compression.ofFile(file.name()).decompress(archive.open(file.name()))) {
                    data.transferTo(out);
                }
            }
            text(out, "\\.\n");
        }
    }

    /** Sequence values, then materialized view refreshes, which may read them. */
    private static void sequencesAndViews(Manifest manifest, OutputStream out) throws IOException {
        text(out, "\n-- sequences\n");
        for (Manifest.Sequence sequence : manifest.sequences()) {
            text(out, "SELECT pg_catalog.setval(" + Identifiers.literal(new QualifiedName(sequence.schema(), sequence.name()).sql())
                    + ", " + sequence.lastValue() + ", " + sequence.called() + ");\n");
        }
        for (String refresh : SchemaScript.refreshes(manifest.preData())) {
            text(out, refresh + ";\n");
        }
    }

    /**
     * Each large object as {@code lo_create} with its OID, its content as {@code lo_put} statements of a piece each (hex
     * bytea literals, read from its file piece by piece), then its comment, owner and grants.
     */
    private static void largeObjects(Archive archive, Manifest manifest, OutputStream out) throws IOException {
        if (manifest.largeObjects().isEmpty()) {
            return;
        }
        text(out, "\n-- large objects\n");
        byte[] piece = new byte[LargeObjectHash.PIECE];
        for (Manifest.LargeObjectFile object : manifest.largeObjects()) {
            text(out, "\nSELECT pg_catalog.lo_create(" + object.oid() + ");\n");
            try (InputStream content = Compression.ofFile(object.file()).decompress(archive.open(object.file()))) {
                long offset = 0;
                int length;
                while ((length = content.readNBytes(piece, 0, piece.length)) > 0) {
                    text(out, "SELECT pg_catalog.lo_put(" + object.oid() + ", " + offset + ", '\\x"
                            + HexFormat.of().formatHex(piece, 0, length) + "');\n");
                    offset += length;
                }
            }
            for (String statement : object.object().statements()) {
                text(out, statement + ";\n");
            }
        }
    }

    private static void statements(OutputStream out, String section, List<ScriptStatement> statements) throws IOException {
        text(out, "\n-- " + section + "\n");
        for (ScriptStatement statement : statements) {
            text(out, "\n" + statement.sql() + ";\n");
        }
    }

    private static void text(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
    }
}
