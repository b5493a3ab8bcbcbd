package io.pgcarry.backup;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The hidden, private places a backup writes before it publishes an archive: {@code .NAME.pidPID-NONCE.partial} (a
 * directory) and {@code .NAME.pidPID-NONCE.packing} (the tar being packed). The process id in the name lets the next
 * backup into the same directory remove what dead runs left; the nonce keeps two runs of one process apart.
 */
final class WorkDirectories {
    private static final Pattern LEFTOVER = Pattern.compile("\\..+\\.pid([0-9]+)-[0-9a-f]+\\.(partial|packing)");
    private static final SecureRandom RANDOM = new SecureRandom();

    private WorkDirectories() {
    }

    /** A name for this run's work directory of archive {@code name}; {@code suffix} is partial or packing. */
    static String privateName(String name, String nonce, String suffix) {
        return "." + name + ".pid" + ProcessHandle.current().pid() + "-" + nonce + "." + suffix;
    }

    static String nonce() {
        byte[] bytes = new byte[6];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** Removes the work directories and packing files in {@code out} whose process is gone; returns how many. */
    static int removeDead(Path out) {
        int removed = 0;
        try (Stream<Path> children = Files.list(out)) {
            for (Path child : children.toList()) {
                Matcher m = LEFTOVER.matcher(child.getFileName().toString());
                if (m.matches() && !ProcessHandle.of(Long.parseLong(m.group(1))).map(ProcessHandle::isAlive).orElse(false)) {
                    ArchiveWriter.deleteTree(child);
                    removed++;
                }
            }
        } catch (IOException | NumberFormatException ignored) {
            // Leftovers are hidden and harmless; failing to remove them must not fail a backup.
        }
        return removed;
    }

    /** Forces every file under {@code root}, then every directory, to disk: an archive is durable before it is published. */
    static void sync(Path root) throws IOException {
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(root)) {
            paths = walk.toList();
        }
        for (Path path : paths) {
            if (Files.isRegularFile(path)) {
                force(path, StandardOpenOption.WRITE);
            }
        }
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                syncDirectory(path);
            }
        }
    }

    /** Forces a directory's entries to disk (where the system allows opening a directory, as Linux and macOS do). */
    static void syncDirectory(Path directory) {
        try {
            force(directory, StandardOpenOption.READ);
        } catch (IOException ignored) {
            // Some systems cannot open a directory for syncing; its files are synced already.
        }
    }

    private static void force(Path path, StandardOpenOption mode) throws IOException {
        try (FileChannel channel = FileChannel.open(path, mode)) {
            channel.force(true);
        }
    }
}
