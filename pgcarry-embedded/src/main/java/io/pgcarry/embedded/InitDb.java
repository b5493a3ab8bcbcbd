package io.pgcarry.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** Creates the data directory of a new server and writes its authentication rules. */
final class InitDb {
    private static final String HBA = """
            # pgcarry embedded server: loopback and its own socket directory only.
            local   all  +%1$s                              scram-sha-256
            local   all  +%2$s                              reject
            local   all  +%3$s                              peer
            local   all  all                                trust
            host    all  +%1$s  127.0.0.1/32  scram-sha-256
            host    all  +%1$s  ::1/128       scram-sha-256
            host    all  +%2$s  127.0.0.1/32  reject
            host    all  +%2$s  ::1/128       reject
            host    all  all    127.0.0.1/32  trust
            host    all  all    ::1/128       trust
            """;
    private static final List<String> OPTIONS = List.of("-U", EmbeddedPostgres.SUPERUSER, "-A", "trust", "-E", "UTF8",
            "--no-locale", "--no-sync");

    private final ServerUser user;
    private final Path install;

    InitDb(ServerUser user, Path install) {
        this.user = user;
        this.install = install;
    }

    /** initdb's arguments after {@code -D dir} and the rules written after it: what makes two clusters alike. */
    static String fingerprint() {
        return Integer.toHexString(List.of(OPTIONS, HBA, EmbeddedPostgres.PASSWORD_ROLE, EmbeddedPostgres.TLS_ROLE,
                EmbeddedPostgres.PEER_ROLE).hashCode());
    }

    /**
     * Runs initdb into {@code data} inside {@code base} (both handed to the server user first), telling {@code started}
     * its process (so a shutdown hook can end it), then writes the authentication rules.
     */
    void run(Path base, Path data, Consumer<Process> started) {
        user.takeOwnership(base);
        List<String> command = new ArrayList<>(user.commandPrefix());
        command.addAll(List.of(install.resolve("bin").resolve("initdb").toString(), "-D", data.toString()));
        command.addAll(OPTIONS);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("LC_ALL", "C");
        try {
            Process process = builder.start();
            started.accept(process);
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new EmbeddedPostgresException("initdb failed: " + lastLines(output));
            }
            Path hba = data.resolve("pg_hba.conf");
            Files.writeString(hba, String.format(HBA, EmbeddedPostgres.PASSWORD_ROLE, EmbeddedPostgres.TLS_ROLE,
                    EmbeddedPostgres.PEER_ROLE));
            user.takeOwnership(hba);
        } catch (IOException e) {
            throw new EmbeddedPostgresException("cannot run initdb: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddedPostgresException("interrupted during initdb", e);
        }
    }

    private static String lastLines(String output) {
        String[] lines = output.strip().split("\n");
        return String.join(" | ", List.of(lines).subList(Math.max(0, lines.length - 3), lines.length));
    }
}
