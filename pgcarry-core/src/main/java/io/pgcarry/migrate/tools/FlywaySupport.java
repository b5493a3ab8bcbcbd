package io.pgcarry.migrate.tools;

import io.pgcarry.catalog.QualifiedName;
import io.pgcarry.migrate.FileChecksum;
import io.pgcarry.migrate.Layout;
import io.pgcarry.migrate.LedgerEntry;
import io.pgcarry.migrate.LedgerTable;
import io.pgcarry.migrate.LocalMigration;
import io.pgcarry.migrate.MigrationTool;
import io.pgcarry.migrate.OrderPolicy;
import io.pgcarry.migrate.ToolSupport;
import io.pgcarry.migrate.VersionKey;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Flyway: SQL migrations named {@code V<version>__<description>.sql} (versions of numbers separated by {@code .} or
 * {@code _}) and repeatable ones {@code R__<description>.sql}, anywhere under a location, and the ledger
 * {@code flyway_schema_history}. Its checksum is a CRC-32 of the file's lines ({@link FlywayChecksum}), blind to line
 * endings. Flyway runs only versions above the newest applied unless {@code outOfOrder} is set; a repeatable migration
 * runs again whenever its checksum changes. The ledger is read by {@link FlywayLedger}.
 */
final class FlywaySupport implements ToolSupport {
    static final Pattern VERSIONED = Pattern.compile("V(\\d+(?:[._]\\d+)*)__(.+)\\.sql");
    static final Pattern REPEATABLE = Pattern.compile("R__(.+)\\.sql");
    private static final Pattern ANY = Pattern.compile("(?:V\\d+(?:[._]\\d+)*|R)__.+\\.sql");
    private static final List<String> PLACES = List.of("db/migration", "src/main/resources/db/migration", "sql");

    @Override
    public MigrationTool tool() {
        return MigrationTool.FLYWAY;
    }

    @Override
    public Optional<Layout> detect(Path dir) {
        return MigrationFiles.firstPlaceThenDir(dir, PLACES, d -> !MigrationFiles.filesBelow(d, ANY).isEmpty())
                .map(d -> new Layout(d, MigrationFiles.filesBelow(d, ANY).size() + " V<version>__<description>.sql files"));
    }

    @Override
    public Path locate(Path dir) {
        return detect(dir).map(Layout::directory).orElse(dir);
    }

    @Override
    public List<LedgerTable> ledgerTables() {
        return List.of(LedgerTable.anySchema("flyway_schema_history", "installed_rank", "version", "description", "type",
                "script", "checksum", "installed_by", "installed_on", "execution_time", "success"));
    }

    @Override
    public OrderPolicy orderPolicy() {
        return OrderPolicy.HIGH_WATER_MARK;
    }

    @Override
    public String lateNote() {
        return "flyway ignores it, older than the newest applied version (it runs only with outOfOrder=true)";
    }

    @Override
    public List<LocalMigration> readDirectory(Path directory) {
        List<LocalMigration> migrations = new ArrayList<>();
        for (Path file : MigrationFiles.filesBelow(directory, ANY)) {
            String script = MigrationFiles.relative(directory, file);
            FileChecksum checksum = checksum(MigrationFiles.read(file));
            Matcher versioned = VERSIONED.matcher(file.getFileName().toString());
            if (versioned.matches()) {
                String version = versioned.group(1).replace('_', '.');
                migrations.add(new LocalMigration(versionId(version), version, description(versioned.group(2)), List.of(script),
                        VersionKey.dotted(version), checksum, null));
            } else {
                Matcher repeatable = REPEATABLE.matcher(file.getFileName().toString());
                repeatable.matches();
                String description = description(repeatable.group(1));
                migrations.add(new LocalMigration(repeatableId(description), "R", description, List.of(script),
                        VersionKey.repeatable(description), checksum, null));
            }
        }
        return migrations;
    }

    /** Flyway's CRC-32 of each line-ending form (all equal, as Flyway reads lines without their endings). */
    static FileChecksum checksum(byte[] file) {
        return FileChecksum.of(String.valueOf(FlywayChecksum.of(file)), String.valueOf(FlywayChecksum.of(FileHashes.lf(file))),
                String.valueOf(FlywayChecksum.of(FileHashes.crlf(file))));
    }

    /** A description as Flyway stores it: the file name's part after {@code __}, underscores made spaces. */
    static String description(String namePart) {
        return namePart.replace('_', ' ');
    }

    /** The id of a version: its numbers without leading zeros and without trailing zero parts ({@code 1.0} is {@code 1}). */
    static String versionId(String version) {
        List<String> parts = new ArrayList<>();
        for (var number : VersionKey.dotted(version).numbers()) {
            parts.add(number.toString());
        }
        while (parts.size() > 1 && parts.get(parts.size() - 1).equals("0")) {
            parts.remove(parts.size() - 1);
        }
        return "V" + String.join(".", parts);
    }

    /** Flyway tells repeatable migrations apart by their description. */
    static String repeatableId(String description) {
        return "R:" + description;
    }

    @Override
    public List<LedgerEntry> readLedger(Connection connection, QualifiedName table, List<LocalMigration> local)
            throws SQLException {
        return FlywayLedger.read(connection, table, local);
    }
}
