package io.pgcarry.backup;

import static io.pgcarry.backup.BackupFixtures.execute;
import static io.pgcarry.backup.BackupFixtures.restore;
import static io.pgcarry.backup.BackupFixtures.spec;
import static io.pgcarry.backup.BackupFixtures.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgcarry.error.Setting;
import io.pgcarry.connect.Connector;
import io.pgcarry.copy.CopyProgress;
import io.pgcarry.embedded.junit.PostgresExtension;
import io.pgcarry.schema.LoadRole;
import io.pgcarry.schema.ObjectId;
import io.pgcarry.schema.ObjectKind;
import io.pgcarry.schema.SchemaModel;
import io.pgcarry.schema.SchemaObject;
import io.pgcarry.schema.ScriptStatement;
import io.pgcarry.schema.Section;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** An archive is data, not a program: statements pgcarry never writes, unsigned or forged archives and edited manifests are refused. */
class ArchiveTrustIT {
    @RegisterExtension
    static final PostgresExtension pg = PostgresExtension.major(17);

    @TempDir
    Path out;
    @TempDir
    Path keys;

    private Path archive;
    private Path marker;

    @BeforeEach
    void backUp() throws Exception {
        execute(pg, pg.database(), "CREATE TABLE t (id int PRIMARY KEY, v text); CREATE TABLE u (id int); "
                + "INSERT INTO t SELECT i, md5(i::text) FROM generate_series(1, 500) i; INSERT INTO u VALUES (1), (2);");
        archive = backup(null, null);
        marker = out.resolve("program-ran");
    }

    private Path backup(String file, SigningKey key) {
        return new Backup(new Connector()).run(new BackupRequest(spec(pg.server().url(pg.database())), out, file, 2, Compression.ZSTD,
                false, 1000, List.of(), key), CopyProgress.NONE).archive();
    }

    @Test
    void aTamperedArchiveWithCopyToProgramFailsVerifyAndIsRefusedBeforeTheTargetIsTouched() throws Exception {
        addStatement("COPY (SELECT 1) TO PROGRAM 'touch " + marker + "'");

        assertThat(problems(null)).singleElement().asString().contains(Manifest.FILE + " line ").contains("pre-data statement")
                .contains("COPY ... PROGRAM").contains("not a statement pgcarry writes");
        String target = pg.newDatabase();
        assertThatThrownBy(() -> restore(archive, pg.server().url(target), false)).isInstanceOf(ArchiveException.class)
                .hasMessageContaining("COPY ... PROGRAM").hasMessageContaining("nothing was restored");
        assertThat(marker).doesNotExist();
        assertThat(value(pg, target, "SELECT count(*) FROM pg_class WHERE relnamespace = 'public'::regnamespace")).isEqualTo("0");
    }

    @Test
    void everyKindOfStatementPgcarryNeverWritesIsRefusedByKind() throws Exception {
        List<List<String>> cases = List.of(
                List.of("ALTER SYSTEM SET work_mem = '1GB'", "ALTER SYSTEM"),
                List.of("CREATE ROLE intruder SUPERUSER LOGIN", "CREATE ROLE"),
                List.of("ALTER ROLE postgres PASSWORD 'x'", "ALTER ROLE"),
                List.of("SET ROLE postgres", "SET ROLE"),
                List.of("SET SESSION AUTHORIZATION postgres", "SET SESSION AUTHORIZATION"),
                List.of("DO $$ BEGIN PERFORM 1; END $$", "DO block"),
                List.of("SELECT pg_catalog.pg_reload_conf()", "SELECT"),
                List.of("GRANT pg_execute_server_program TO public", "GRANT of a role's membership"),
                List.of("REVOKE pg_read_all_data FROM public", "REVOKE of a role's membership"),
                List.of("REVOKE SELECT ON TABLE \"public\".\"t\" FROM PUBLIC", "without " + Setting.WITH_PRIVILEGES.mention()),
                List.of("GRANT SELECT ON TABLE \"public\".\"t\" TO PUBLIC", "without " + Setting.WITH_PRIVILEGES.mention()),
                List.of("ALTER TABLE \"public\".\"t\" OWNER TO \"someone\"", "without " + Setting.WITH_PRIVILEGES.mention()),
                List.of("COPY \"public\".\"t\" FROM PROGRAM 'cat /etc/passwd'", "COPY ... PROGRAM"),
                List.of("CREATE TABLE \"public\".\"t\" (id int); COPY (SELECT 1) TO PROGRAM 'true'", "several statements"),
                List.of("CREATE TABLE \"public\".\"t\" (id int)\n\\! touch x", "meta-command"),
                List.of("CREATE OR REPLACE FUNCTION public.f()\n RETURNS integer\n LANGUAGE c\nAS 'libc', $function$system$function$",
                        "untrusted language"));
        ObjectId function = new ObjectId(ObjectKind.FUNCTION, "public", "f()", null);
        for (List<String> c : cases) {
            archive = backup(null, null);
            addStatement(c.get(0), c.get(0).startsWith("CREATE OR REPLACE") ? function : new ObjectId(ObjectKind.TABLE, "public", "t", null));
            assertThat(problems(null)).as(c.get(0)).singleElement().asString().contains(c.get(1))
                    .containsAnyOf("not a statement pgcarry writes", "restores one only from an archive signed");
            ArchiveWriter.deleteTree(archive);
        }
    }

