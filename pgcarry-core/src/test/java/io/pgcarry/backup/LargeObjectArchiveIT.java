package io.pgcarry.backup;

import static io.pgcarry.backup.BackupFixtures.execute;
import static io.pgcarry.backup.BackupFixtures.load;
import static io.pgcarry.backup.BackupFixtures.restore;
import static io.pgcarry.backup.BackupFixtures.spec;
import static io.pgcarry.backup.BackupFixtures.tool;
import static io.pgcarry.backup.BackupFixtures.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.pgcarry.connect.Connector;
import io.pgcarry.copy.CopyProgress;
import io.pgcarry.embedded.junit.PostgresExtension;
import io.pgcarry.error.ConfigurationException;
import io.pgcarry.largeobject.LargeObjectValidation;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Large objects through an archive: backed up one file each with its SHA-256 and content hash, checked by verify (and
 * decompressed and hashed by --deep), restored with their OIDs, content, comments and (archived with privileges)
 * owners and grants, and compared with the manifest; a damaged file or an edited entry is refused or fails, naming it.
 */
class LargeObjectArchiveIT {
    @RegisterExtension
    static final PostgresExtension pg13 = PostgresExtension.major(13);
    @RegisterExtension
    static final PostgresExtension pg17 = PostgresExtension.major(17);

    private static final String FIXTURE = "/io/pgcarry/largeobject/large-objects.sql";
    private static final String ROLES = "DO $$ BEGIN CREATE ROLE lo_other; EXCEPTION WHEN duplicate_object THEN NULL; END $$;"
            + "DO $$ BEGIN CREATE ROLE lo_reader; EXCEPTION WHEN duplicate_object THEN NULL; END $$;";
    /** Every large object with its content digest, comment, owner and access list. */
    private static final String STATE = """
            SELECT string_agg(oid || ' ' || md5(lo_get(oid)) || ' ' || coalesce(obj_description(oid, 'pg_largeobject'), '-')
                              || ' ' || lomowner::regrole || ' ' || coalesce(lomacl::text, '-'), E'\\n' ORDER BY oid)
              FROM pg_largeobject_metadata""";
    private static final String CONTENT = """
            SELECT string_agg(oid || ' ' || md5(lo_get(oid)) || ' ' || coalesce(obj_description(oid, 'pg_largeobject'), '-'),
                              E'\\n' ORDER BY oid) FROM pg_largeobject_metadata""";

    @TempDir
    Path out;

    @Test
    void anArchiveWithPrivilegesRestoresEveryLargeObjectInto17AndVerifiesDeep() throws Exception {
        load(pg13, pg13.database(), FIXTURE);
        execute(pg17, pg17.database(), ROLES);
        Path archive = backup(true, null, Compression.ZSTD).archive();

        Verification deep = verify(archive, true);
        assertThat(deep.passed()).as("%s", deep.problems()).isTrue();
        assertThat(deep.files()).isEqualTo(7);
        Manifest manifest = deep.manifest();
        assertThat(manifest.formatVersion()).isEqualTo(Manifest.FORMAT_VERSION);
        assertThat(manifest.largeObjects()).extracting(Manifest.LargeObjectFile::oid).containsExactly(70001L, 70002L, 70003L, 70004L,
                70005L, 70006L);
        assertThat(manifest.largeObjects().get(0).contentHash()).startsWith("0:");
        assertThat(manifest.largeObjects().get(2).size()).isEqualTo(257 * 20400);
        assertThat(manifest.largeObjects().get(4).owner()).isEqualTo("lo_other");
        assertThat(manifest.largeObjects().get(5).grants()).anySatisfy(g -> assertThat(g.grantee()).isEqualTo("lo_reader"));

        RestoreResult restored = restore(archive, pg17.url(), false);

        assertThat(restored.passed()).as("%s", restored.largeObjects()).isTrue();
        assertThat(restored.largeObjects().sourceObjects()).isEqualTo(6);
        assertThat(restored.largeObjects().targetObjects()).isEqualTo(6);
        assertThat(value(pg17, pg17.database(), STATE)).isEqualTo(value(pg13, pg13.database(), STATE));
    }

