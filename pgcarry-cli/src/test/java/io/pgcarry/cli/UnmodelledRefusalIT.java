package io.pgcarry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgcarry.embedded.junit.PostgresExtension;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing is lost silently: backup, clone and schema dump refuse a source holding objects pgcarry does not carry,
 * naming each, unless --skip-unmodelled; diff reports them as not compared. On 17, since column compression needs 14.
 */
class UnmodelledRefusalIT {
    @RegisterExtension
    static final PostgresExtension pg = PostgresExtension.major(17);

    @TempDir
    Path dir;

    /** One entry per kind in the fixture, as the refusal names it. */
    private static final List<String> EXPECTED = List.of(
            "foreign table in an inheritance tree odd.remote_child",
            "subscription odd_secret_sub (its connection string holds a password, which pgcarry never writes: move the password to"
                    + " the subscriber's password file, ~/.pgpass or passfile=, so that the connection string holds none)");
    /** The password of the refused subscription: in no output and no file. */
    private static final String PASSWORD = "odd-sub-pw-3";
    /** Objects and attributes of the fixture that were refused once and are carried now: never named as left out. */
    private static final List<String> CARRIED = List.of("access method heap2", "cast (odd.floatrange AS text)", "collation odd.c_copy",
            "conversion odd.my_conv", "language odd_lang", "operator odd.===(integer, integer)", "operator class odd.int_ops using hash",
            "operator family odd.fam using btree", "text search configuration odd.cfg", "text search dictionary odd.dict",
            "text search parser odd.prs", "text search template odd.tmpl", "event trigger odd_event", "foreign data wrapper odd_fdw",
            "foreign server odd_server", "foreign table odd.remote", "publication odd_pub", "user mapping for PUBLIC server odd_server",
            "comment on a constraint's index", "subscription odd_sub", "column default", "column not null", "generated column", "trigger state", "view column",
            "table access method", "aggregate odd.ranked", "shell type", "large object 424242");

    @Test
    void everyCommandThatWritesASchemaRefusesNamingEachObject() throws Exception {
        String source = pg.database();
        execute(source, fixture());
        String target = pg.newDatabase();

        CliRun dump = CliRun.of("schema", "dump", "--from", pg.server().url(source));
        assertThat(dump.exitCode()).as(dump.err()).isEqualTo(1);
        assertThat(dump.out()).isEmpty();
        assertThat(dump.err()).contains(EXPECTED).contains("--skip-unmodelled").doesNotContain(PASSWORD);
        CARRIED.forEach(carried -> assertThat(dump.err()).doesNotContain(carried));

        CliRun clone = CliRun.of("clone", "--from", pg.server().url(source), "--to", pg.server().url(target));
        assertThat(clone.exitCode()).as(clone.err()).isEqualTo(1);
        assertThat(clone.err()).contains(EXPECTED);
        assertThat(count(target, "SELECT count(*) FROM pg_namespace WHERE nspname = 'odd'")).as("nothing written").isZero();

        Path out = dir.resolve("archives");
        CliRun backup = CliRun.of("backup", "--from", pg.server().url(source), "--out", out.toString());
        assertThat(backup.exitCode()).as(backup.err()).isEqualTo(1);
        assertThat(backup.err()).contains(EXPECTED);
        assertThat(filesIn(out)).as("no archive written").isEmpty();

        CliRun diff = CliRun.of("diff", pg.server().url(source), pg.server().url(source));
        assertThat(diff.exitCode()).as(diff.out() + diff.err()).isEqualTo(1);
        assertThat(diff.out()).doesNotContain("no differences")
                .contains(EXPECTED.stream().map(e -> "not compared: " + e).toList());
    }

