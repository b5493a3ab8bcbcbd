package io.pgcarry.migrate.tools;

import io.pgcarry.catalog.QualifiedName;
import io.pgcarry.error.ConfigurationException;
import io.pgcarry.migrate.FileChecksum;
import io.pgcarry.migrate.Layout;
import io.pgcarry.migrate.LedgerEntry;
import io.pgcarry.migrate.LedgerTable;
import io.pgcarry.migrate.LocalMigration;
import io.pgcarry.migrate.MigrationTool;
import io.pgcarry.migrate.OrderPolicy;
import io.pgcarry.migrate.ToolSupport;
import io.pgcarry.migrate.VersionKey;
import io.pgcarry.migrate.checksum.GraphileChecksum;
import io.pgcarry.migrate.checksum.GraphileMigration;
import io.pgcarry.migrate.checksum.LineEndings;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Graphile Migrate: committed migrations {@code migrations/committed/000001[-message].sql}, each with a
 * {@code --! Previous:} and a {@code --! Hash:} header, and the ledger {@code graphile_migrate.migrations(hash,
 * previous_hash, filename, date)}. A migration's hash is the SHA-1 of its body chained to the previous migration's hash
 * ({@link GraphileChecksum}); the chain is read from the file's own {@code Previous} header, as Graphile Migrate reads
 * it, so an edited file changes its own hash only. {@code graphile-migrate migrate} runs the files whose name sorts
 * after the last applied filename: an older file never runs. A failed migration leaves no row (each runs in a
 * transaction with its row), so this ledger has no failed state. Graphile Migrate refuses a file with CRLF line
 * endings; its LF form is compared, and the row says so.
 */
final class GraphileSupport implements ToolSupport {
    private static final String COMMITTED = "committed";
    private static final List<String> PLACES = List.of("migrations");
    private static final Pattern NAME = Pattern.compile("[0-9]+(?:-[-_a-zA-Z0-9]*)?\\.sql");
    private static final String UNREADABLE = "none: graphile-migrate cannot read the file as it is";
    private static final String ROWS = """
            SELECT filename, hash, date FROM %s ORDER BY filename""";

    @Override
    public MigrationTool tool() {
        return MigrationTool.GRAPHILE;
    }

    @Override
    public Optional<Layout> detect(Path dir) {
        if (dir.getFileName() != null && dir.getFileName().toString().equals(COMMITTED) && !committed(dir).isEmpty()) {
            return Optional.of(new Layout(dir.getParent(), COMMITTED + "/ with " + committed(dir).size() + " migrations"));
        }
        return MigrationFiles.firstPlace(dir, PLACES, d -> !committed(d.resolve(COMMITTED)).isEmpty())
                .map(d -> new Layout(d, COMMITTED + "/ with " + committed(d.resolve(COMMITTED)).size() + " migrations"));
    }

    private static List<Path> committed(Path dir) {
        return MigrationFiles.files(dir, NAME);
    }

    @Override
    public Path locate(Path dir) {
        return detect(dir).map(Layout::directory).orElse(Files.isDirectory(dir.resolve("migrations")) ? dir.resolve("migrations") : dir);
    }

    @Override
    public List<LedgerTable> ledgerTables() {
        return List.of(new LedgerTable("graphile_migrate", "migrations", List.of("hash", "previous_hash", "filename", "date"),
                List.of()));
    }

    @Override
    public OrderPolicy orderPolicy() {
        return OrderPolicy.HIGH_WATER_MARK;
    }

    @Override
    public String lateNote() {
        return "graphile-migrate never runs it: it runs only files after the last applied filename";
    }

    @Override
    public List<LocalMigration> readDirectory(Path directory) {
        List<LocalMigration> migrations = new ArrayList<>();
        String previousHash = null;
        for (Path file : committed(directory.resolve(COMMITTED))) {
            byte[] bytes = MigrationFiles.read(file);
            String name = file.getFileName().toString();
            boolean crlf = unreadable(name, bytes);
            GraphileMigration m = GraphileChecksum.parse(name, crlf ? LineEndings.toLf(bytes) : bytes);
            String hash = GraphileChecksum.hash(m.body(), m.previousHash());
            FileChecksum checksum = crlf ? new FileChecksum(List.of(UNREADABLE), List.of(hash), List.of(UNREADABLE))
                    : new FileChecksum(List.of(hash), List.of(hash), List.of(UNREADABLE));
            String number = m.filename().substring(0, m.filename().length() - ".sql".length());
            migrations.add(new LocalMigration(m.filename(), number, m.message() != null ? m.message() : slug(name),
                    List.of(COMMITTED + "/" + name), VersionKey.number(new BigInteger(number), name), checksum, null, false,
                    note(m, hash, crlf, migrations.isEmpty() ? null : previousHash, !migrations.isEmpty())));
            previousHash = m.hash();
        }
        return migrations;
    }

    /** Whether Graphile Migrate refuses the file only for its CRLF line endings (any other fault is an error). */
    private static boolean unreadable(String name, byte[] bytes) {
        try {
            GraphileChecksum.parse(name, bytes);
            return false;
        } catch (ConfigurationException e) {
            GraphileChecksum.parse(name, LineEndings.toLf(bytes));
            return true;
        }
    }

    private static String note(GraphileMigration m, String hash, boolean crlf, String previousHash, boolean hasPrevious) {
        List<String> notes = new ArrayList<>();
        if (crlf) {
            notes.add("graphile-migrate refuses the file with CRLF line endings: make them LF again");
        }
        if (!hash.equals(m.hash()) && !m.allowInvalidHash()) {
            notes.add("its --! Hash header is not the hash of its body, so graphile-migrate refuses to run it");
        }
        boolean chained = hasPrevious ? m.previousHash() != null && m.previousHash().equals(previousHash) : m.previousHash() == null;
        if (!chained) {
            notes.add("its --! Previous header is not the hash of the file before it, so graphile-migrate refuses the directory");
        }
        return notes.isEmpty() ? null : String.join("; ", notes);
    }

    private static String slug(String name) {
        int dash = name.indexOf('-');
        return dash < 0 ? "" : name.substring(dash + 1, name.length() - ".sql".length());
    }

    @Override
    public List<LedgerEntry> readLedger(Connection connection, QualifiedName table, List<LocalMigration> local)
            throws SQLException {
        List<LedgerEntry> entries = new ArrayList<>();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(ROWS.formatted(table.sql()))) {
            while (rs.next()) {
                String filename = rs.getString(1);
                String number = filename.replaceFirst("\\.sql$", "");
                VersionKey order = number.chars().allMatch(Character::isDigit) && !number.isEmpty()
                        ? VersionKey.number(new BigInteger(number), filename) : VersionKey.text(filename);
                entries.add(new LedgerEntry(filename, number, null, order, LedgerEntry.Outcome.APPLIED, rs.getString(2), null,
                        rs.getObject(3, OffsetDateTime.class), null));
            }
        }
        return entries;
    }
}