    @Test
    void aSignedArchiveIsCheckedWithItsKeyAndRefusedUnsignedWithAnotherKeyOrTampered() throws Exception {
        SigningKey key = key("k1", "a secret of more than sixteen bytes");
        SigningKey other = key("k2", "another secret, also long enough");
        Path signed = backup("signed", key);

        Verification ok = verify(signed, key);
        assertThat(ok.problems()).isEmpty();
        assertThat(ok.origin()).isEqualTo("origin: signed and the signature matches");
        assertThat(verify(signed, null).origin()).contains("not checked").contains("is signed");
        assertThat(verify(archive, null).origin()).contains("not checked").contains("not signed");
        assertThat(verify(signed, other).problems()).singleElement().asString().contains("wrong key");
        assertThat(verify(archive, key).problems()).singleElement().asString().contains("not signed");
        assertThatThrownBy(() -> new BackupRestore(new Connector()).run(new RestoreRequest(signed, spec(pg.server().url(pg.newDatabase())),
                2, null, false, other, false), CopyProgress.NONE)).hasMessageContaining("wrong key").hasMessageContaining("nothing was restored");
        RestoreResult restored = new BackupRestore(new Connector()).run(new RestoreRequest(signed, spec(pg.server().url(pg.newDatabase())),
                2, null, false, key, false), CopyProgress.NONE);
        assertThat(restored.passed()).isTrue();
        assertThat(restored.origin()).isEqualTo("origin: signed and the signature matches");
        assertThat(key.toString()).doesNotContain("secret");

        // Unpacked, edited and checksummed again, the manifest still carries the old signature.
        Path unpacked = out.resolve("unpacked");
        Files.createDirectories(unpacked.resolve("data"));
        try (Archive tar = Archive.open(signed)) {
            for (String name : tar.entries().keySet()) {
                Files.write(unpacked.resolve(name), tar.read(name));
            }
        }
        archive = unpacked;
        rewrite(m -> withTables(m, m.tables()));
        assertThat(verify(unpacked, null).problems()).isEmpty();
        assertThat(verify(unpacked, key).problems()).singleElement().asString().contains("tampered");
    }

    @Test
    void aFunctionInAnUntrustedLanguageIsBackedUpOnlySignedAndRestoredOnlyWithTheKey() throws Exception {
        execute(pg, pg.database(), "CREATE FUNCTION public.absolute(int) RETURNS int LANGUAGE internal IMMUTABLE STRICT AS 'int4abs'");
        assertThatThrownBy(() -> backup("unsigned", null)).hasMessageContaining("1 function in C, internal or an untrusted language")
                .hasMessageContaining(Setting.SIGN_KEY_FILE.mention()).hasMessageContaining("nothing was written");

        SigningKey key = key("k1", "a secret of more than sixteen bytes");
        Path signed = backup("signed", key);
        assertThat(verify(signed, key).problems()).isEmpty();
        assertThat(verify(signed, null).problems()).singleElement().asString().contains("public.absolute(integer)")
                .contains("restores one only from an archive signed");
        String target = pg.newDatabase();
        RestoreResult restored = new BackupRestore(new Connector()).run(new RestoreRequest(signed, spec(pg.server().url(target)),
                2, null, false, key, false), CopyProgress.NONE);
        assertThat(restored.passed()).isTrue();
        assertThat(value(pg, target, "SELECT public.absolute(-7)")).isEqualTo("7");
    }

