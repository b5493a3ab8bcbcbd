package io.pgcarry.migrate.checksum;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Atlas's revisions table, by default {@code atlas_schema_revisions} in a schema of the same name, with the columns
 * of {@code cmd/atlas/internal/migrate/ent/schema/revision.go} ({@code Revision.Fields}): {@code version} (the file
 * name's part before the first {@code _}, the primary key), {@code description} (the part after it, without
 * {@code .sql}), {@code type}, {@code applied} and {@code total} (statements run and in the file), {@code executed_at},
 * {@code execution_time} (a Go {@code time.Duration}: nanoseconds), {@code error} and {@code error_stmt} (of a
 * failed run), {@code hash} (the file's {@code atlas.sum} hash, see {@link AtlasChecksum}), {@code partial_hashes} (a
 * JSON array of {@code h1:} hashes of the statements run so far) and {@code operator_version}. The column types are
 * those ent derives from these fields; pgcarry reads them by name.
 */
public final class AtlasLedger {
    /** The table's columns in Atlas's order. */
    public static final List<String> COLUMNS = List.of("version", "description", "type", "applied", "total",
            "executed_at", "execution_time", "error", "error_stmt", "hash", "partial_hashes", "operator_version");
    /** {@code type} bit of a baseline revision ({@code RevisionTypeBaseline} in {@code sql/migrate/migrate.go}). */
    public static final int TYPE_BASELINE = 1;
    /** {@code type} bit of an executed file ({@code RevisionTypeExecute}). */
    public static final int TYPE_EXECUTE = 2;
    /** {@code type} bit of a revision resolved by hand ({@code RevisionTypeResolved}); may be set with EXECUTE. */
    public static final int TYPE_RESOLVED = 4;

    private AtlasLedger() {
    }

    /** One revision row; a file ran completely when {@code applied == total} and {@code error} is empty. */
    public record Revision(String version, String description, long type, int applied, int total,
            OffsetDateTime executedAt, Duration executionTime, String error, String errorStmt, String hash,
            List<String> partialHashes, String operatorVersion) {

        public boolean isPartial() {
            return applied < total || error != null && !error.isEmpty();
        }
    }

    /** The version of a migration file name, as {@code LocalFile.Version} takes it. */
    public static String version(String fileName) {
        String stem = fileName.endsWith(".sql") ? fileName.substring(0, fileName.length() - 4) : fileName;
        int underscore = stem.indexOf('_');
        return underscore < 0 ? stem : stem.substring(0, underscore);
    }

    /** The description of a migration file name, as {@code LocalFile.Desc} takes it. */
    public static String description(String fileName) {
        int underscore = fileName.indexOf('_');
        if (underscore < 0) {
            return "";
        }
        String rest = fileName.substring(underscore + 1);
        return rest.endsWith(".sql") ? rest.substring(0, rest.length() - 4) : rest;
    }
}
