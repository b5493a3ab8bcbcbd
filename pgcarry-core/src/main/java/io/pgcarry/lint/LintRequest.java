package io.pgcarry.lint;

import io.pgcarry.connect.ConnectionSpec;
import io.pgcarry.error.ConfigurationException;
import io.pgcarry.migrate.MigrationTool;
import java.nio.file.Path;
import java.util.List;

/**
 * What {@code pgcarry lint} is asked to read.
 *
 * @param files             SQL files, linted in the order given, each run as psql runs it
 * @param directory         a migration directory read as {@code migrate} reads it, or null
 * @param tool              the directory's tool, or null to tell it from the layout
 * @param target            the database the migration will run on (version, sizes; with a directory, only the migrations
 *                          it has not applied are linted), or null
 * @param pgVersion         the major version to assume without a target, or null for the oldest supported
 * @param smallTableBytes   the size under which a table is small
 * @param singleTransaction whether the files run in one transaction each ({@code psql -1})
 */
public record LintRequest(List<Path> files, Path directory, MigrationTool tool, ConnectionSpec target, Integer pgVersion,
                          long smallTableBytes, boolean singleTransaction) {
    public LintRequest {
        files = List.copyOf(files);
        if (files.isEmpty() && directory == null) {
            throw new ConfigurationException("give the SQL files to lint, or a migration directory with --dir");
        }
        if (target != null && pgVersion != null) {
            throw new ConfigurationException("--pg-version is read from the server with --to; give one or the other");
        }
    }
}