    @Test
    void aShortOrMissingKeyFileIsRefusedWithoutShowingIt() throws Exception {
        Files.writeString(keys.resolve("short"), "tiny\n");
        assertThatThrownBy(() -> SigningKey.read(keys.resolve("short"))).hasMessageContaining("4 bytes").hasMessageNotContaining("tiny");
        assertThatThrownBy(() -> SigningKey.read(keys.resolve("none"))).hasMessageContaining("does not exist");
    }

    @Test
    void aSymbolicLinkInADirectoryArchiveIsRefusedByName() throws Exception {
        Path secret = out.resolve("secret.txt");
        Files.writeString(secret, "not archive data");
        String dataFile = verify(archive, null).manifest().tables().get(0).files().get(0).name();
        Files.move(archive.resolve(dataFile), out.resolve("moved"));
        Files.createSymbolicLink(archive.resolve(dataFile), out.resolve("moved"));
        assertThatThrownBy(() -> Archive.open(archive)).isInstanceOf(ArchiveException.class).hasMessageContaining(dataFile)
                .hasMessageContaining("symbolic link");
        assertThatThrownBy(() -> restore(archive, pg.server().url(pg.newDatabase()), false)).hasMessageContaining("symbolic link");
    }

    @Test
    void aDuplicatedTableEntryIsRefusedByVerify() throws Exception {
        rewrite(m -> {
            List<Manifest.Table> tables = new ArrayList<>(m.tables());
            tables.add(tables.get(0));
            return withTables(m, tables);
        });
        assertThat(problems(null)).anySatisfy(p -> assertThat(p).contains("listed twice"));
    }

    @Test
    void aRemovedTableEntryIsRefusedEvenWithItsFilesGone() throws Exception {
        Manifest manifest = verify(archive, null).manifest();
        Manifest.Table removed = manifest.tables().stream().filter(t -> t.name().equals("t")).findFirst().orElseThrow();
        for (Manifest.DataFile file : removed.files()) {
            Files.delete(archive.resolve(file.name()));
        }
        rewrite(m -> withTables(m, m.tables().stream().filter(t -> !t.name().equals("t")).toList()));
        assertThat(problems(null)).singleElement().asString().contains("public.t").contains("no table entry lists it");
        assertThatThrownBy(() -> restore(archive, pg.server().url(pg.newDatabase()), false)).hasMessageContaining("nothing was restored");
    }

    @Test
    void rowCountsThatDoNotAddUpAreRefused() throws Exception {
        rewrite(m -> withTables(m, m.tables().stream().map(t -> new Manifest.Table(t.schema(), t.name(), t.partitioned(), t.columns(),
                t.rows() + 1, t.sizeBytes(), (t.rows() + 1) + t.contentHash().substring(t.contentHash().indexOf(':')), t.files())).toList()));
        assertThat(problems(null)).hasSize(2).allSatisfy(p -> assertThat(p).contains("data files add up to"));
    }

    @Test
    void anEmptyFileOrABinaryFileIsRefusedNotRestoredAsNothing() throws Exception {
        Path empty = Files.createFile(out.resolve("empty.sql"));
        assertThatThrownBy(() -> restore(empty, pg.server().url(pg.newDatabase()), false)).hasMessageContaining("is empty (0 bytes)");
        Path binary = Files.write(out.resolve("blob.bin"), new byte[] {1, 2, 0, 3});
        assertThatThrownBy(() -> restore(binary, pg.server().url(pg.newDatabase()), false)).hasMessageContaining("binary");
        Path comments = Files.writeString(out.resolve("notes.sql"), "-- only a comment\n\n");
        assertThatThrownBy(() -> restore(comments, pg.server().url(pg.newDatabase()), false)).hasMessageContaining("holds no SQL statement");
    }

