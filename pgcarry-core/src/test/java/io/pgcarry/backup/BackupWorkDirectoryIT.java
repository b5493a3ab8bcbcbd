package io.pgcarry.backup;

import static io.pgcarry.backup.BackupFixtures.backup;
import static io.pgcarry.backup.BackupFixtures.execute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgcarry.embedded.junit.PostgresExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** One private work directory per backup run, a lock on the archive's name, and what dead runs left removed. */
class BackupWorkDirectoryIT {
    @RegisterExtension
    static final PostgresExtension pg = PostgresExtension.major(13);

    @TempDir
    Path out;

    @Test
    void aSecondBackupIntoTheSameNameWhileOneRunsIsRefusedAndLeavesTheFirstIntact() throws Exception {
        execute(pg, pg.database(), "CREATE TABLE t AS SELECT i FROM generate_series(1, 1000) i");
        try (TargetLock running = TargetLock.lock(out, "nightly.pgcarry")) {
            assertThatThrownBy(() -> backup(pg, pg.database(), out, "nightly", Compression.ZSTD))
                    .hasMessageContaining("another backup is writing").hasMessageContaining("nightly.pgcarry")
                    .hasMessageContaining("process " + ProcessHandle.current().pid());
        }
        Path archive = backup(pg, pg.database(), out, "nightly", Compression.ZSTD).archive();
        try (Archive opened = Archive.open(archive)) {
            assertThat(ArchiveVerifier.verify(opened, true).problems()).isEmpty();
        }
        assertThat(hidden()).as("no work directory is left").noneMatch(name -> name.endsWith(".partial") || name.endsWith(".packing"));
    }

    @Test
    void workDirectoriesOfDeadRunsAreRemovedAndThoseOfLiveRunsKept() throws Exception {
        execute(pg, pg.database(), "CREATE TABLE t AS SELECT i FROM generate_series(1, 10) i");
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Path dead = Files.createDirectories(out.resolve(".old.pgcarry.pid" + gone.pid() + "-abcdef.partial/data"));
        Files.writeString(dead.resolve("00001.001.copy.zst"), "half written");
        Path live = Files.createDirectories(out.resolve(".other.pgcarry.pid" + ProcessHandle.current().pid() + "-123456.partial"));

        backup(pg, pg.database(), out, null, Compression.ZSTD);

        assertThat(dead.getParent()).doesNotExist();
        assertThat(live).exists();
    }

    private java.util.List<String> hidden() throws Exception {
        try (Stream<Path> files = Files.list(out)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).toList();
        }
    }
}
