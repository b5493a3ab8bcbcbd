package io.pgcarry.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.pgcarry.backup.Backup;
import io.pgcarry.backup.BackupRequest;
import io.pgcarry.backup.BackupRestore;
import io.pgcarry.backup.Compression;
import io.pgcarry.backup.RestoreRequest;
import io.pgcarry.backup.RestoreResult;
import io.pgcarry.check.CheckOptions;
import io.pgcarry.check.ChecksFailedException;
import io.pgcarry.clone.Clone;
import io.pgcarry.clone.CloneRequest;
import io.pgcarry.clone.CloneResult;
import io.pgcarry.connect.ConnectionResolver;
import io.pgcarry.connect.ConnectionSpec;
import io.pgcarry.connect.Connector;
import io.pgcarry.connect.EndpointSource;
import io.pgcarry.copy.CopyProgress;
import io.pgcarry.embedded.junit.PostgresExtension;
import io.pgcarry.move.Move;
import io.pgcarry.move.MoveJournal;
import io.pgcarry.move.MoveRequest;
import io.pgcarry.move.MoveResult;
import io.pgcarry.plan.Mapping;
import io.pgcarry.plan.TableSelection;
import io.pgcarry.verify.TableValidation;
import io.pgcarry.verify.Validate;
import io.pgcarry.verify.ValidateRequest;
import io.pgcarry.verify.ValidationLevel;
import io.pgcarry.verify.ValidationReport;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * An extension's configuration table (issue 16): {@code CREATE EXTENSION} makes {@code cfg} with two default rows and
 * marks it with the filter {@code WHERE id >= 1000}; the user adds rows above 1000. Clone, backup and restore, move and
 * a plain pg_dump file carry the user rows beside the extension's own, never twice, and validation compares the user
 * rows only (a changed user row fails it). The embedded servers ship no such extension, so the test installs its own.
 */
class ExtensionConfigIT {
    private static final String EXTENSION = "pgcarry_cfgtest";
    private static final String CONTROL = """
            comment = 'pgcarry test: an extension with a configuration table'
            default_version = '1.0'
            relocatable = false
            schema = public
            """;
    private static final String SCRIPT = """
            CREATE TABLE cfg (id int PRIMARY KEY, note text);
            INSERT INTO cfg VALUES (1, 'default one'), (2, 'default two');
            SELECT pg_catalog.pg_extension_config_dump('cfg', 'WHERE id >= 1000');
            CREATE TABLE cfg_all (k text PRIMARY KEY);
            SELECT pg_catalog.pg_extension_config_dump('cfg_all', '');
            CREATE SEQUENCE cfg_seq;
            SELECT pg_catalog.pg_extension_config_dump('cfg_seq', '');
            CREATE TABLE internal (x int);
            INSERT INTO internal VALUES (7);
            """;
    private static final String USER_DATA = """
            CREATE EXTENSION pgcarry_cfgtest;
            INSERT INTO cfg SELECT g, 'user ' || g FROM generate_series(1000, 1049) g;
            CREATE TABLE site (id int PRIMARY KEY, cfg_id int REFERENCES cfg);
            INSERT INTO site VALUES (1, 1), (2, 1000), (3, NULL);
            INSERT INTO cfg_all VALUES ('a'), ('b');
            SELECT nextval('cfg_seq') FROM generate_series(1, 42);
            """;

    private static final String TARGET_SCHEMA = """
            CREATE EXTENSION pgcarry_cfgtest;
            CREATE TABLE site (id int PRIMARY KEY, cfg_id int REFERENCES cfg);
            """;

    @RegisterExtension
    static final PostgresExtension pg13 = PostgresExtension.major(13);
    @RegisterExtension
    static final PostgresExtension pg17 = PostgresExtension.major(17);

    @TempDir
    Path out;

    @BeforeAll
    static void installTheExtension() throws Exception {
        install(pg13);
        install(pg17);
    }

    @Test
    void aCloneCarriesTheUserRowsBesideTheExtensionsOwnAndValidatesThemAlone() throws Exception {
        execute(pg13, pg13.database(), USER_DATA);

        CloneResult result = new Clone(new Connector()).run(new CloneRequest(spec(pg13.url()), spec(pg17.url()), 2,
                ValidationLevel.FULL, false), CopyProgress.NONE);

        assertThat(result.passed()).as("%s %s", result.schema(), result.move().validation()).isTrue();
        assertArrived(pg17, pg17.database());
        assertThat(validate(pg13.url(), pg17.url()).passed()).isTrue();

        execute(pg17, pg17.database(), "UPDATE cfg SET note = 'the extension''s row, changed' WHERE id = 1");
        assertThat(validate(pg13.url(), pg17.url()).passed()).as("rows of the extension's own are not user data").isTrue();

        execute(pg17, pg17.database(), "UPDATE cfg SET note = 'changed' WHERE id = 1007");
        ValidationReport changed = validate(pg13.url(), pg17.url());
        assertThat(changed.passed()).isFalse();
        TableValidation cfg = changed.tables().stream().filter(t -> t.table().equals("public.cfg")).findFirst().orElseThrow();
        assertThat(cfg.passed()).isFalse();
        assertThat(cfg.differences()).singleElement().satisfies(d -> {
            assertThat(d.key()).isEqualTo("id=1007");
            assertThat(d.columns()).containsExactly("note");
        });
    }