    @Test
    void backupListShowsPassedOnlyForTheManifestAndFilesThatWereVerified() throws Exception {
        assertThat(listed().lastVerify()).as("never verified").isNull();
        ArchiveShelf.record(verify(archive, null));
        assertThat(listed().lastVerify().passed()).isTrue();
        rewrite(m -> withTables(m, m.tables()));
        assertThat(listed().lastVerify()).as("manifest changed since").isNull();
        ArchiveShelf.record(verify(archive, null));
        assertThat(listed().lastVerify().passed()).isTrue();
        String dataFile = verify(archive, null).manifest().tables().get(0).files().get(0).name();
        byte[] bytes = Files.readAllBytes(archive.resolve(dataFile));
        bytes[bytes.length / 2] ^= 1;
        Files.write(archive.resolve(dataFile), bytes);
        Files.setLastModifiedTime(archive.resolve(dataFile), java.nio.file.attribute.FileTime.fromMillis(0));
        assertThat(listed().lastVerify()).as("a data file changed since").isNull();
    }

    private ArchiveShelf.Entry listed() {
        return ArchiveShelf.list(out).stream().filter(e -> e.archive().equals(archive)).findFirst().orElseThrow();
    }

    private SigningKey key(String name, String secret) throws Exception {
        return SigningKey.read(Files.writeString(keys.resolve(name), secret + "\n"));
    }

    private Verification verify(Path path, SigningKey key) {
        try (Archive opened = Archive.open(path)) {
            return ArchiveVerifier.verify(opened, false, key);
        }
    }

    @Test
    void theStepsARestoreRunsForAKeyAreCheckedLikeItsStatements() throws Exception {
        ScriptStatement key = verify(archive, null).manifest().postData().stream()
                .filter(st -> st.load() != null && st.load().kind() == LoadRole.Kind.KEY && st.load().inTwoSteps()).findFirst().orElseThrow();
        assertThat(key.load().steps()).containsExactly("CREATE UNIQUE INDEX t_pkey ON public.t USING btree (id)",
                "ALTER TABLE \"public\".\"t\" ADD CONSTRAINT \"t_pkey\" PRIMARY KEY USING INDEX t_pkey");
        List<List<String>> cases = List.of(
                List.of("CREATE UNIQUE INDEX t_pkey ON public.t USING btree (id); COPY (SELECT 1) TO PROGRAM 'true'",
                        key.load().steps().get(1), "a second statement"),
                List.of("CREATE UNIQUE INDEX t_pkey ON public.u USING btree (id)", key.load().steps().get(1), "is not on table"),
                List.of(key.load().steps().get(0), key.load().steps().get(1) + ", OWNER TO mallory", "a second clause"),
                List.of(key.load().steps().get(0), "ALTER TABLE \"public\".\"u\" ADD CONSTRAINT \"t_pkey\" PRIMARY KEY USING INDEX t_pkey",
                        "another table or constraint"));
        for (List<String> c : cases) {
            archive = backup(null, null);
            rewrite(m -> {
                List<ScriptStatement> post = new ArrayList<>();
                for (ScriptStatement st : m.postData()) {
                    post.add(st.sql().equals(key.sql()) ? new ScriptStatement(st.sql(), st.section(), st.object(), false,
                            new LoadRole(LoadRole.Kind.KEY, null, List.of(c.get(0), c.get(1)))) : st);
                }
                return new Manifest(Manifest.STATEMENTS_ONLY_FORMAT, m.pgcarryVersion(), m.createdAt(), m.source(), m.compression(),
                        m.withPrivileges(), m.extensions(), m.preData(), post, m.warnings(), m.tables(), m.sequences());
            });
            assertThat(problems(null)).as(c.get(0)).singleElement().asString().contains("post-data statement")
                    .contains("two-step build").contains(c.get(2));
            ArchiveWriter.deleteTree(archive);
        }
    }

