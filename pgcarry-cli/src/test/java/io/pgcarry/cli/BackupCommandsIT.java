package io.pgcarry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgcarry.embedded.EmbeddedPostgres;
import io.pgcarry.embedded.junit.PostgresExtension;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Runbook 002 as a user runs it: backup, verify, list, restore with smoke queries, export-sql; exit codes and errors. */
class BackupCommandsIT {
    @RegisterExtension
    static final PostgresExtension pg = PostgresExtension.major(17);

    @TempDir
    Path dir;

    @Test
    void backupVerifyListRestoreAndExport() throws Exception {
        String source = pg.database();
        execute(source, """
                CREATE TABLE customer (id serial PRIMARY KEY, email text UNIQUE NOT NULL);
                CREATE TABLE invoice (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, customer_id int REFERENCES customer, total numeric(10,2));
                INSERT INTO customer (email) SELECT 'c' || i || '@example.com' FROM generate_series(1, 50) i;
                INSERT INTO invoice (customer_id, total) SELECT 1 + i %% 50, i * 1.5 FROM generate_series(1, 500) i;
                CREATE ROLE backup_reader LOGIN PASSWORD 'Sup3r-s3cret' IN ROLE %s;
                GRANT SELECT ON ALL TABLES IN SCHEMA public TO backup_reader;
                GRANT SELECT ON ALL SEQUENCES IN SCHEMA public TO backup_reader;
                """.formatted(EmbeddedPostgres.PASSWORD_ROLE));
        Path out = dir.resolve("backups");

        CliRun backup = CliRun.of("backup", "--from", pg.server().url("backup_reader", "Sup3r-s3cret", source), "--out", out.toString(),
                "--jobs", "2");
        assertThat(backup.exitCode()).as(backup.err()).isZero();
        assertThat(backup.out()).contains("550 rows");
        Path archive = Path.of(backup.out().lines().findFirst().orElseThrow().replace("archive ", ""));
        try (Stream<Path> files = Files.walk(out)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(file, java.nio.charset.StandardCharsets.ISO_8859_1)).as("%s", file).doesNotContain("Sup3r-s3cret");
            }
        }

        CliRun verify = CliRun.of("backup", "verify", archive.toString(), "--deep");
        assertThat(verify.exitCode()).as(verify.out() + verify.err()).isZero();
        assertThat(verify.out()).contains("PASS").contains("550 rows counted");
        CliRun list = CliRun.of("backup", "list", out.toString());
        assertThat(list.out()).contains(source).contains("550").contains("passed");

        Path smoke = dir.resolve("smoke.sql");
        Files.writeString(smoke, "-- expect: 50 rows\nSELECT * FROM customer;\nSELECT sum(total) FROM invoice;\n");
        String target = pg.newDatabase();
        CliRun restore = CliRun.of("restore", out.toString(), "--to", pg.server().url(target), "--smoke", smoke.toString());
        assertThat(restore.exitCode()).as(restore.out() + restore.err()).isZero();
        assertThat(restore.out()).contains("PASS   public.invoice").contains("PASS   smoke line 2").contains("restore of");

        Path sql = dir.resolve("dump.sql");
        CliRun export = CliRun.of("backup", "export-sql", archive.toString(), "--output", sql.toString());
        assertThat(export.exitCode()).as(export.err()).isZero();
        assertThat(Files.readString(sql)).contains("COPY \"public\".\"invoice\" (\"id\", \"customer_id\", \"total\") FROM stdin;").contains("\\.\n");
    }

    @Test
    void aSignedArchiveIsCheckedByVerifyAndRestoreWithTheKeyFileWhichIsNeverPrinted() throws Exception {
        execute(pg.database(), "CREATE TABLE t (id int PRIMARY KEY); INSERT INTO t SELECT generate_series(1, 100);");
        Path key = Files.writeString(dir.resolve("key"), "0123456789abcdef-very-secret\n");
        Path otherKey = Files.writeString(dir.resolve("other"), "another-key-of-enough-bytes\n");
        Path out = dir.resolve("signed");
        CliRun backup = CliRun.of("backup", "--from", pg.url(), "--out", out.toString(), "--file", "s", "--sign-key-file", key.toString());
        assertThat(backup.exitCode()).as(backup.err()).isZero();
        String archive = out.resolve("s.pgcarry").toString();

        CliRun verify = CliRun.of("backup", "verify", archive, "--sign-key-file", key.toString());
        assertThat(verify.exitCode()).as(verify.out()).isZero();
        assertThat(verify.out()).contains("origin: signed and the signature matches").doesNotContain("very-secret");
        assertThat(CliRun.of("backup", "verify", archive).out()).contains("origin: not checked");
        CliRun wrong = CliRun.of("backup", "verify", archive, "--sign-key-file", otherKey.toString());
        assertThat(wrong.exitCode()).isEqualTo(1);
        assertThat(wrong.out()).contains("wrong key").doesNotContain("another-key");
        CliRun refused = CliRun.of("restore", archive, "--to", pg.server().url(pg.newDatabase()), "--sign-key-file", otherKey.toString());
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("wrong key").contains("nothing was restored");
        CliRun restore = CliRun.of("restore", archive, "--to", pg.server().url(pg.newDatabase()), "--sign-key-file", key.toString());
        assertThat(restore.exitCode()).as(restore.err()).isZero();
        assertThat(restore.out()).contains("origin: signed and the signature matches");
    }

    @Test
    void aDamagedArchiveExitsOneNamingTheFileAndBadInputExitsTwo() throws Exception {
        execute(pg.database(), "CREATE TABLE t (id int PRIMARY KEY); INSERT INTO t SELECT generate_series(1, 1000);");
        Path out = dir.resolve("b");
        CliRun backup = CliRun.of("backup", "--from", pg.url(), "--out", out.toString(), "--file", "t");
        assertThat(backup.exitCode()).as(backup.err()).isZero();
        Path archive = out.resolve("t.pgcarry");
        try (RandomAccessFile raf = new RandomAccessFile(archive.toFile(), "rw")) {
            raf.seek(raf.length() - 1500);
            int b = raf.read();
            raf.seek(raf.length() - 1500);
            raf.write(b ^ 0xff);
        }

        CliRun verify = CliRun.of("backup", "verify", archive.toString());
        assertThat(verify.exitCode()).isEqualTo(1);
        assertThat(verify.out()).contains("data/00001.000.copy.zst is damaged");
        CliRun restore = CliRun.of("restore", archive.toString(), "--to", pg.server().url(pg.newDatabase()));
        assertThat(restore.exitCode()).isEqualTo(1);
        assertThat(restore.err()).contains("nothing was restored").doesNotContain("Exception");
        assertThat(CliRun.of("backup", "list", out.toString()).out()).contains("FAILED");

        CliRun missing = CliRun.of("restore", dir.resolve("nope").toString(), "--to", pg.url());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err().strip().lines().filter(l -> l.startsWith("error:"))).hasSize(1).first().asString().contains("nope").contains("does not exist");
        CliRun noOut = CliRun.of("backup", "--from", pg.url());
        assertThat(noOut.exitCode()).isEqualTo(2);
        assertThat(noOut.err()).contains("--out");
        CliRun badCompression = CliRun.of("backup", "--from", pg.url(), "--out", out.toString(), "--compress", "lz4");
        assertThat(badCompression.exitCode()).isEqualTo(2);
        assertThat(badCompression.err()).contains("lz4");
    }

    private void execute(String database, String sql) throws Exception {
        try (Connection c = pg.server().connect(database); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
