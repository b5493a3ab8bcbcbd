package io.pgcarry.connect;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The libpq password file ({@code ~/.pgpass} or {@code PGPASSFILE}): {@code host:port:database:user:password}
 * lines, {@code *} as a wildcard, {@code \:} and {@code \\} as escapes. Like libpq, a file that group or others
 * may access in any way (read, write or execute) is not used, and {@link #warning()} says so.
 */
public final class PgPass {
    /** What libpq refuses: any permission of the group or of others, since either could read or replace the file. */
    private static final Set<PosixFilePermission> SHARED = Set.of(PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE,
            PosixFilePermission.OTHERS_EXECUTE);

    /** How the warning about a shared password file starts (see {@link ConnectionSpec#aboutPasswordFile}). */
    static final String WARNING_START = "password file ";

    private final List<String[]> entries;
    private final String warning;

    private PgPass(List<String[]> entries) {
        this(entries, null);
    }

    private PgPass(List<String[]> entries, String warning) {
        this.entries = entries;
        this.warning = warning;
    }

    static PgPass load(Path file) {
        if (file == null || !Files.isRegularFile(file)) {
            return new PgPass(List.of());
        }
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            if (perms.stream().anyMatch(SHARED::contains)) {
                return new PgPass(List.of(), WARNING_START + file + " has group or world access, so it is not used; "
                        + "make it private with: chmod 0600 " + file);
            }
            List<String[]> entries = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] fields = split(line);
                if (fields.length == 5) {
                    entries.add(fields);
                }
            }
            return new PgPass(entries);
        } catch (IOException | UnsupportedOperationException e) {
            return new PgPass(List.of());
        }
    }

    /** Why the file was not used, when its permissions made pgcarry ignore it (as libpq does). */
    Optional<String> warning() {
        return Optional.ofNullable(warning);
    }

    /** The password of the first matching line, as libpq picks it. */
    Optional<String> find(String host, int port, String database, String user) {
        String[] wanted = {host, Integer.toString(port), database, user};
        for (String[] entry : entries) {
            boolean match = true;
            for (int i = 0; i < 4 && match; i++) {
                match = entry[i].equals("*") || entry[i].equals(wanted[i])
                        || (i == 0 && entry[i].equals("localhost") && wanted[i].equals("127.0.0.1"));
            }
            if (match) {
                return Optional.of(entry[4]);
            }
        }
        return Optional.empty();
    }

    private static String[] split(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length()) {
                current.append(line.charAt(++i));
            } else if (c == ':' && fields.size() < 4) {
                fields.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        fields.add(current.toString());
        return fields.toArray(new String[0]);
    }
}
