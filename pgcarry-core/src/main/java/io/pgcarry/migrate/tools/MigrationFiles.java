package io.pgcarry.migrate.tools;

import io.pgcarry.error.ErrorCode;
import io.pgcarry.error.PgCarryException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Reading migration directories: file names, contents, the usual places under a project. */
final class MigrationFiles {
    /** How many bytes of a file are read to find a tool's marker line ({@code -- migrate:up}). */
    private static final int HEAD = 4096;

    private MigrationFiles() {
    }

    /** The regular files directly in {@code dir} whose name matches {@code name}, sorted by name; none if no such dir. */
    static List<Path> files(Path dir, Pattern name) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(Files::isRegularFile).filter(p -> name.matcher(p.getFileName().toString()).matches())
                    .sorted().toList();
        } catch (IOException e) {
            throw unreadable(dir, e);
        }
    }

    /** The regular files anywhere under {@code dir} whose name matches {@code name}, sorted by path. */
    static List<Path> filesBelow(Path dir, Pattern name) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.walk(dir)) {
            return entries.filter(Files::isRegularFile).filter(p -> name.matcher(p.getFileName().toString()).matches())
                    .sorted().toList();
        } catch (IOException e) {
            throw unreadable(dir, e);
        }
    }

    /** The subdirectories of {@code dir}, sorted by name. */
    static List<Path> directories(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw unreadable(dir, e);
        }
    }

    static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    /** Whether the start of {@code file} holds {@code marker} (any case), as tools that annotate their SQL files do. */
    static boolean startsWithMarker(Path file, String marker) {
        return head(file).toLowerCase(Locale.ROOT).contains(marker.toLowerCase(Locale.ROOT));
    }

    /** The first bytes of {@code file} as text, where tools put their markers; empty when it cannot be read. */
    static String head(Path file) {
        try (var in = Files.newInputStream(file)) {
            return new String(in.readNBytes(HEAD), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** The first of {@code dir} and its subdirectories {@code places} (such as {@code db/migrate}) that passes {@code test}. */
    static Optional<Path> firstPlace(Path dir, List<String> places, Predicate<Path> test) {
        return Stream.concat(Stream.of(dir), places.stream().map(dir::resolve)).filter(Files::isDirectory).filter(test)
                .findFirst();
    }

    /**
     * The first of {@code dir}'s subdirectories {@code places}, then {@code dir} itself, that passes {@code test}: for
     * tools that read their directory recursively, so that a project directory holds their files too, but less precisely.
     */
    static Optional<Path> firstPlaceThenDir(Path dir, List<String> places, Predicate<Path> test) {
        return Stream.concat(places.stream().map(dir::resolve), Stream.of(dir)).filter(Files::isDirectory).filter(test)
                .findFirst();
    }

    /** {@code file} relative to {@code dir}, with {@code /} between names, as shown and as tools record scripts. */
    static String relative(Path dir, Path file) {
        return dir.relativize(file).toString().replace('\\', '/');
    }

    private static PgCarryException unreadable(Path path, IOException e) {
        return new PgCarryException(ErrorCode.IO, "cannot read " + path + ": " + e.getMessage(), e);
    }
}
