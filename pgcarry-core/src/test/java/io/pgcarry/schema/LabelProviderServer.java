package io.pgcarry.schema;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.pgcarry.embedded.EmbeddedPostgres;
import io.pgcarry.embedded.PostgresVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A PostgreSQL server with a security label provider loaded ({@code pgcarry_test}, built from
 * {@code src/test/c/pgcarry_test_label}): no provider comes with the server, and the embedded binaries carry no
 * headers to build one against, so this server runs the machine's installed PostgreSQL (Debian's
 * {@code /usr/lib/postgresql/15}, or {@code -Dpgcarry.test.pginstall=DIR}) with the provider built against its
 * headers. As root (as in CI) it installs the headers' package when they are missing, as the fidelity script does;
 * a machine without that PostgreSQL, a C compiler or the headers skips the tests that need it, saying which.
 */
final class LabelProviderServer {
    static final String PROVIDER = "pgcarry_test";
    private static final String MODULE = "pgcarry_test_label";

    private LabelProviderServer() {
    }

    /** Starts the server, building the provider in {@code work} (a directory of the test's own); the caller closes it. */
    static EmbeddedPostgres start(Path work) throws Exception {
        Path install = Path.of(System.getProperty("pgcarry.test.pginstall", "/usr/lib/postgresql/15"));
        Path pgConfig = install.resolve("bin/pg_config");
        assumeTrue(Files.isExecutable(install.resolve("bin/postgres")) && Files.isExecutable(pgConfig),
                "no installed PostgreSQL at " + install + ": the security label tests need one to load a label provider");
        String version = run(List.of(pgConfig.toString(), "--version")).strip();  // "PostgreSQL 15.18 (Debian ...)"
        String release = version.split(" ")[1];
        int major = Integer.parseInt(release.split("\\.")[0]);
        ensureHeaders(pgConfig, major);
        Path module = build(work, pgConfig);
        return EmbeddedPostgres.startInstalled(install, new PostgresVersion(major, release),
                Map.of("dynamic_library_path", module + ":$libdir", "shared_preload_libraries", MODULE));
    }

    private static void ensureHeaders(Path pgConfig, int major) throws Exception {
        if (Files.isRegularFile(Path.of(run(List.of(pgConfig.toString(), "--pgxs")).strip()))) {
            return;
        }
        boolean root = "root".equals(System.getProperty("user.name"));
        assumeTrue(root && Files.isExecutable(Path.of("/usr/bin/apt-get")),
                "PostgreSQL's server headers (postgresql-server-dev-" + major + ") are missing: cannot build the label provider");
        List<String> install = List.of("apt-get", "install", "-y", "-q", "postgresql-server-dev-" + major);
        Process p = new ProcessBuilder(install).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assumeTrue(p.waitFor(300, TimeUnit.SECONDS) && p.exitValue() == 0,
                "apt-get could not install postgresql-server-dev-" + major + ": cannot build the label provider");
    }

    /** Builds the module into a directory of its own, readable by the server's user; returns that directory. */
    private static Path build(Path work, Path pgConfig) throws Exception {
        Path dir = Files.createDirectories(work.resolve(MODULE));
        for (String file : List.of(MODULE + ".c", "Makefile")) {
            Files.copy(source().resolve(file), dir.resolve(file));
        }
        assumeTrue(onPath("make") && onPath("cc"), "make or cc is missing: cannot build the label provider");
        run(List.of("make", "-s", "-C", dir.toString(), "PG_CONFIG=" + pgConfig));
        // The server runs as another user when the tests run as root: it must reach the module.
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwx--x--x"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(dir.resolve(MODULE + ".so"), PosixFilePermissions.fromString("rwxr-xr-x"));
        return dir;
    }

    /** The module's sources: src/test/c of this module, wherever the tests run from. */
    private static Path source() {
        Path relative = Path.of("src/test/c", MODULE);
        Path here = Path.of("").toAbsolutePath();
        Path candidate = Files.isDirectory(here.resolve(relative)) ? here.resolve(relative) : here.resolve("pgcarry-core").resolve(relative);
        if (!Files.isDirectory(candidate)) {
            throw new IllegalStateException("the label provider's sources are not at " + candidate);
        }
        return candidate;
    }

    private static boolean onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(":")) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true).start();
        String out;
        try (InputStream in = p.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
        }
        return out;
    }
}
