package io.pgcarry.migrate.verify;

import io.pgcarry.error.ConfigurationException;
import io.pgcarry.error.ErrorCode;
import io.pgcarry.error.PgCarryException;
import io.pgcarry.migrate.MigrationTool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SQL a tool runs when it applies one migration file: the whole file for Prisma, Drizzle, Flyway, golang-migrate's
 * {@code .up.sql}, plain SQL and any other tool whose migrations are SQL files; the up section of dbmate's
 * ({@code -- migrate:up} to {@code -- migrate:down}) and goose's ({@code -- +goose Up} to {@code -- +goose Down}).
 * Migrations that are not SQL (Rails' Ruby, goose's Go) cannot be replayed and are refused, naming the file.
 */
final class MigrationScript {
    private static final Pattern DBMATE = Pattern.compile("(?m)^--\\s*migrate:(up|down)\\b.*$");
    private static final Pattern GOOSE = Pattern.compile("(?mi)^--\\s*\\+goose\\s+(up|down)\\b.*$");

    private MigrationScript() {
    }

    /** Refuses a migration that is not SQL ({@code relative} to the migration directory), before anything starts. */
    static void requireSql(MigrationTool tool, String relative) {
        if (!relative.toLowerCase(Locale.ROOT).endsWith(".sql")) {
            throw new ConfigurationException("migrate verify replays SQL migrations, and " + tool + "'s " + relative
                    + " is not SQL; compare the schema such migrations build with pgcarry diff instead");
        }
    }

    /** The SQL to replay of {@code file} ({@code relative} to the migration directory, for messages). */
    static String upSql(MigrationTool tool, Path file, String relative) {
        requireSql(tool, relative);
        String text = read(file);
        return switch (tool) {
            case DBMATE -> section(text, DBMATE, relative, "-- migrate:up");
            case GOOSE -> section(text, GOOSE, relative, "-- +goose Up");
            default -> text;
        };
    }

    /**
     * The text between the up marker and the down marker (or the end), after as many empty lines as precede it, so that
     * lines are numbered as in the file; a file without an up marker is refused.
     */
    static String section(String text, Pattern markers, String relative, String upMarker) {
        Matcher m = markers.matcher(text);
        int start = -1;
        int end = text.length();
        while (m.find()) {
            boolean up = m.group(1).equalsIgnoreCase("up");
            if (up && start < 0) {
                start = m.end();
            } else if (!up && start >= 0) {
                end = m.start();
                break;
            }
        }
        if (start < 0) {
            throw new ConfigurationException(relative + " has no '" + upMarker + "' line, so it has nothing to apply");
        }
        long lines = text.substring(0, start).chars().filter(c -> c == '\n').count();
        return "\n".repeat((int) lines) + text.substring(start, end);
    }

    private static String read(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (IOException e) {
            throw new PgCarryException(ErrorCode.IO, "cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
