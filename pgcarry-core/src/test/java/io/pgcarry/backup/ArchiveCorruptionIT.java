package io.pgcarry.backup;

import static io.pgcarry.backup.BackupFixtures.backup;
import static io.pgcarry.backup.BackupFixtures.execute;
import static io.pgcarry.backup.BackupFixtures.restore;
import static io.pgcarry.backup.BackupFixtures.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgcarry.embedded.junit.PostgresExtension;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Every way an archive can be damaged is found, names the file at fault, and stops a restore before it writes. */
class ArchiveCorruptionIT {
    @RegisterExtension
    static final PostgresExtension pg = PostgresExtension.major(13);

    @TempDir
    Path out;

    private Path archive;
    private String dataFile;

    @BeforeEach
    void backUp() throws Exception {
        execute(pg, pg.database(), "CREATE TABLE t (id int PRIMARY KEY, v text); "
                + "INSERT INTO t SELECT i, repeat(md5(i::text), 3) FROM generate_series(1, 20000) i; ANALYZE t;");
        archive = backup(pg, pg.database(), out, null, Compression.ZSTD).archive();
        try (Archive opened = Archive.open(archive)) {
            Verification clean = ArchiveVerifier.verify(opened, true);
            assertThat(clean.passed()).as("%s", clean.problems()).isTrue();
            assertThat(clean.rows()).isEqualTo(20000);
            dataFile = clean.manifest().tables().get(0).files().get(0).name();
        }
    }

    @Test
    void aFlippedByteInADataFileIsNamedAndTheRestoreWritesNothing() throws Exception {
        flipByte(archive.resolve(dataFile), 100);

        assertThat(problems(false)).singleElement().asString().contains(dataFile).contains("damaged");
        String target = pg.newDatabase();
        assertThatThrownBy(() -> restore(archive, pg.server().url(target), false))
                .isInstanceOf(ArchiveException.class).hasMessageContaining(dataFile).hasMessageContaining("nothing was restored");
        assertThat(value(pg, target, "SELECT count(*) FROM pg_class WHERE relnamespace = 'public'::regnamespace")).isEqualTo("0");
    }

