package io.pgcarry.backup;

import static io.pgcarry.backup.BackupFixtures.backup;
import static io.pgcarry.backup.BackupFixtures.execute;
import static io.pgcarry.backup.BackupFixtures.load;
import static io.pgcarry.backup.BackupFixtures.restore;
import static io.pgcarry.backup.BackupFixtures.spec;
import static io.pgcarry.backup.BackupFixtures.tool;
import static io.pgcarry.backup.BackupFixtures.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.pgcarry.error.Setting;
import io.pgcarry.connect.Connector;
import io.pgcarry.copy.CopyProgress;
import io.pgcarry.embedded.junit.PostgresExtension;
import io.pgcarry.error.ConfigurationException;
import io.pgcarry.plan.Mapping;
import io.pgcarry.plan.TableSelection;
import io.pgcarry.schema.SchemaDiff;
import io.pgcarry.schema.SchemaModel;
import io.pgcarry.schema.SchemaSource;
import io.pgcarry.verify.Validate;
import io.pgcarry.verify.ValidateRequest;
import io.pgcarry.verify.ValidationLevel;
import io.pgcarry.verify.ValidationReport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Backups taken on 13 and restored on 17: the same schema, the same rows, proven by the archive alone. */
class BackupRestoreIT {
    @RegisterExtension
    static final PostgresExtension pg13 = PostgresExtension.major(13);
    @RegisterExtension
    static final PostgresExtension pg17 = PostgresExtension.major(17);

    @TempDir
    Path out;

    @Test
    void theTypeZooRoundTripsFrom13To17AndValidatesAgainstTheArchive() throws Exception {
        load(pg13, pg13.database(), "/io/pgcarry/move/zoo-schema.sql", "/io/pgcarry/move/zoo-data.sql");
        execute(pg13, pg13.database(), "ANALYZE");

        BackupResult backup = backup(pg13, pg13.database(), out, null, Compression.ZSTD);
        RestoreResult restored = restore(backup.archive(), pg17.url(), false);

        assertThat(restored.passed()).as("%s", restored.tables()).isTrue();
        assertThat(restored.tables()).allSatisfy(t -> assertThat(t.hash()).isEqualTo(t.expectedHash()));
        assertThat(restored.rows()).isEqualTo(backup.rows()).isGreaterThan(5000);
        try (Archive archive = Archive.open(backup.archive())) {
            Manifest manifest = ArchiveVerifier.verify(archive, false).manifest();
            assertThat(manifest.tables()).filteredOn(t -> t.name().equals("Animal")).singleElement()
                    .satisfies(t -> assertThat(t.files()).as("split into ranges").hasSizeGreaterThan(1));
        }
        // PostgreSQL 17 marks the pages of a frozen load all-visible, which the restore's ANALYZE counts.
        assertThat(value(pg17, pg17.database(), "SELECT relallvisible > 0 FROM pg_class WHERE oid = 'cycle_a'::regclass"))
                .as("a table in one file is loaded frozen").isEqualTo("t");
        assertThat(value(pg17, pg17.database(), "SELECT relallvisible > 0 FROM pg_class WHERE oid = '\"Animal\"'::regclass"))
                .as("so is one in several files, no bigger than a worker's share, in one transaction").isEqualTo("t");
        assertThat(SchemaDiff.compare(read(pg13, pg13.database()), read(pg17, pg17.database())).differences()).isEmpty();
        assertThat(validate(pg13.url(), pg17.url()).passed()).isTrue();
        assertThat(value(pg17, pg17.database(), "SELECT last_value FROM \"bazaar-vid_exports_order_seq\""))
                .isEqualTo(value(pg13, pg13.database(), "SELECT last_value FROM \"bazaar-vid_exports_order_seq\""));
    }

    @Test
    void aTableFarBiggerThanAWorkersShareLoadsItsFilesInParallel() throws Exception {
        execute(pg13, pg13.database(), """
                CREATE TABLE big (id int PRIMARY KEY, note text);
                INSERT INTO big SELECT i, repeat('x', i % 50) FROM generate_series(1, 6000) i;
                CREATE TABLE small (id int PRIMARY KEY);
                INSERT INTO small SELECT generate_series(1, 10);
                ANALYZE;
                """);
        BackupResult backup = backup(pg13, pg13.database(), out, null, Compression.ZSTD);
        RestoreResult restored = restore(backup.archive(), pg17.url(), false);

        assertThat(restored.passed()).as("%s", restored.tables()).isTrue();
        assertThat(restored.rows()).isEqualTo(6010);
        assertThat(value(pg17, pg17.database(), "SELECT relallvisible FROM pg_class WHERE oid = 'big'::regclass"))
                .as("its six files load side by side, not frozen").isEqualTo("0");
        assertThat(value(pg17, pg17.database(), "SELECT relallvisible > 0 FROM pg_class WHERE oid = 'small'::regclass"))
                .as("the small table loads frozen").isEqualTo("t");
    }