    @Test
    void aRestoreBuildsTheSchemaFromTheArchivesObjectsAndRefusesStatementsOrObjectsEditedApart() throws Exception {
        Manifest manifest = verify(archive, null).manifest();
        assertThat(manifest.formatVersion()).isEqualTo(Manifest.FORMAT_VERSION);
        assertThat(manifest.schema()).isNotNull();
        assertThat(manifest.statements(Section.PRE_DATA)).isEqualTo(manifest.preData());

        // A statement edited alone, even one the statement checks would let through.
        rewrite(m -> new Manifest(m.formatVersion(), m.pgcarryVersion(), m.createdAt(), m.source(), m.compression(), m.withPrivileges(),
                m.extensions(), m.preData().stream().map(st -> st.sql().startsWith("CREATE TABLE \"public\".\"u\"")
                        ? new ScriptStatement(st.sql().replace("(", "(extra int, "), st.section(), st.object()) : st).toList(),
                m.postData(), m.warnings(), m.tables(), m.sequences(), m.schema()));
        assertThat(problems(null)).singleElement().asString().contains("pre-data statement")
                .contains("differ from what its schema objects give");
        String target = pg.newDatabase();
        assertThatThrownBy(() -> restore(archive, pg.server().url(target), false)).isInstanceOf(ArchiveException.class)
                .hasMessageContaining("nothing was restored");

        // An object edited alone: the statements it gives are no longer those listed.
        archive = backup(null, null);
        rewrite(m -> new Manifest(m.formatVersion(), m.pgcarryVersion(), m.createdAt(), m.source(), m.compression(), m.withPrivileges(),
                m.extensions(), m.preData(), m.postData(), m.warnings(), m.tables(), m.sequences(),
                new SchemaModel(m.schema().formatVersion(), m.schema().serverVersion(), m.schema().database(), m.schema().withPrivileges(),
                        m.schema().objects().stream().map(o -> !o.id().name().equals("u") ? o : new SchemaObject(o.id(),
                                java.util.Map.of("comment", "edited"), o.dependsOn())).toList(), m.schema().warnings())));
        assertThat(problems(null)).isNotEmpty().allSatisfy(p -> assertThat(p).contains("differ from what its schema objects give"));

        // A current archive stripped of its objects.
        archive = backup(null, null);
        rewrite(m -> new Manifest(m.formatVersion(), m.pgcarryVersion(), m.createdAt(), m.source(), m.compression(), m.withPrivileges(),
                m.extensions(), m.preData(), m.postData(), m.warnings(), m.tables(), m.sequences()));
        assertThat(problems(null)).singleElement().asString().contains("must hold the schema's objects");
    }

    private List<String> problems(SigningKey key) {
        return verify(archive, key).problems();
    }

    /**
     * Files {@code sql} under table public.t, as someone editing the manifest by hand would, and checksums it again; the
     * manifest becomes one of format 2, whose statements a restore runs as they are, so that the statement checks alone
     * stand between them and the target (in format 3 the schema objects must give the same statements too).
     */
    private void addStatement(String sql) throws Exception {
        addStatement(sql, new ObjectId(ObjectKind.TABLE, "public", "t", null));
    }

    private void addStatement(String sql, ObjectId table) throws Exception {
        rewrite(m -> {
            List<ScriptStatement> pre = new ArrayList<>(m.preData());
            pre.add(new ScriptStatement(sql, Section.PRE_DATA, table));
            return new Manifest(Manifest.STATEMENTS_ONLY_FORMAT, m.pgcarryVersion(), m.createdAt(), m.source(), m.compression(),
                    m.withPrivileges(), m.extensions(), pre, m.postData(), m.warnings(), m.tables(), m.sequences());
        });
    }

    private static Manifest withTables(Manifest m, List<Manifest.Table> tables) {
        return new Manifest(m.formatVersion(), m.pgcarryVersion(), "edited " + System.nanoTime(), m.source(), m.compression(),
                m.withPrivileges(), m.extensions(), m.preData(), m.postData(), m.warnings(), tables, m.sequences(), m.schema());
    }

    private void rewrite(UnaryOperator<Manifest> change) throws Exception {
        Path manifestPath = archive.resolve(Manifest.FILE);
        byte[] json = ManifestCodec.toJson(change.apply(ManifestCodec.fromJson(Files.readAllBytes(manifestPath), "test")));
        Files.write(manifestPath, json);
        Files.write(archive.resolve(Manifest.CHECKSUM_FILE), ManifestCodec.checksumLine(json));
    }
}
