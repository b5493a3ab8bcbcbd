package io.pgcarry.schema;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The machine's {@code pg_dump --schema-only}, normalised: the independent witness that two databases hold
 * the same schema. A test that needs it and cannot find it is skipped, saying so.
 */
final class PgDumpOracle {
    private PgDumpOracle() {
    }

    static Optional<Path> find() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "pg_dump");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The schema of {@code url} as pg_dump prints it, without comments, settings and blank lines. */
    static String schemaOf(String url, boolean withPrivileges) throws Exception {
        return dump(url, withPrivileges).lines()
                .filter(line -> !line.isBlank() && !line.startsWith("--") && !line.startsWith("SET ")
                        && !line.startsWith("SELECT pg_catalog.set_config") && !line.startsWith("\\"))
                .collect(Collectors.joining("\n"));
    }

    /** The types of the entries of pg_dump's table of contents for {@code url}'s schema ("TABLE", "ACL", ...). */
    static Set<String> entryTypes(String url) throws Exception {
        Pattern entry = Pattern.compile("^-- Name: .*; Type: ([A-Z ]+); Schema: ");
        return dump(url, true).lines().map(entry::matcher).filter(Matcher::find).map(m -> m.group(1))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static String dump(String url, boolean withPrivileges) throws Exception {
        Optional<Path> pgDump = find();
        assumeTrue(pgDump.isPresent(), "pg_dump is not on the PATH: the fidelity oracle cannot run");
        List<String> command = new ArrayList<>(List.of(pgDump.get().toString(), "--schema-only", "--dbname", url));
        if (!withPrivileges) {
            command.addAll(List.of("--no-owner", "--no-privileges"));
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("pg_dump failed: " + output);
        }
        return output;
    }
}
