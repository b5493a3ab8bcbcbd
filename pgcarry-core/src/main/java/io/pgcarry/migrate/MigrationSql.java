package io.pgcarry.migrate;

import io.pgcarry.error.ConfigurationException;
import io.pgcarry.error.ErrorCode;
import io.pgcarry.error.PgCarryException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SQL a tool runs when it applies one migration file, read the same way by {@code migrate apply} and
 * {@code migrate verify}: the file as UTF-8 without its byte order mark; all of it for Prisma, Drizzle, Flyway,
 * golang-migrate's {@code .up.sql}, plain SQL and any other tool whose migrations are SQL files; the up section of
 * dbmate's ({@code -- migrate:up} to {@code -- migrate:down}) and goose's ({@code -- +goose Up} to
 * {@code -- +goose Down}).
 */
public final class MigrationSql {
    private static final char BOM = '\uFEFF';
    private static final Pattern DBMATE = Pattern.compile("(?m)^--\\s*migrate:(up|down)\\b.*$");
    private static final Pattern GOOSE = Pattern.compile("(?mi)^--\\s*\\+goose\\s+(up|down)\\b.*$");

    private MigrationSql() {
    }

    /** The SQL to run of {@code file} ({@code relative} to the migration directory, for messages). */
    public static String read(MigrationTool tool, Path file, String relative) {
        try {
            return of(tool, relative, Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new PgCarryException(ErrorCode.IO, "cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The SQL to run of a file whose text is {@code text}; a dbmate or goose file without its up marker is refused. */
    public static String of(MigrationTool tool, String relative, String text) {
        String sql = !text.isEmpty() && text.charAt(0) == BOM ? text.substring(1) : text;
        return switch (tool) {
            case DBMATE -> section(sql, DBMATE, relative, "-- migrate:up");
            case GOOSE -> section(sql, GOOSE, relative, "-- +goose Up");
            default -> sql;
        };
    }

    /**
     * The text between the up marker and the down marker (or the end), after as many empty lines as precede it, so that
     * lines are numbered as in the file; a file without an up marker is refused.
     */
    private static String section(String text, Pattern markers, String relative, String upMarker) {
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
}
