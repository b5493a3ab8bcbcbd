package io.pgcarry.migrate.tools;

import io.pgcarry.migrate.Layout;
import io.pgcarry.migrate.LocalMigration;
import io.pgcarry.migrate.MigrationTool;
import io.pgcarry.migrate.OrderPolicy;
import io.pgcarry.migrate.ToolSupport;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A tool whose migrations are the numbered files of one directory and whose ledger keeps versions, not checksums:
 * dbmate, golang-migrate, goose and Rails. Finding and reading the directory is the same for all of them and is here;
 * what each has of its own is its {@link Convention}, which of its files it marks ({@link #recognises}) and its ledger.
 */
abstract class NumberedFileSupport implements ToolSupport {
    /**
     * What one such tool does.
     *
     * @param tool        the tool
     * @param file        its file names: group 1 the number, group 2 the name
     * @param places      where it keeps them under a project directory ({@code db/migrate})
     * @param described   its files as shown after their count: {@code <timestamp>_<name>.rb files}
     * @param orderPolicy what it does with a pending file older than the newest applied one
     * @param lateNote    the note shown on such a file
     * @param byNumber    whether it compares versions as numbers ({@code 0042} is 42) rather than as written
     */
    record Convention(MigrationTool tool, Pattern file, List<String> places, String described, OrderPolicy orderPolicy,
                      String lateNote, boolean byNumber) {
        Convention {
            Objects.requireNonNull(tool, "tool");
            Objects.requireNonNull(file, "file");
            places = List.copyOf(places);
            Objects.requireNonNull(described, "described");
            Objects.requireNonNull(orderPolicy, "orderPolicy");
            Objects.requireNonNull(lateNote, "lateNote");
        }
    }

    private final Convention convention;

    NumberedFileSupport(Convention convention) {
        this.convention = convention;
    }

    /** Whether {@code file}, named as the tool names its files, is marked as the tool marks them; all are by default. */
    boolean recognises(NumberedFile file) {
        return true;
    }

    @Override
    public final MigrationTool tool() {
        return convention.tool();
    }

    @Override
    public final Optional<Layout> detect(Path dir) {
        return MigrationFiles.firstPlace(dir, convention.places(), d -> recognised(d) > 0)
                .map(d -> new Layout(d, recognised(d) + " " + convention.described()));
    }

    private long recognised(Path dir) {
        return NumberedFile.in(dir, convention.file()).stream().filter(this::recognises).count();
    }

    @Override
    public final Path locate(Path dir) {
        return MigrationFiles.firstPlace(dir, convention.places(), d -> !NumberedFile.in(d, convention.file()).isEmpty())
                .orElse(dir);
    }

    @Override
    public final OrderPolicy orderPolicy() {
        return convention.orderPolicy();
    }

    @Override
    public final String lateNote() {
        return convention.lateNote();
    }

    @Override
    public final List<LocalMigration> readDirectory(Path directory) {
        return NumberedFile.in(directory, convention.file()).stream()
                .map(f -> convention.byNumber() ? f.byNumber() : f.byText()).toList();
    }
}