    @Test
    void aTruncatedDataFileIsNamed() throws Exception {
        Path file = archive.resolve(dataFile);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(raf.length() / 2);
        }
        assertThat(problems(false)).singleElement().asString().contains(dataFile).contains("truncated");
    }

    @Test
    void aMissingDataFileIsNamed() throws Exception {
        Files.delete(archive.resolve(dataFile));
        assertThat(problems(false)).singleElement().asString().contains(dataFile).contains("missing");
    }

    @Test
    void anExtraFileIsNamed() throws Exception {
        Files.writeString(archive.resolve("data/99999.000.copy.zst"), "not from the backup");
        assertThat(problems(false)).singleElement().asString().contains("data/99999.000.copy.zst").contains("extra");
    }

    @Test
    void anEditedManifestIsRefusedEvenWhenStillValidJson() throws Exception {
        Path manifest = archive.resolve(Manifest.FILE);
        Files.writeString(manifest, Files.readString(manifest).replace("\"rows\" : 20000", "\"rows\" : 19999"));
        assertThat(problems(false)).singleElement().asString().contains(Manifest.FILE).contains("changed after the backup");
        assertThatThrownBy(() -> restore(archive, pg.server().url(pg.newDatabase()), false)).isInstanceOf(ArchiveException.class);
    }

    @Test
    void deepVerifyFindsADataFileWhoseContentDisagreesWithTheManifest() throws Exception {
        // A consistent forgery: a data file with a row cut off, its checksum and the manifest's checksum rewritten.
        Path file = archive.resolve(dataFile);
        byte[] rows;
        try (var in = Compression.ZSTD.decompress(Files.newInputStream(file))) {
            rows = in.readAllBytes();
        }
        String text = new String(rows, StandardCharsets.UTF_8);
        byte[] shorter = text.substring(0, text.indexOf('\n') + 1).concat(text.substring(text.indexOf('\n') + 1, text.length() - 5))
                .getBytes(StandardCharsets.UTF_8);
        try (var outStream = Compression.ZSTD.compress(Files.newOutputStream(file))) {
            outStream.write(shorter);
        }
        rewriteManifest(file);

        assertThat(problems(false)).isEmpty();
        assertThat(problems(true)).singleElement().asString().contains(dataFile).contains("cut off");
    }

    @Test
    void aFlippedByteInAOneFileArchiveIsFoundToo() throws Exception {
        Path file = backup(pg, pg.database(), out, "single", Compression.GZIP).archive();
        long size = Files.size(file);
        flipByte(file, size - 2048);
        try (Archive opened = Archive.open(file)) {
            Verification verification = ArchiveVerifier.verify(opened, false);
            assertThat(verification.passed()).isFalse();
            assertThat(verification.problems()).singleElement().asString().startsWith("data/");
        }
    }

    private java.util.List<String> problems(boolean deep) {
        try (Archive opened = Archive.open(archive)) {
            return ArchiveVerifier.verify(opened, deep).problems();
        }
    }

    @Test
    void anArchiveOfFormat1WithRowTextHashesStillRestoresAndIsCheckedAgainstThem() throws Exception {
        // What a pgcarry before format 2 wrote: the same files, row-text hashes summed in 32 bits.
        String rowText = value(pg, pg.database(), "SELECT count(*) || ':' || sum(hashtext(ROW(\"id\", \"v\")::text)) FROM t");
        rewriteTable(t -> new Manifest.Table(t.schema(), t.name(), t.partitioned(), t.columns(), t.rows(), t.sizeBytes(), rowText,
                t.files()), Manifest.ROW_TEXT_HASH_FORMAT);
        RestoreResult restored = restore(archive, pg.server().url(pg.newDatabase()), false);
        assertThat(restored.tables()).singleElement().satisfies(t -> {
            assertThat(t.hash()).isEqualTo(rowText);
            assertThat(t.passed()).isTrue();
        });

        // The same archive claiming rows that hash otherwise fails its validation.
        String other = value(pg, pg.database(), "SELECT count(*) || ':' || (sum(hashtext(ROW(\"id\", \"v\")::text)) + 1) FROM t");
        rewriteTable(t -> new Manifest.Table(t.schema(), t.name(), t.partitioned(), t.columns(), t.rows(), t.sizeBytes(), other,
                t.files()), Manifest.ROW_TEXT_HASH_FORMAT);
        assertThat(restore(archive, pg.server().url(pg.newDatabase()), false).tables()).singleElement()
                .satisfies(t -> assertThat(t.passed()).isFalse());
    }

    @Test
    void anArchiveOfAnUnknownFormatIsRefusedWithTheVersionThatWroteIt() throws Exception {
        rewriteTable(t -> t, Manifest.FORMAT_VERSION + 1);
        String target = pg.newDatabase();
        assertThatThrownBy(() -> restore(archive, pg.server().url(target), false)).isInstanceOf(ArchiveException.class)
                .hasMessageContaining("archive format " + (Manifest.FORMAT_VERSION + 1) + " is not known to this pgcarry")
                .hasMessageContaining("reads 1 to " + Manifest.FORMAT_VERSION).hasMessageNotContaining("\n");
        assertThat(value(pg, target, "SELECT count(*) FROM pg_class WHERE relnamespace = 'public'::regnamespace")).isEqualTo("0");
    }

    private void rewriteTable(java.util.function.UnaryOperator<Manifest.Table> change, int formatVersion) throws Exception {
        Path manifestPath = archive.resolve(Manifest.FILE);
        Manifest manifest = ManifestCodec.fromJson(Files.readAllBytes(manifestPath), "test");
        Manifest edited = new Manifest(formatVersion, manifest.pgcarryVersion(), manifest.createdAt(), manifest.source(),
                manifest.compression(), manifest.withPrivileges(), manifest.extensions(), manifest.preData(), manifest.postData(),
                manifest.warnings(), manifest.tables().stream().map(change).toList(), manifest.sequences(),
                formatVersion == Manifest.FORMAT_VERSION ? manifest.schema() : null);
        byte[] json = ManifestCodec.toJson(edited);
        Files.write(manifestPath, json);
        Files.write(archive.resolve(Manifest.CHECKSUM_FILE), ManifestCodec.checksumLine(json));
    }

    private static void flipByte(Path file, long position) throws Exception {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(position);
            int b = raf.read();
            raf.seek(position);
            raf.write(b ^ 0x01);
        }
    }

    /** Updates the size and SHA-256 of the rewritten data file in the manifest, then the manifest's own checksum. */
    private void rewriteManifest(Path dataPath) throws Exception {
        byte[] data = Files.readAllBytes(dataPath);
        Path manifestPath = archive.resolve(Manifest.FILE);
        Manifest manifest = ManifestCodec.fromJson(Files.readAllBytes(manifestPath), "test");
        Manifest.Table table = manifest.tables().get(0);
        Manifest.DataFile old = table.files().get(0);
        Manifest.DataFile forged = new Manifest.DataFile(old.name(), old.rows(), data.length, Sha256.of(data));
        Manifest.Table changed = new Manifest.Table(table.schema(), table.name(), table.partitioned(), table.columns(), table.rows(),
                table.sizeBytes(), table.contentHash(), java.util.stream.Stream.concat(java.util.stream.Stream.of(forged),
                table.files().stream().skip(1)).toList());
        Manifest edited = new Manifest(manifest.formatVersion(), manifest.pgcarryVersion(), manifest.createdAt(), manifest.source(),
                manifest.compression(), manifest.withPrivileges(), manifest.extensions(), manifest.preData(), manifest.postData(),
                manifest.warnings(), java.util.List.of(changed), manifest.sequences(), manifest.schema());
        byte[] json = ManifestCodec.toJson(edited);
        Files.write(manifestPath, json);
        Files.write(archive.resolve(Manifest.CHECKSUM_FILE), ManifestCodec.checksumLine(json));
    }
}
