package io.pgcarry.backup;

import io.pgcarry.catalog.QualifiedName;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.pgcarry.largeobject.LargeObject;
import io.pgcarry.schema.SchemaModel;
import io.pgcarry.schema.SchemaScript;
import io.pgcarry.schema.ScriptStatement;
import io.pgcarry.schema.Section;
import java.util.ArrayList;
import java.util.List;

/**
 * What an archive holds, written last and checksummed itself, so an archive is either complete and intact or
 * refused. Everything a restore and its validation need is here; nothing needs the original database.
 *
 * @param formatVersion  version of this layout; a pgcarry refuses formats it does not know
 * @param pgcarryVersion the pgcarry that wrote it
 * @param createdAt      when the snapshot was taken, UTC, ISO-8601
 * @param source         the database it was taken from
 * @param compression    how data files are compressed (zstd, gzip or none)
 * @param withPrivileges whether the schema carries owners and grants
 * @param extensions     extensions the schema needs, with the versions of the source
 * @param preData        schema statements to run before the data
 * @param postData       schema statements to run after the data
 * @param warnings       source objects that pgcarry does not model and so did not archive
 * @param tables         every table with data, with its files and content hash
 * @param sequences      sequence values at the snapshot
 * @param schema         the schema's objects, from which a restore builds the schema (the statements above are what
 *                       they give, kept for reading and checked against them); null in archives of formats 1 and 2
 * @param largeObjects   the large objects, each with its file and content hash (from format 4 on; left out of the JSON
 *                       when there are none)
 */