    @Test
    void aOneFileArchiveWithoutPrivilegesRestoresContentAndCommentsAndACleanRestoreReplacesThem() throws Exception {
        load(pg13, pg13.database(), FIXTURE);
        Path archive = backup(false, "los", Compression.GZIP).archive();
        assertThat(verify(archive, true).passed()).isTrue();
        String target = pg13.newDatabase();

        assertThat(restore(archive, pg13.server().url(target), false).passed()).isTrue();
        assertThat(value(pg13, target, CONTENT)).isEqualTo(value(pg13, pg13.database(), CONTENT));
        assertThat(value(pg13, target, "SELECT count(*) FROM pg_largeobject_metadata WHERE lomowner <> 'postgres'::regrole "
                + "OR lomacl IS NOT NULL")).isEqualTo("0");

        assertThatThrownBy(() -> restore(archive, pg13.server().url(target), false)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("not empty");
        execute(pg13, target, "SELECT lo_put(70003, 100, '\\x00ff')");
        RestoreResult again = restore(archive, pg13.server().url(target), true);
        assertThat(again.passed()).as("%s", again.largeObjects()).isTrue();
        assertThat(value(pg13, target, CONTENT)).isEqualTo(value(pg13, pg13.database(), CONTENT));
    }

    @Test
    void exportSqlCarriesLargeObjectsForPsql() throws Exception {
        Path psql = tool("psql").orElse(null);
        assumeTrue(psql != null, "psql is not on the PATH: the export-sql interop test cannot run");
        load(pg13, pg13.database(), FIXTURE);
        Path archive = backup(true, null, Compression.ZSTD).archive();
        Path sql = out.resolve("export.sql");
        try (Archive opened = Archive.open(archive); var file = Files.newOutputStream(sql)) {
            SqlExport.write(opened, file);
        }
        String target = pg13.newDatabase();

        Process process = new ProcessBuilder(psql.toString(), "-X", "-q", "-v", "ON_ERROR_STOP=1", "--single-transaction", "-f",
                sql.toString(), pg13.server().url(target)).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();

        assertThat(value(pg13, target, STATE)).isEqualTo(value(pg13, pg13.database(), STATE));
    }

    @Test
    void aDamagedLargeObjectFileIsNamedAndTheRestoreWritesNothing() throws Exception {
        load(pg13, pg13.database(), FIXTURE);
        Path archive = backup(false, null, Compression.ZSTD).archive();
        String file = LargeObjectDump.fileName(70003, Compression.ZSTD);
        flipByte(archive.resolve(file), Files.size(archive.resolve(file)) / 2);

        assertThat(verify(archive, false).problems()).singleElement().asString().contains(file).contains("damaged")
                .contains("large object 70003");
        String target = pg17.database();
        assertThatThrownBy(() -> restore(archive, pg17.url(), false)).isInstanceOf(ArchiveException.class)
                .hasMessageContaining(file).hasMessageContaining("nothing was restored");
        assertThat(value(pg17, target, "SELECT count(*) FROM pg_largeobject_metadata")).isEqualTo("0");
        assertThat(value(pg17, target, "SELECT count(*) FROM pg_class WHERE relname = 'document'")).isEqualTo("0");

        Files.delete(archive.resolve(file));
        assertThat(verify(archive, false).problems()).singleElement().asString().contains(file).contains("missing");
    }

    @Test
    void aForgedFileIsFoundByDeepVerifyAndFailsTheRestoreNamingItsOid() throws Exception {
        load(pg13, pg13.database(), FIXTURE);
        Path archive = backup(false, null, Compression.ZSTD).archive();
        // A consistent forgery: other content in 70002's file, whose size and SHA-256 the manifest then states.
        Path file = archive.resolve(LargeObjectDump.fileName(70002, Compression.ZSTD));
        try (var stream = Compression.ZSTD.compress(Files.newOutputStream(file))) {
            stream.write("hello, forged object".getBytes(StandardCharsets.UTF_8));
        }
        byte[] forged = Files.readAllBytes(file);
        rewrite(archive, m -> withLargeObjects(m, m.largeObjects().stream().map(o -> o.oid() != 70002 ? o
                : new Manifest.LargeObjectFile(o.oid(), o.owner(), o.comment(), o.grants(), o.size(), o.contentHash(), o.file(),
                        forged.length, Sha256.of(forged))).toList()));

        assertThat(verify(archive, false).passed()).isTrue();
        assertThat(verify(archive, true).problems()).singleElement().asString().contains(LargeObjectDump.fileName(70002, Compression.ZSTD))
                .contains("other than the manifest's for large object 70002");

        RestoreResult restored = restore(archive, pg17.url(), false);
        assertThat(restored.passed()).isFalse();
        LargeObjectValidation compared = restored.largeObjects();
        assertThat(compared.differences()).map(Object::toString).containsExactly("changed 70002 (content)");
    }

    @Test
    void anEntryPgcarryNeverWritesIsRefused() throws Exception {
        load(pg13, pg13.database(), FIXTURE);
        Path archive = backup(false, null, Compression.ZSTD).archive();

        rewrite(archive, m -> withLargeObjects(m, m.largeObjects().stream().map(o -> o.oid() != 70002 ? o
                : new Manifest.LargeObjectFile(o.oid(), "lo_other", o.comment(), o.grants(), o.size(), o.contentHash(),
                        "large-objects/../../etc/passwd", o.bytes(), o.sha256())).toList()));
        assertThat(verify(archive, false).problems())
                .anySatisfy(p -> assertThat(p).contains("large object 70002 names file 'large-objects/../../etc/passwd'"))
                .anySatisfy(p -> assertThat(p).contains("large object 70002 has an owner or grants"));
        assertThatThrownBy(() -> restore(archive, pg17.url(), false)).isInstanceOf(ArchiveException.class)
                .hasMessageContaining("nothing was restored");

        rewrite(archive, m -> new Manifest(Manifest.WITHOUT_LARGE_OBJECTS_FORMAT, m.pgcarryVersion(), m.createdAt(), m.source(),
                m.compression(), m.withPrivileges(), m.extensions(), m.preData(), m.postData(), m.warnings(), m.tables(), m.sequences(),
                m.schema(), m.largeObjects()));
        assertThat(verify(archive, false).problems()).singleElement().asString().contains("holds no large objects");
    }

    @Test
    void aSourceLargeObjectTheRoleMayNotReadIsRefusedBeforeTheArchiveIsWritten() throws Exception {
        load(pg13, pg13.database(), FIXTURE);
        String role = "lo_backup_" + pg13.database();
        execute(pg13, pg13.database(), "CREATE ROLE " + role + " LOGIN NOSUPERUSER; GRANT SELECT ON document TO " + role);

        assertThatThrownBy(() -> new Backup(new Connector()).run(new BackupRequest(spec(pg13.url().replace("//postgres@", "//" + role + "@")),
                out, null, 2, Compression.ZSTD, false, 0), CopyProgress.NONE))
                .hasMessageContaining("may not read 6 large objects of the source (70001, 70002, 70003, 70004, 70005, 70006)");
        try (var files = Files.list(out)) {
            assertThat(files.filter(p -> !p.getFileName().toString().startsWith("."))).as("no archive").isEmpty();
        }
    }

    private BackupResult backup(boolean withPrivileges, String file, Compression compression) {
        BackupResult result = new Backup(new Connector()).run(new BackupRequest(spec(pg13.url()), out, file, 2, compression, withPrivileges,
                0), CopyProgress.NONE);
        assertThat(result.largeObjects()).isEqualTo(6);
        return result;
    }

    private static Verification verify(Path archive, boolean deep) {
        try (Archive opened = Archive.open(archive)) {
            return ArchiveVerifier.verify(opened, deep);
        }
    }

    private static Manifest withLargeObjects(Manifest m, List<Manifest.LargeObjectFile> largeObjects) {
        return new Manifest(m.formatVersion(), m.pgcarryVersion(), m.createdAt(), m.source(), m.compression(), m.withPrivileges(),
                m.extensions(), m.preData(), m.postData(), m.warnings(), m.tables(), m.sequences(), m.schema(), largeObjects);
    }

    /** Rewrites the manifest and its checksum, as a forger who knows the format would. */
    private static void rewrite(Path archive, UnaryOperator<Manifest> change) throws Exception {
        Path path = archive.resolve(Manifest.FILE);
        byte[] json = ManifestCodec.toJson(change.apply(ManifestCodec.fromJson(Files.readAllBytes(path), "test")));
        Files.write(path, json);
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
}