    @Test
    void aLatin1DatabaseIsHashedByTheServerAndRoundTrips() throws Exception {
        // In a database that is not UTF8 the COPY text is not the server's bytes, so the row hashes come from the server.
        String create = "CREATE DATABASE %s ENCODING 'LATIN1' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0";
        execute(pg13, "postgres", create.formatted("latin_source"));
        execute(pg17, "postgres", create.formatted("latin_target"));
        execute(pg13, "latin_source", """
                CREATE TABLE "Straße" (id int PRIMARY KEY, name text, note varchar(20));
                INSERT INTO "Straße" SELECT i, 'Grüße ' || i, CASE WHEN i % 3 = 0 THEN NULL ELSE 'été, (à) "x"' END
                  FROM generate_series(1, 500) i;
                """);
        try {
            BackupResult backup = backup(pg13, "latin_source", out, null, Compression.ZSTD);
            RestoreResult restored = restore(backup.archive(), pg17.server().url("latin_target"), false);

            assertThat(restored.passed()).as("%s", restored.tables()).isTrue();
            assertThat(restored.tables()).singleElement().satisfies(t -> {
                assertThat(t.rows()).isEqualTo(500);
                assertThat(t.hash()).isEqualTo(t.expectedHash());
            });
            assertThat(value(pg17, "latin_target", "SELECT name || note FROM \"Straße\" WHERE id = 1")).isEqualTo("Grüße 1été, (à) \"x\"");

            // Into UTF8 the same text is held in other bytes: the hashes are taken again in the archive's encoding.
            String utf8 = pg17.newDatabase();
            assertThat(value(pg17, utf8, "SHOW server_encoding")).isEqualTo("UTF8");
            RestoreResult intoUtf8 = restore(backup.archive(), pg17.server().url(utf8), false);
            assertThat(intoUtf8.passed()).as("%s", intoUtf8.tables()).isTrue();
            assertThat(value(pg17, utf8, "SELECT name || note FROM \"Straße\" WHERE id = 1")).isEqualTo("Grüße 1été, (à) \"x\"");
        } finally {
            execute(pg13, "postgres", "DROP DATABASE latin_source");
            execute(pg17, "postgres", "DROP DATABASE latin_target");
        }
    }

    @Test
    void aOneFileGzipArchiveAndAnUncompressedOneRestoreTheSameRows() throws Exception {
        load(pg13, pg13.database(), "/io/pgcarry/schema/schema-fixture.sql");
        BackupResult file = backup(pg13, pg13.database(), out, "nightly", Compression.GZIP);
        BackupResult plain = backup(pg13, pg13.database(), out, null, Compression.NONE);

        assertThat(file.archive().getFileName().toString()).isEqualTo("nightly.pgcarry");
        assertThat(BackupRestore.isTar(file.archive())).isTrue();
        RestoreResult fromFile = restore(file.archive(), pg17.url(), false);
        String second = pg17.newDatabase();
        RestoreResult fromDirectory = restore(plain.archive(), pg17.server().url(second), false);

        assertThat(fromFile.passed()).isTrue();
        assertThat(fromDirectory.passed()).isTrue();
        assertThat(fromFile.tables()).isEqualTo(fromDirectory.tables());
        assertThat(value(pg17, pg17.database(), "SELECT string_agg(badge, ',' ORDER BY id) FROM \"Zoo\".keeper"))
                .isEqualTo(value(pg13, pg13.database(), "SELECT string_agg(badge, ',' ORDER BY id) FROM \"Zoo\".keeper"));
        assertThat(value(pg17, pg17.database(), "SELECT count(*) FROM \"bazaar-vid\".export_stats")).as("refreshed").isNotEqualTo("0");
    }