    @Test
    void aBackupRestoresTheUserRowsAndChecksThemAgainstTheManifest() throws Exception {
        execute(pg13, pg13.database(), USER_DATA);

        Path archive = new Backup(new Connector()).run(new BackupRequest(spec(pg13.url()), out, null, 2, Compression.NONE, false, 0),
                CopyProgress.NONE).archive();
        RestoreResult restored = new BackupRestore(new Connector()).run(new RestoreRequest(archive, spec(pg17.url()), 2, null, false),
                CopyProgress.NONE);

        assertThat(restored.passed()).as("%s", restored).isTrue();
        assertThat(restored.tables()).filteredOn(t -> t.table().equals("public.cfg")).singleElement()
                .satisfies(t -> assertThat(t.rows()).isEqualTo(50));
        assertArrived(pg17, pg17.database());
        assertThat(validate(pg13.url(), pg17.url()).passed()).isTrue();
    }

    @Test
    void aMoveLoadsTheUserRowsBesideTheExtensionsOwnAndKeepsItsKeys() throws Exception {
        // 17 to 13 here: both majors read and write configuration tables.
        execute(pg17, pg17.database(), USER_DATA);
        execute(pg13, pg13.database(), TARGET_SCHEMA);
        String key = "SELECT string_agg(oid::text, ',') FROM pg_constraint WHERE conrelid = 'cfg'::regclass AND contype = 'p'";
        String keyBefore = value(pg13, pg13.database(), key);

        MoveResult moved = new Move(new Connector()).run(moveRequest(false), CopyProgress.NONE);

        assertThat(moved.passed()).as("the extension's own rows do not make the table non-empty: %s %s", moved.check(),
                moved.validation()).isTrue();
        assertArrived(pg13, pg13.database());
        assertThat(value(pg13, pg13.database(), key)).as("the extension's key stayed, never set aside").isEqualTo(keyBefore);
    }

    @Test
    void aTargetWithUserRowsIsRefusedAndATruncatingMoveDeletesOnlyThem() throws Exception {
        execute(pg17, pg17.database(), USER_DATA);
        execute(pg13, pg13.database(), TARGET_SCHEMA + "INSERT INTO cfg VALUES (5000, 'a user row the source lacks');"
                + "INSERT INTO cfg_all VALUES ('z');");

        assertThatThrownBy(() -> new Move(new Connector()).run(moveRequest(false), CopyProgress.NONE))
                .isInstanceOfSatisfying(ChecksFailedException.class, e -> assertThat(e.report().problems())
                        .anySatisfy(p -> assertThat(p.code() + " " + p.object()).isEqualTo("TARGET_NOT_EMPTY public.cfg")));
        MoveResult moved = new Move(new Connector()).run(moveRequest(true), CopyProgress.NONE);

        assertThat(moved.passed()).as("%s %s", moved.check(), moved.validation()).isTrue();
        assertThat(value(pg13, pg13.database(), "SELECT count(*) FROM cfg WHERE id = 5000")).as("deleted as user data").isEqualTo("0");
        assertArrived(pg13, pg13.database());
    }

    @Test
    void anAbortedMoveDeletesTheUserRowsAndLeavesTheExtensionsOwn() throws Exception {
        execute(pg17, pg17.database(), USER_DATA);
        execute(pg13, pg13.database(), TARGET_SCHEMA);
        CopyProgress stopAfterTheLoad = new CopyProgress() {
            @Override
            public void phase(String name) {
                if (name.equals("sequences")) {
                    throw new IllegalStateException("simulated crash after the load");
                }
            }
        };
        assertThatThrownBy(() -> new Move(new Connector()).run(moveRequest(false), stopAfterTheLoad)).hasMessageContaining("simulated");
        assertThat(value(pg13, pg13.database(), "SELECT count(*) FROM cfg")).as("loaded before the crash").isEqualTo("52");

        MoveJournal.AbortResult aborted = new MoveJournal(new Connector()).abort(spec(pg13.url()), 2, phase -> { });

        assertThat(aborted.passed()).as("%s", aborted.schema()).isTrue();
        assertThat(value(pg13, pg13.database(), "SELECT string_agg(id || ':' || note, ',' ORDER BY id) FROM cfg"))
                .isEqualTo("1:default one,2:default two");
        assertThat(value(pg13, pg13.database(), "SELECT count(*) FROM cfg_all")).isEqualTo("0");
        assertThat(value(pg13, pg13.database(), "SELECT count(*) FROM site")).isEqualTo("0");
    }