    @Test
    void skipUnmodelledProceedsAndRecordsWhatWasLeftOut() throws Exception {
        String source = pg.database();
        execute(source, fixture());

        CliRun dump = CliRun.of("schema", "dump", "--from", pg.server().url(source), "--skip-unmodelled");
        assertThat(dump.exitCode()).as(dump.err()).isZero();
        assertThat(dump.out()).contains("CREATE TABLE \"odd\".\"t\"")
                .contains(EXPECTED.stream().map(e -> "-- LEFT OUT (pgcarry does not carry it): " + e).toList());
        assertThat(dump.err()).contains(EXPECTED.stream().map(e -> "left out, not dumped: " + e).toList());
        assertThat(dump.out()).contains("CREATE SUBSCRIPTION \"odd_sub\" CONNECTION 'host=127.0.0.1 port=1 dbname=x' PUBLICATION odd_pub")
                .doesNotContain(PASSWORD).doesNotContain("CREATE SUBSCRIPTION \"odd_secret_sub\"");

        String target = pg.newDatabase();
        CliRun clone = CliRun.of("clone", "--from", pg.server().url(source), "--to", pg.server().url(target), "--skip-unmodelled");
        assertThat(clone.exitCode()).as(clone.out() + clone.err()).isZero();
        assertThat(clone.err()).contains(EXPECTED.stream().map(e -> "left out, not cloned: " + e).toList());
        assertThat(clone.out() + clone.err()).doesNotContain(PASSWORD);
        assertThat(count(target, "SELECT count(*) FROM pg_subscription s JOIN pg_database d ON d.oid = s.subdbid"
                + " WHERE d.datname = current_database()")).as("odd_sub alone").isEqualTo(1);
        assertThat(count(target, "SELECT count(*) FROM pg_class WHERE relname IN ('t', 'parted', 'child')")).isEqualTo(3);
        assertThat(count(target, "SELECT count(*) FROM pg_largeobject_metadata WHERE oid = 424242")).as("large objects are carried")
                .isEqualTo(1);

        Path out = dir.resolve("archives");
        CliRun backup = CliRun.of("backup", "--from", pg.server().url(source), "--out", out.toString(), "--skip-unmodelled");
        assertThat(backup.exitCode()).as(backup.err()).isZero();
        assertThat(backup.err()).contains(EXPECTED.stream().map(e -> "left out, not archived: " + e).toList());
        Path manifest;
        try (Stream<Path> files = Files.walk(out)) {
            manifest = files.filter(p -> p.getFileName().toString().equals("manifest.json")).findFirst().orElseThrow();
        }
        assertThat(Files.readString(manifest)).contains("foreign table in an inheritance tree odd.remote_child", "\"oid\" : 424242",
                        "subscription odd_secret_sub (its connection string holds a password")
                .doesNotContain("large object 424242");
        for (Path file : filesIn(out)) {
            assertThat(Files.readString(file, StandardCharsets.ISO_8859_1)).as("%s", file).doesNotContain(PASSWORD);
        }
    }

    /** A database holding a subscription cannot be dropped: each goes first, its slot let go of (none exists). */
    @AfterEach
    void dropSubscriptions() throws Exception {
        List<String> databases = new ArrayList<>();
        try (Connection c = pg.server().connect(pg.database()); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT DISTINCT d.datname FROM pg_subscription x JOIN pg_database d ON d.oid = x.subdbid")) {
            while (rs.next()) {
                databases.add(rs.getString(1));
            }
        }
        for (String database : databases) {
            execute(database, """
                    DO $$DECLARE s text; BEGIN
                      FOR s IN SELECT quote_ident(subname) FROM pg_subscription
                                WHERE subdbid = (SELECT oid FROM pg_database WHERE datname = current_database()) LOOP
                        EXECUTE 'ALTER SUBSCRIPTION ' || s || ' DISABLE';
                        EXECUTE 'ALTER SUBSCRIPTION ' || s || ' SET (slot_name = NONE)';
                        EXECUTE 'DROP SUBSCRIPTION ' || s;
                      END LOOP;
                    END$$""");
        }
    }

    private static List<Path> filesIn(Path out) throws Exception {
        if (!Files.exists(out)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(out)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    private static String fixture() throws Exception {
        try (InputStream in = UnmodelledRefusalIT.class.getResourceAsStream("unmodelled-fixture.sql")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void execute(String database, String sql) throws Exception {
        try (Connection c = pg.server().connect(database); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static long count(String database, String sql) throws Exception {
        try (Connection c = pg.server().connect(database); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