    @Test
    void aRestoreKilledHalfWayIsRefusedThenRepairedWithClean() throws Exception {
        load(pg13, pg13.database(), "/io/pgcarry/schema/schema-fixture.sql");
        BackupResult backup = backup(pg13, pg13.database(), out, null, Compression.ZSTD);
        CopyProgress killedAfterData = new CopyProgress() {
            @Override
            public void phase(String name) {
                if (name.equals("indexes")) {
                    throw new IllegalStateException("simulated kill after the data load");
                }
            }
        };
        assertThatThrownBy(() -> new BackupRestore(new Connector()).run(
                new RestoreRequest(backup.archive(), spec(pg17.url()), 2, null, false), killedAfterData)).hasMessageContaining("simulated kill");
        assertThat(value(pg17, pg17.database(), "SELECT count(*) FROM \"Zoo\".animal")).as("data loaded, keys missing").isNotEqualTo("0");

        assertThatThrownBy(() -> restore(backup.archive(), pg17.url(), false))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("not empty").hasMessageContaining(Setting.CLEAN.mention());
        execute(pg17, pg17.database(), "CREATE TABLE public.not_from_the_archive (id int)");
        RestoreResult repaired = restore(backup.archive(), pg17.url(), true);

        assertThat(repaired.passed()).isTrue();
        assertThat(repaired.cleaned()).isPositive();
        assertThat(SchemaDiff.compare(read(pg13, pg13.database()), read(pg17, pg17.database())).differences())
                .as("only the table the archive does not hold is extra").isNotEmpty()
                .allSatisfy(d -> assertThat(d.id().toString()).contains("not_from_the_archive"));
    }

    @Test
    void aNonSuperuserRestoresIntoItsOwnDatabase() throws Exception {
        load(pg13, pg13.database(), "/io/pgcarry/schema/schema-fixture.sql");
        BackupResult backup = backup(pg13, pg13.database(), out, null, Compression.ZSTD);
        execute(pg17, "postgres", "DO $$ BEGIN CREATE ROLE restorer LOGIN NOSUPERUSER; EXCEPTION WHEN duplicate_object THEN NULL; END $$");
        String database = pg17.newDatabase();
        execute(pg17, "postgres", "ALTER DATABASE " + database + " OWNER TO restorer");
        execute(pg17, database, "ALTER SCHEMA public OWNER TO restorer");
        String url = pg17.server().url(database).replace("//postgres@", "//restorer@");
        assertThat(url).contains("restorer@");

        RestoreResult restored = restore(backup.archive(), url, false);

        assertThat(restored.passed()).isTrue();
        assertThat(value(pg17, database, "SELECT tableowner FROM pg_tables WHERE tablename = 'animal'")).isEqualTo("restorer");
    }

    private static final String SHOP = """
            CREATE TABLE customers (id int PRIMARY KEY, name text);
            CREATE TABLE orders (id int PRIMARY KEY, customer int REFERENCES customers);
            CREATE TABLE audit_log (id bigserial PRIMARY KEY, order_id int REFERENCES orders, note text);
            INSERT INTO customers SELECT i, 'customer ' || i FROM generate_series(1, 100) i;
            INSERT INTO orders SELECT i, 1 + i % 100 FROM generate_series(1, 1000) i;
            INSERT INTO audit_log (order_id, note) SELECT 1 + i % 1000, 'touched ' || i FROM generate_series(1, 5000) i;
            """;

    @Test
    void rowsLeftOutWithExcludeTableDataRestoreEmptyButKeptRowsMayNotReferenceThem() throws Exception {
        execute(pg13, pg13.database(), SHOP);
        String source = pg13.server().url(pg13.database());

        // Orders reference customers: without the customers' rows, orders_customer_fkey could not be restored.
        assertThatThrownBy(() -> new Backup(new Connector()).run(new BackupRequest(spec(source), out, null, 2, Compression.ZSTD, false, 0,
                List.of("customers")), CopyProgress.NONE))
                .isInstanceOf(io.pgcarry.error.ConfigurationException.class)
                .hasMessageContaining("orders_customer_fkey").hasMessageContaining("references public.customers");
        try (var written = Files.list(out)) {
            assertThat(written).as("nothing written").isEmpty();
        }

        BackupResult backup = new Backup(new Connector()).run(new BackupRequest(spec(source), out, null, 2, Compression.ZSTD, false, 0,
                List.of("audit_*")), CopyProgress.NONE);
        assertThat(backup.dataExcluded()).containsExactly("public.audit_log");
        assertThat(backup.rows()).isEqualTo(1100);

        RestoreResult restored = restore(backup.archive(), pg17.url(), false);

        assertThat(restored.passed()).as("%s", restored.tables()).isTrue();
        assertThat(restored.warnings()).anySatisfy(w -> assertThat(w).contains("public.audit_log").contains("restored empty"));
        assertThat(value(pg17, pg17.database(), "SELECT count(*) FROM orders")).isEqualTo("1000");
        assertThat(value(pg17, pg17.database(), "SELECT count(*) FROM audit_log")).isEqualTo("0");
        assertThat(value(pg17, pg17.database(), "SELECT count(*) FROM pg_constraint WHERE conrelid = 'audit_log'::regclass AND contype = 'f'"))
                .as("the table's definition is whole").isEqualTo("1");
    }