public record Manifest(int formatVersion, String pgcarryVersion, String createdAt, Source source, String compression,
                       boolean withPrivileges, List<Extension> extensions, List<ScriptStatement> preData,
                       List<ScriptStatement> postData, List<String> warnings, List<Table> tables, List<Sequence> sequences,
                       @JsonInclude(JsonInclude.Include.NON_NULL) SchemaModel schema,
                       @JsonInclude(JsonInclude.Include.NON_EMPTY) List<LargeObjectFile> largeObjects) {
    /**
     * Format 4 may hold large objects: a pgcarry that reads only formats up to 3 would ignore them, so it must refuse
     * the archive instead.
     */
    public static final int FORMAT_VERSION = 4;
    /** The last format without large objects; still read. */
    public static final int WITHOUT_LARGE_OBJECTS_FORMAT = 3;
    /** The last format without the schema's objects, whose statements are run as they are (after their checks); still read. */
    public static final int STATEMENTS_ONLY_FORMAT = 2;
    /** The format whose content hashes are row-text hashes (see {@code verify.ContentHash#ofRowText}); still read. */
    public static final int ROW_TEXT_HASH_FORMAT = 1;
    public static final String FILE = "manifest.json";
    public static final String CHECKSUM_FILE = "manifest.sha256";

    /** A manifest without large objects. */
    public Manifest(int formatVersion, String pgcarryVersion, String createdAt, Source source, String compression,
                    boolean withPrivileges, List<Extension> extensions, List<ScriptStatement> preData,
                    List<ScriptStatement> postData, List<String> warnings, List<Table> tables, List<Sequence> sequences,
                    SchemaModel schema) {
        this(formatVersion, pgcarryVersion, createdAt, source, compression, withPrivileges, extensions, preData, postData, warnings,
                tables, sequences, schema, List.of());
    }

    /** A manifest without the schema's objects (formats 1 and 2). */
    public Manifest(int formatVersion, String pgcarryVersion, String createdAt, Source source, String compression,
                    boolean withPrivileges, List<Extension> extensions, List<ScriptStatement> preData,
                    List<ScriptStatement> postData, List<String> warnings, List<Table> tables, List<Sequence> sequences) {
        this(formatVersion, pgcarryVersion, createdAt, source, compression, withPrivileges, extensions, preData, postData, warnings,
                tables, sequences, null, List.of());
    }

    public Manifest {
        extensions = List.copyOf(extensions);
        preData = List.copyOf(preData);
        postData = List.copyOf(postData);
        warnings = List.copyOf(warnings);
        tables = List.copyOf(tables);
        sequences = List.copyOf(sequences);
        largeObjects = largeObjects == null ? List.of() : List.copyOf(largeObjects);
    }

    /** The statements a restore runs for {@code section}: built from the schema's objects where the archive has them. */
    public List<ScriptStatement> statements(Section section) {
        if (schema != null) {
            return SchemaScript.of(schema).section(section);
        }
        return section == Section.PRE_DATA ? preData : postData;
    }

    public long rows() {
        return tables.stream().mapToLong(Table::rows).sum();
    }

    /** Bytes of the data files and large objects' files as stored. */
    public long dataBytes() {
        return tables.stream().flatMap(t -> t.files().stream()).mapToLong(DataFile::bytes).sum()
                + largeObjects.stream().mapToLong(LargeObjectFile::bytes).sum();
    }

    /** Every file the manifest lists beside itself: tables' data, then large objects. */
    public List<String> files() {
        List<String> names = new ArrayList<>();
        tables.forEach(t -> t.files().forEach(f -> names.add(f.name())));
        largeObjects.forEach(o -> names.add(o.file()));
        return names;
    }

    /**
     * @param serverVersion    {@code server_version}
     * @param serverVersionNum {@code server_version_num}
     * @param database         database name
     * @param encoding         server encoding of the database
     * @param collate          {@code LC_COLLATE} of the database
     * @param ctype            {@code LC_CTYPE} of the database
     */
    public record Source(String serverVersion, int serverVersionNum, String database, String encoding, String collate,
                         String ctype) {
    }

    /** An extension as installed on the source. */
    public record Extension(String name, String version, String schema) {
    }

    /**
     * A table's data.
     *
     * @param schema      its schema
     * @param name        its name
     * @param partitioned whether it is a partitioned root (its partitions' rows are in its files)
     * @param columns     the columns in the files, in order (generated columns are computed again on restore)
     * @param rows        rows in all files
     * @param sizeBytes   the table's size on disk at the source
     * @param contentHash {@code rows:sum} of row hashes, the same as {@code pgcarry validate} computes (format 1:
     *                    the row-text hash)
     * @param files       its data files
     * @param dataExcluded whether its rows were left out on purpose ({@code --exclude-table-data}): it has no files and
     *                    restores empty
     * @param extensionFilter for an extension's configuration table, the filter of the rows archived (its user rows,
     *                    {@code ''} for all; the extension's {@code CREATE EXTENSION} makes the table and its own rows),
     *                    which a restore loads beside the extension's rows and validates alone; null for other tables
     */
    public record Table(String schema, String name, boolean partitioned, List<Column> columns, long rows, long sizeBytes,
                        String contentHash, List<DataFile> files, boolean dataExcluded,
                        @com.fasterxml.jackson.annotation.JsonInclude(JsonInclude.Include.NON_NULL)
                        String extensionFilter) {
        public Table {
            columns = List.copyOf(columns);
            files = List.copyOf(files);
        }

        public Table(String schema, String name, boolean partitioned, List<Column> columns, long rows, long sizeBytes,
                     String contentHash, List<DataFile> files, boolean dataExcluded) {
            this(schema, name, partitioned, columns, rows, sizeBytes, contentHash, files, dataExcluded, null);
        }

        public Table(String schema, String name, boolean partitioned, List<Column> columns, long rows, long sizeBytes,
                     String contentHash, List<DataFile> files) {
            this(schema, name, partitioned, columns, rows, sizeBytes, contentHash, files, false);
        }

        /** The rows of this table that the archive holds, on a restored target (see {@code catalog.Table#rowsSql}). */
        public String rowsSql() {
            return io.pgcarry.catalog.Table.rowsSql(qualifiedName(), partitioned, extensionFilter);
        }

        public QualifiedName qualifiedName() {
            return new QualifiedName(schema, name);
        }
    }

    /** A column as the files carry it. */
    public record Column(String name, String type) {
    }

    /**
     * One COPY file in text format.
     *
     * @param name   path inside the archive
     * @param rows   rows in it
     * @param bytes  its size as stored (compressed)
     * @param sha256 SHA-256 of the stored bytes
     */
    public record DataFile(String name, long rows, long bytes, String sha256) {
    }

    /** A sequence's state at the snapshot. */
    public record Sequence(String schema, String name, long lastValue, boolean called) {
    }

    /**
     * A large object, and the file holding its content (compressed as the data files are).
     *
     * @param oid         its OID, which the restore keeps
     * @param owner       its owner (only with privileges)
     * @param comment     its comment, or null
     * @param grants      its access list, only with privileges; null for the default one
     * @param size        its content's size in bytes
     * @param contentHash its content hash ({@link io.pgcarry.hash.LargeObjectHash}), which starts with the size
     * @param file        path inside the archive
     * @param bytes       the file's size as stored
     * @param sha256      SHA-256 of the stored bytes
     */
    public record LargeObjectFile(long oid, @JsonInclude(JsonInclude.Include.NON_NULL) String owner,
                                  @JsonInclude(JsonInclude.Include.NON_NULL) String comment,
                                  @JsonInclude(JsonInclude.Include.NON_NULL) List<LargeObject.Grant> grants,
                                  long size, String contentHash, String file, long bytes, String sha256) {
        public LargeObjectFile {
            grants = grants == null ? null : List.copyOf(grants);
        }

        /** The object as the catalog would describe it. */
        public LargeObject object() {
            return new LargeObject(oid, owner, comment, grants);
        }
    }
}
