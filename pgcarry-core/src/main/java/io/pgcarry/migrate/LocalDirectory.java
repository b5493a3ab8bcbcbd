package io.pgcarry.migrate;

import io.pgcarry.error.ConfigurationException;
import io.pgcarry.migrate.tools.ToolSupports;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A migration directory read without a database ({@code lint --dir}): the tool named, or the one whose layout the
 * directory has (with no ledger to decide between several, the user is asked for {@code --tool}), and its migrations in
 * the tool's order.
 *
 * @param tool       the tool
 * @param directory  the directory its migrations are in
 * @param migrations its migrations, in order
 */
public record LocalDirectory(MigrationTool tool, Path directory, List<LocalMigration> migrations) {
    public LocalDirectory {
        Objects.requireNonNull(tool, "tool");
        Objects.requireNonNull(directory, "directory");
        migrations = List.copyOf(migrations);
    }

    public static LocalDirectory read(Path dir, MigrationTool tool) {
        if (!Files.isDirectory(dir)) {
            throw new ConfigurationException("migration directory " + dir + " does not exist or is not a directory");
        }
        ToolSupport forced = tool == null ? null : ToolSupports.of(tool);
        ToolDetector.Choice choice = ToolDetector.choose(forced, dir, ToolSupports.all(), LedgerCatalog.empty(), null);
        List<LocalMigration> local = choice.support().readDirectory(choice.directory()).stream()
                .sorted(Comparator.comparing(LocalMigration::order)).toList();
        return new LocalDirectory(choice.support().tool(), choice.directory(), local);
    }
}
