package io.pgcarry.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.List;
import java.util.stream.Stream;

/**
 * Who runs initdb and the server. PostgreSQL refuses to run as root, so when the JVM is root (as in CI)
 * the server runs as {@code nobody} through {@code setpriv}, and its directories are handed to that user.
 */
final class ServerUser {
    private static final String UNPRIVILEGED = "nobody";

    private final boolean root;

    private ServerUser(boolean root) {
        this.root = root;
    }

    static ServerUser current() {
        return new ServerUser(new com.sun.security.auth.module.UnixSystem().getUid() == 0);
    }

    boolean isRoot() {
        return root;
    }

    /** The name of the user that runs initdb and the server. */
    String name() {
        return root ? UNPRIVILEGED : System.getProperty("user.name");
    }

    /** The command prefix that drops privileges, empty when not root. */
    List<String> commandPrefix() {
        if (!root) {
            return List.of();
        }
        return List.of("setpriv", "--reuid=" + idOf("-u"), "--regid=" + idOf("-g"), "--clear-groups", "--");
    }

    /** Hands a directory tree to the server user (a no-op when not root). */
    void takeOwnership(Path dir) {
        if (!root) {
            return;
        }
        try {
            UserPrincipalLookupService lookup = dir.getFileSystem().getUserPrincipalLookupService();
            UserPrincipal user = lookup.lookupPrincipalByName(UNPRIVILEGED);
            GroupPrincipal group = lookup.lookupPrincipalByGroupName(groupName());
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path p : walk.toList()) {
                    PosixFileAttributeView view = Files.getFileAttributeView(p, PosixFileAttributeView.class);
                    view.setOwner(user);
                    view.setGroup(group);
                }
            }
        } catch (IOException e) {
            throw new EmbeddedPostgresException("cannot hand " + dir + " to user " + UNPRIVILEGED + ": " + e.getMessage(), e);
        }
    }

    private static String groupName() {
        return run("id", "-gn", UNPRIVILEGED);
    }

    private static String idOf(String flag) {
        return run("id", flag, UNPRIVILEGED);
    }

    private static String run(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes()).trim();
            if (process.waitFor() != 0) {
                throw new EmbeddedPostgresException("running as root needs the unprivileged user '" + UNPRIVILEGED
                        + "' ('" + String.join(" ", command) + "' said: " + out + "); create it or run as another user");
            }
            return out;
        } catch (IOException e) {
            throw new EmbeddedPostgresException("cannot run '" + command[0] + "': " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddedPostgresException("interrupted while looking up user " + UNPRIVILEGED, e);
        }
    }
}