    @Test
    void aPlainPgDumpFileOfItRestoresWithAPass() throws Exception {
        Path pgDump = tool("pg_dump");
        assumeTrue(pgDump != null, "pg_dump is not on the PATH: the plain-format interop test cannot run");
        execute(pg13, pg13.database(), USER_DATA);
        Path dump = out.resolve("backup.sql");
        Process process = new ProcessBuilder(pgDump.toString(), "--no-owner", "--file", dump.toString(), "--dbname", pg13.url())
                .redirectErrorStream(true).start();
        String said = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0).as(said).isTrue();
        assertThat(Files.readString(dump)).as("pg_dump writes the user rows only").contains("1049\tuser 1049")
                .doesNotContain("default one");

        RestoreResult restored = new BackupRestore(new Connector()).run(new RestoreRequest(dump, spec(pg17.url()), 2, null, false),
                CopyProgress.NONE);

        assertThat(restored.format()).isEqualTo("plain-sql");
        assertThat(restored.tables()).filteredOn(t -> t.table().equals("public.cfg")).singleElement()
                .satisfies(t -> assertThat(t.rows()).isEqualTo(50))
                .satisfies(t -> assertThat(t.passed()).isTrue());
        assertThat(restored.passed()).as("%s", restored.tables()).isTrue();
        assertArrived(pg17, pg17.database());
    }

    /** User rows once, the extension's rows once, the non-configuration member untouched, the sequence carried. */
    private static void assertArrived(PostgresExtension pg, String database) throws Exception {
        assertThat(value(pg, database, "SELECT string_agg(id::text, ',' ORDER BY id) FROM cfg WHERE id < 1000")).isEqualTo("1,2");
        assertThat(value(pg, database, "SELECT count(*) || ' ' || count(DISTINCT id) || ' ' || min(id) || ' ' || max(id) FROM cfg"
                + " WHERE id >= 1000")).isEqualTo("50 50 1000 1049");
        assertThat(value(pg, database, "SELECT string_agg(x::text, ',') FROM internal")).isEqualTo("7");
        assertThat(value(pg, database, "SELECT string_agg(id || ':' || coalesce(cfg_id::text, '-'), ',' ORDER BY id) FROM site"))
                .isEqualTo("1:1,2:1000,3:-");
        assertThat(value(pg, database, "SELECT string_agg(k, ',' ORDER BY k) FROM cfg_all")).as("a filter of '' carries every row")
                .isEqualTo("a,b");
        assertThat(value(pg, database, "SELECT last_value FROM cfg_seq")).isEqualTo("42");
    }

    private MoveRequest moveRequest(boolean truncate) {
        return new MoveRequest(spec(pg17.url()), spec(pg13.url()), new CheckOptions(Mapping.EMPTY, TableSelection.all(), truncate, false,
                false), 2, MoveRequest.DEFAULT_SPLIT_ROWS, ValidationLevel.FULL);
    }

    private static ValidationReport validate(String from, String to) {
        return new Validate(new Connector()).run(new ValidateRequest(spec(from), spec(to), Mapping.EMPTY, TableSelection.everything(),
                ValidationLevel.FULL, 2, 10, false));
    }

    /**
     * Writes the extension into the server's SHAREDIR (as the superuser may read it from pg_config), readable by the
     * server's OS user; written under a temporary name and renamed, since another run may be reading it.
     */
    private static void install(PostgresExtension pg) throws Exception {
        Path dir = Path.of(value(pg, "postgres", "SELECT setting FROM pg_config WHERE name = 'SHAREDIR'"), "extension");
        write(dir.resolve(EXTENSION + ".control"), CONTROL);
        write(dir.resolve(EXTENSION + "--1.0.sql"), SCRIPT);
    }

    private static void write(Path file, String text) throws Exception {
        Path temporary = Files.createTempFile(file.getParent(), "." + EXTENSION, ".tmp");
        Files.writeString(temporary, text);
        Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-r--r--"));
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static ConnectionSpec spec(String url) {
        return new ConnectionResolver(Map.of(), Path.of("/nonexistent")).resolve(new EndpointSource.Url(url));
    }

    private static void execute(PostgresExtension pg, String database, String sql) throws Exception {
        try (Connection c = pg.server().connect(database); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static String value(PostgresExtension pg, String database, String sql) throws Exception {
        try (Connection c = pg.server().connect(database); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static Path tool(String name) {
        String path = System.getenv("PATH");
        for (String dir : path == null ? new String[0] : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