    @Test
    void aRoleThatRowLevelSecurityFiltersTakesNoBackup() throws Exception {
        String clerk = "clerk_" + pg13.database();
        execute(pg13, pg13.database(), "CREATE TABLE ledger (id int PRIMARY KEY, clerk text); "
                + "INSERT INTO ledger SELECT i, CASE WHEN i % 2 = 0 THEN '" + clerk + "' ELSE 'someone' END FROM generate_series(1, 10) i; "
                + "ALTER TABLE ledger ENABLE ROW LEVEL SECURITY; CREATE POLICY own_rows ON ledger USING (clerk = current_user); "
                + "CREATE ROLE " + clerk + " LOGIN; GRANT SELECT ON ledger TO " + clerk);
        String url = pg13.server().url(pg13.database()).replace("//postgres@", "//" + clerk + "@");

        // Half the rows are visible to the clerk: a backup of them would be a backup that loses the other half.
        assertThatThrownBy(() -> new Backup(new Connector()).run(new BackupRequest(spec(url), out, null, 2, Compression.ZSTD, false, 0),
                CopyProgress.NONE))
                .isInstanceOf(io.pgcarry.error.DatabaseException.class)
                .hasMessageContaining("public.ledger").hasMessageContaining("BYPASSRLS");
        try (var written = Files.list(out)) {
            assertThat(written).as("no archive left behind").isEmpty();
        }
    }

    @Test
    void aTableWithoutColumnsKeepsItsRows() throws Exception {
        execute(pg13, pg13.database(), "CREATE TABLE zero (); INSERT INTO zero DEFAULT VALUES; INSERT INTO zero DEFAULT VALUES;"
                + "INSERT INTO zero DEFAULT VALUES;");
        BackupResult backup = backup(pg13, pg13.database(), out, null, Compression.ZSTD);
        RestoreResult restored = restore(backup.archive(), pg17.url(), false);
        assertThat(restored.passed()).as("%s", restored).isTrue();
        assertThat(value(pg17, pg17.database(), "SELECT count(*) FROM zero")).isEqualTo("3");
    }

    @Test
    void smokeQueriesMustSucceedAndReturnTheExpectedRows() throws Exception {
        execute(pg13, pg13.database(), "CREATE TABLE orders (id serial PRIMARY KEY, paid boolean); "
                + "INSERT INTO orders SELECT i, i % 2 = 0 FROM generate_series(1, 10) i;");
        BackupResult backup = backup(pg13, pg13.database(), out, null, Compression.ZSTD);
        Path smoke = out.resolve("smoke.sql");
        Files.writeString(smoke, """
                -- critical: paid orders
                -- expect: 5 rows
                SELECT id FROM orders WHERE paid;
                -- expect: 3 rows
                SELECT id FROM orders WHERE id <= 2;
                SELECT * FROM no_such_table;
                DELETE FROM orders;
                SELECT nextval('orders_id_seq');
                """);

        RestoreResult restored = new BackupRestore(new Connector()).run(
                new RestoreRequest(backup.archive(), spec(pg17.url()), 2, smoke, false), CopyProgress.NONE);

        assertThat(restored.smoke()).extracting(SmokeResult::passed).containsExactly(true, false, false, false, false);
        assertThat(restored.smoke().get(0).expectedRows()).isEqualTo(5);
        assertThat(restored.smoke().get(1).rows()).isEqualTo(2);
        assertThat(restored.smoke().get(2).error()).contains("no_such_table");
        // a rollback would not undo nextval: every smoke query runs READ ONLY, so writes of any kind fail
        assertThat(restored.smoke().get(3).error()).contains("read-only transaction");
        assertThat(restored.smoke().get(4).error()).contains("read-only transaction");
        assertThat(value(pg17, pg17.database(), "SELECT is_called FROM orders_id_seq")).as("nextval never ran").isEqualTo("f");
        assertThat(restored.passed()).isFalse();
        assertThat(value(pg17, pg17.database(), "SELECT count(*) FROM orders")).as("smoke queries are rolled back").isEqualTo("10");
    }

