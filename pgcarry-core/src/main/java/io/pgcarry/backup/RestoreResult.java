package io.pgcarry.backup;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.pgcarry.arrival.SchemaCheck;
import io.pgcarry.largeobject.LargeObjectValidation;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What a restore did and how its validation came out.
 *
 * @param archive          the archive or SQL file restored
 * @param format           {@code pgcarry} for an archive, {@code plain-sql} for a pg_dump SQL file
 * @param database         the database the archive was taken from (null for a SQL file)
 * @param cleaned          objects removed first with {@code --clean}
 * @param schemaStatements schema statements run
 * @param tables           per table, rows loaded and their validation against the manifest
 * @param sequences        sequences set
 * @param refreshed        materialized views refreshed
 * @param smoke            the smoke queries and their outcome
 * @param warnings         things the user should know that did not stop the restore
 * @param seconds          wall-clock time
 * @param origin           one line on the archive's origin (signed and matching, or not checked)
 * @param schema           the target's schema compared with what the archive or file describes
 * @param largeObjects     the archive's large objects compared with the target's; null when it has none (and for a SQL
 *                         file, whose large objects are restored as its statements say)
 */
public record RestoreResult(Path archive, String format, String database, int cleaned, int schemaStatements,
                            List<RestoredTable> tables, int sequences, int refreshed, List<SmokeResult> smoke,
                            List<String> warnings, double seconds, String origin,
                            SchemaCheck schema,
                            @com.fasterxml.jackson.annotation.JsonInclude(JsonInclude.Include.NON_NULL)
                            LargeObjectValidation largeObjects) {
    public RestoreResult {
        tables = List.copyOf(tables);
        smoke = List.copyOf(smoke);
        warnings = List.copyOf(warnings);
        Objects.requireNonNull(schema, "schema");
    }

    /** A restore without large objects. */
    public RestoreResult(Path archive, String format, String database, int cleaned, int schemaStatements,
                         List<RestoredTable> tables, int sequences, int refreshed, List<SmokeResult> smoke,
                         List<String> warnings, double seconds, String origin, SchemaCheck schema) {
        this(archive, format, database, cleaned, schemaStatements, tables, sequences, refreshed, smoke, warnings, seconds, origin,
                schema, null);
    }

    public long rows() {
        return tables.stream().mapToLong(RestoredTable::rows).sum();
    }

    public boolean passed() {
        return tables.stream().allMatch(RestoredTable::passed) && smoke.stream().allMatch(SmokeResult::passed) && schema.passed()
                && (largeObjects == null || largeObjects.passed());
    }
}
