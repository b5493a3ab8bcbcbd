package io.pgcarry.report;

/**
 * What a {@link Problem} is about. The names are stable: scripts match on them in {@code --json} output, so a code
 * is never renamed, only added.
 */
public enum ProblemCode {
    // connection
    PGPASS_IGNORED("a password file is present but not used"),
    POOLED_URL("the URL goes through a connection pooler"),
    NO_SNAPSHOT("the source cannot export a snapshot for a consistent parallel read"),
    // plan and mapping
    TABLE_MISSING("a source table has no target table"),
    TABLE_EXCLUDED("a table is left out by the selection or the mapping file"),
    TARGET_TWICE("two source tables map to one target table"),
    COLUMN_EXCLUDED("a column is left out by the mapping file"),
    COLUMN_DROPPED("a source column has no target column"),
    GENERATED_SKIPPED("a generated target column is computed by the target"),
    NOT_NULL_NO_SOURCE("a NOT NULL target column has no source and no default"),
    TYPE_INCOMPATIBLE("a source type cannot go into the target type"),
    TYPE_CAST("a source type is cast into the target type"),
    MAPPING_UNKNOWN_TABLE("the mapping file names a table that does not exist"),
    MAPPING_UNKNOWN_COLUMN("the mapping file names a column that does not exist"),
    MAPPING_EXPRESSION("a mapping expression does not work on the source"),
    MAPPING_REFERENCE("a mapping expression reads a table the move does not read"),
    // privileges
    NO_USAGE("the role lacks USAGE on a schema"),
    NO_SELECT("the role lacks SELECT on a table"),
    NO_INSERT("the role lacks INSERT on a target table"),
    NO_DELETE("the role lacks DELETE on a target table"),
    NO_TRUNCATE("the role lacks TRUNCATE on a target table"),
    NO_REFERENCES("the role lacks REFERENCES on a referenced table"),
    NO_CREATE("the role lacks CREATE on the database"),
    NO_SCHEMA_CREATE("the role lacks CREATE on a schema"),
    NOT_OWNER("the role does not own a table whose keys it must set aside"),
    ROW_SECURITY("row-level security would hide or refuse rows"),
    // target state
    TARGET_NOT_EMPTY("a target table already holds rows"),
    TARGET_TRUNCATED("a target table's rows will be deleted"),
    MOVE_UNFINISHED("an earlier move into the target did not finish"),
    TRIGGER_SEARCH_PATH("a user trigger fires during the load with pgcarry's search path"),
    // rows
    NULL_INTO_NOT_NULL("source rows hold NULL for a NOT NULL target column"),
    VALUE_TOO_LONG("source values are longer than the target column allows"),
    NUMERIC_OUT_OF_RANGE("source numbers do not fit the target numeric"),
    INTEGER_OUT_OF_RANGE("source numbers do not fit the target integer type"),
    INVALID_UUID("source text is not a UUID"),
    ENUM_VALUE_MISSING("source values are not labels of the target enum"),
    DUPLICATE_KEY("source rows repeat a key of the target"),
    FK_ORPHAN("source rows reference keys that will not exist"),
    FK_NOT_CHECKED("a foreign key could not be checked before the move"),
    CHECK_VIOLATION("source rows fail a target CHECK"),
    CHECK_NOT_VALID_CARRIED("source rows fail a NOT VALID CHECK that the source also holds NOT VALID"),
    CHECK_NOT_VERIFIED("a CHECK could not be evaluated before the move"),
    // import
    VALUE_NOT_CONVERTED("a record's value cannot be converted to the target column's type"),
    UNKNOWN_FIELD("a record holds a field the mapping file neither reads nor ignores"),
    // large objects
    LARGE_OBJECTS_LEFT_OUT("the source's large objects are left out"),
    LARGE_OBJECT_NO_SELECT("the role may not read a large object"),
    LARGE_OBJECT_PRESENT("a large object is already in the target with the same content"),
    LARGE_OBJECT_EXISTS("a large object of the source exists in the target with other content");

    private final String meaning;

    ProblemCode(String meaning) {
        this.meaning = meaning;
    }

    /** One line saying what the code stands for, for documentation and {@code --help}. */
    public String meaning() {
        return meaning;
    }
}