    @Test
    void aDirectoryOfArchivesRestoresTheNewestAndListsThemNewestFirst() throws Exception {
        execute(pg13, pg13.database(), "CREATE TABLE t (id int PRIMARY KEY); INSERT INTO t VALUES (1);");
        BackupResult older = backup(pg13, pg13.database(), out, null, Compression.ZSTD);
        Thread.sleep(1100);
        execute(pg13, pg13.database(), "INSERT INTO t VALUES (2);");
        BackupResult newer = backup(pg13, pg13.database(), out, "latest", Compression.ZSTD);
        try (Archive archive = Archive.open(older.archive())) {
            ArchiveShelf.record(ArchiveVerifier.verify(archive, true));
        }

        List<ArchiveShelf.Entry> entries = ArchiveShelf.list(out);
        RestoreResult restored = restore(out, pg17.url(), false);

        assertThat(entries).extracting(ArchiveShelf.Entry::archive).containsExactly(newer.archive(), older.archive());
        assertThat(entries.get(0).rows()).isEqualTo(2);
        assertThat(entries.get(0).lastVerify()).isNull();
        assertThat(entries.get(1).lastVerify().passed()).isTrue();
        assertThat(restored.archive()).isEqualTo(newer.archive());
        assertThat(value(pg17, pg17.database(), "SELECT count(*) FROM t")).isEqualTo("2");
    }

    @Test
    void aPlainSqlFileWrittenByPgDumpRestoresWithoutPsql() throws Exception {
        Path pgDump = tool("pg_dump").orElse(null);
        assumeTrue(pgDump != null, "pg_dump is not on the PATH: the plain-format interop test cannot run");
        load(pg13, pg13.database(), "/io/pgcarry/move/zoo-schema.sql", "/io/pgcarry/move/zoo-data.sql");
        execute(pg13, pg13.database(), "CREATE FUNCTION body_with_semicolons() RETURNS text LANGUAGE plpgsql AS $body$ BEGIN RETURN 'a;b'; END $body$;");
        Path dump = out.resolve("backup.sql");
        run(List.of(pgDump.toString(), "--no-owner", "--file", dump.toString(), "--dbname", pg13.url()));

        RestoreResult restored = restore(dump, pg17.url(), false);

        assertThat(restored.format()).isEqualTo("plain-sql");
        assertThat(restored.passed()).isTrue();
        assertThat(restored.tables()).hasSizeGreaterThan(5);
        assertThat(validate(pg13.url(), pg17.url()).passed()).isTrue();
        assertThat(value(pg17, pg17.database(), "SELECT body_with_semicolons()")).isEqualTo("a;b");
    }

    @Test
    void exportSqlIsRestoredByPsqlAlone() throws Exception {
        Path psql = tool("psql").orElse(null);
        assumeTrue(psql != null, "psql is not on the PATH: the export-sql interop test cannot run");
        load(pg13, pg13.database(), "/io/pgcarry/move/zoo-schema.sql", "/io/pgcarry/move/zoo-data.sql");
        BackupResult backup = backup(pg13, pg13.database(), out, null, Compression.ZSTD);
        Path sql = out.resolve("export.sql");
        try (Archive archive = Archive.open(backup.archive()); var file = Files.newOutputStream(sql)) {
            SqlExport.write(archive, file);
        }
        String target = pg13.newDatabase();

        run(List.of(psql.toString(), "-X", "-q", "-v", "ON_ERROR_STOP=1", "--single-transaction", "-f", sql.toString(),
                pg13.server().url(target)));

        assertThat(validate(pg13.url(), pg13.server().url(target)).passed()).isTrue();
        assertThat(SchemaDiff.compare(read(pg13, pg13.database()), read(pg13, target)).differences()).isEmpty();
    }

    private static ValidationReport validate(String from, String to) {
        return new Validate(new Connector()).run(new ValidateRequest(spec(from), spec(to), Mapping.EMPTY, TableSelection.everything(),
                ValidationLevel.FULL, 2, 10, false));
    }

    private static SchemaModel read(PostgresExtension pg, String database) throws Exception {
        try (Connection c = pg.server().connect(database)) {
            return SchemaSource.read(c, false);
        }
    }

    private static void run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }
}
