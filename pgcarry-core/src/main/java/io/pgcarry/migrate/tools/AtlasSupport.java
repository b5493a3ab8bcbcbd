package io.pgcarry.migrate.tools;

import io.pgcarry.catalog.QualifiedName;
import io.pgcarry.error.ErrorCode;
import io.pgcarry.error.PgCarryException;
import io.pgcarry.migrate.FileChecksum;
import io.pgcarry.migrate.Layout;
import io.pgcarry.migrate.LedgerEntry;
import io.pgcarry.migrate.LedgerTable;
import io.pgcarry.migrate.LocalMigration;
import io.pgcarry.migrate.MigrationTool;
import io.pgcarry.migrate.OrderPolicy;
import io.pgcarry.migrate.ToolSupport;
import io.pgcarry.migrate.VersionKey;
import io.pgcarry.migrate.checksum.AtlasChecksum;
import io.pgcarry.migrate.checksum.AtlasLedger;
import io.pgcarry.migrate.checksum.AtlasSumFile;
import io.pgcarry.migrate.checksum.AtlasVerification;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Atlas versioned migrations: the top-level {@code *.sql} files of a directory beside {@code atlas.sum}, versioned by
 * the name's part before the first {@code _} and run in name order, and the revisions table
 * {@code atlas_schema_revisions.atlas_schema_revisions} ({@link AtlasRevisions}). A revision's hash is the file's line
 * of {@code atlas.sum}, a hash chained over every file before it ({@link AtlasChecksum#chain}). By default
 * ({@code --exec-order linear}) {@code atlas migrate apply} refuses to go on when a file older than the last revision
 * was never applied; {@code linear-skip} skips it for good, {@code non-linear} runs it.
 */
final class AtlasSupport implements ToolSupport {
    private static final List<String> PLACES = List.of("migrations");
    private static final List<String> COLUMNS = List.of("version", "description", "type", "applied", "total", "error", "hash");

    @Override
    public MigrationTool tool() {
        return MigrationTool.ATLAS;
    }

    @Override
    public Optional<Layout> detect(Path dir) {
        return MigrationFiles.firstPlace(dir, PLACES, d -> Files.isRegularFile(d.resolve(AtlasSumFile.FILE_NAME)))
                .map(d -> new Layout(d, AtlasSumFile.FILE_NAME + " and " + files(d).size() + " migration files"));
    }

    @Override
    public Path locate(Path dir) {
        return MigrationFiles.firstPlace(dir, PLACES, d -> !files(d).isEmpty()).orElse(dir);
    }

    @Override
    public List<LedgerTable> ledgerTables() {
        return List.of(new LedgerTable("atlas_schema_revisions", "atlas_schema_revisions", COLUMNS, List.of()),
                new LedgerTable(null, "atlas_schema_revisions", COLUMNS, List.of()));
    }

    @Override
    public OrderPolicy orderPolicy() {
        return OrderPolicy.SET_BASED;
    }

    @Override
    public String lateNote() {
        return "added out of order: atlas migrate apply stops at it (--exec-order non-linear runs it, linear-skip skips it)";
    }

    @Override
    public List<LocalMigration> readDirectory(Path directory) {
        Map<String, byte[]> files = files(directory);
        Map<String, AtlasChecksum.ChainedHash> hashes = AtlasChecksum.chain(files).stream()
                .collect(Collectors.toMap(AtlasChecksum.ChainedHash::name, Function.identity()));
        AtlasVerification verification = files.isEmpty() ? null : AtlasChecksum.verify(directory);
        String unsummed = verification == null || verification.matches() ? null : verification.firstDifference();
        List<LocalMigration> migrations = new ArrayList<>();
        for (String name : files.keySet()) {
            String version = AtlasLedger.version(name);
            AtlasChecksum.ChainedHash hash = hashes.get(name);
            FileChecksum checksum = hash == null ? null : FileChecksum.of(hash.asIs(), hash.lf(), hash.crlf());
            String note = hash == null ? "atlas:sum ignore: not hashed"
                    : name.equals(unsummed) ? sumNote(verification.sumFilePresent()) : null;
            migrations.add(new LocalMigration(version, version, AtlasLedger.description(name), List.of(name),
                    VersionKey.text(version), checksum, null, false, note));
        }
        return migrations;
    }

    /** What {@code atlas migrate validate} says of the first file that does not match atlas.sum. */
    private static String sumNote(boolean sumFilePresent) {
        return (sumFilePresent ? "atlas.sum does not match it" : "no atlas.sum")
                + ", so atlas migrate apply refuses the directory until atlas migrate hash is run";
    }

    private static Map<String, byte[]> files(Path directory) {
        if (!Files.isDirectory(directory)) {
            return Map.of();
        }
        try {
            return AtlasChecksum.readDirectory(directory);
        } catch (UncheckedIOException e) {
            throw new PgCarryException(ErrorCode.IO, e.getMessage() + ": " + e.getCause().getMessage(), e);
        }
    }

    @Override
    public List<LedgerEntry> readLedger(Connection connection, QualifiedName table, List<LocalMigration> local)
            throws SQLException {
        return AtlasRevisions.read(connection, table, local);
    }
}
