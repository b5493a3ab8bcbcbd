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
 * lines, {@code *} as a wildcard, {@code \:} and {@code \\} as escapes. Like libpq, a file readable by group
 * or others is ignored.
 */
public final class PgPass {
    private final List<String[]> entries;

    private PgPass(List<String[]> entries) {
        this.entries = entries;
    }

    static PgPass load(Path file) {
        if (file == null || !Files.isRegularFile(file)) {
            return new PgPass(List.of());
        }
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            if (perms.contains(PosixFilePermission.GROUP_READ) || perms.contains(PosixFilePermission.OTHERS_READ)) {
                return new PgPass(List.of());
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
