package io.pgcarry.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EmbeddedPostgresIT {

    @Test
    void runsMajors13And17SideBySideAndLeavesNothingBehind() throws Exception {
        EmbeddedPostgres pg13 = EmbeddedPostgres.start(13);
        EmbeddedPostgres pg17 = EmbeddedPostgres.start(17);
        List<Long> pids;
        Path dir13 = pg13.directory();
        Path dir17 = pg17.directory();
        try {
            assertThat(pg13.port()).isNotEqualTo(pg17.port());
            assertThat(serverVersionNum(pg13)).isBetween(130000, 139999);
            assertThat(serverVersionNum(pg17)).isBetween(170000, 179999);
            assertThat(dir13).isDirectory();
            pids = new java.util.ArrayList<>(pg13.processIds());
            pids.addAll(pg17.processIds());
            assertThat(pids).hasSizeGreaterThan(2);
        } finally {
            pg13.close();
            pg17.close();
        }
        assertThat(dir13).doesNotExist();
        assertThat(dir17).doesNotExist();
        assertThat(pids).allSatisfy(pid -> assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                .as("process %d still alive", pid).isFalse());
    }

    /** Servers of one major are copies of one initialized cluster: what one of them writes, the other never sees. */
    @Test
    void serversCopiedFromOneClusterShareNothing() throws Exception {
        try (EmbeddedPostgres first = EmbeddedPostgres.start(17); EmbeddedPostgres second = EmbeddedPostgres.start(17)) {
            first.createDatabase("only_in_first");
            try (Connection c = first.connect("postgres"); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE only_in_first (id int)");
            }
            try (EmbeddedPostgres third = EmbeddedPostgres.start(17)) {
                for (EmbeddedPostgres other : List.of(second, third)) {
                    assertThatThrownBy(() -> other.connect("only_in_first")).hasMessageContaining("does not exist");
                    try (Connection c = other.connect("postgres"); Statement s = c.createStatement();
                         ResultSet rs = s.executeQuery("SELECT to_regclass('only_in_first') IS NULL")) {
                        rs.next();
                        assertThat(rs.getBoolean(1)).as("a table of another server's postgres database").isTrue();
                    }
                }
                assertThat(List.of(first.directory(), second.directory(), third.directory())).doesNotHaveDuplicates();
            }
        }
    }

    @Test
    void createsAndDropsDatabases() throws Exception {
        try (EmbeddedPostgres pg = EmbeddedPostgres.start(17)) {
            pg.createDatabase("Mixed-Case db");
            try (Connection c = pg.connect("Mixed-Case db"); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select current_database()")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("Mixed-Case db");
            }
            pg.dropDatabase("Mixed-Case db");
            assertThatThrownBy(() -> pg.connect("Mixed-Case db")).hasMessageContaining("does not exist");
        }
    }

    @Test
    void serverIsStoppedAndRemovedWhenItsJvmIsKilled() throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseParallelGC", "-cp", System.getProperty("java.class.path"),
                "-D" + BinaryLocator.DIRECTORY_PROPERTY + "=" + System.getProperty(BinaryLocator.DIRECTORY_PROPERTY, ""),
                KillTarget.class.getName())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        String line;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            line = out.readLine();
            assertThat(line).as("child reported its server").startsWith("READY ");
            String[] parts = line.split(" ");
            Path dir = Path.of(parts[1]);
            List<Long> pids = java.util.Arrays.stream(parts[2].split(",")).map(Long::valueOf).toList();
            assertThat(dir).isDirectory();

            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline && (Files.exists(dir) || anyAlive(pids))) {
                Thread.sleep(100);
            }
            assertThat(anyAlive(pids)).as("server processes after kill -9 of their JVM").isFalse();
            assertThat(dir).as("server directory after kill -9 of its JVM").doesNotExist();
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    void unknownMajorIsRefusedWithTheChoices() {
        assertThatThrownBy(() -> EmbeddedPostgres.start(12))
                .isInstanceOf(EmbeddedPostgresException.class)
                .hasMessage("no embedded PostgreSQL 12; choose one of [13, 14, 15, 16, 17, 18]");
    }

    private static boolean anyAlive(List<Long> pids) {
        return pids.stream().anyMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
    }

    private static int serverVersionNum(EmbeddedPostgres pg) throws Exception {
        try (Connection c = pg.connect("postgres"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("show server_version_num")) {
            rs.next();
            return Integer.parseInt(rs.getString(1));
        }
    }

    @Test
    void directoriesLeftByADeadJvmAreSweptAtTheNextStart() throws Exception {
        Path orphan = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "pgc");
        Files.createDirectories(orphan.resolve("data"));
        Files.writeString(orphan.resolve("owner.pid"), "999999999");
        Path foreign = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "pgc");
        try (EmbeddedPostgres pg = EmbeddedPostgres.start(17)) {
            assertThat(orphan).as("owner gone, no server: swept").doesNotExist();
            assertThat(foreign).as("not ours (no owner file): kept").isDirectory();
            assertThat(pg.directory()).as("the running server's own directory").isDirectory();
        } finally {
            Files.deleteIfExists(foreign);
            EmbeddedPostgres.deleteTree(orphan);
        }
    }
}
