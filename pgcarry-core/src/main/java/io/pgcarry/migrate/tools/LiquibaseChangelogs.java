package io.pgcarry.migrate.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.pgcarry.error.ConfigurationException;
import io.pgcarry.migrate.checksum.LiquibaseChangeSet;
import io.pgcarry.migrate.checksum.LiquibaseFormattedSql;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The change sets of a Liquibase project in the order Liquibase visits them: from a master changelog (XML, YAML or
 * JSON) through its {@code include} and {@code includeAll} entries, depth first; or, without a master, every
 * formatted SQL changelog of the directory by name. Each change set carries the path Liquibase records as its
 * FILENAME: an include's {@code file} as written, or resolved against the including changelog's path with
 * {@code relativeToChangelogFile}. Change sets written in XML, YAML or JSON, and plain SQL files (Liquibase's
 * {@code raw} change set), are listed with their identity only: pgcarry recomputes the checksums of formatted SQL.
 */
final class LiquibaseChangelogs {
    /**
     * The usual names of a master changelog: {@code db.changelog-master.yaml}, {@code changelog.xml}... A formatted SQL
     * file is never one, whatever its name: it cannot include others, so it is read among the directory's changelogs.
     */
    static final Pattern MASTER = Pattern.compile("(?:db\\.)?changelog(?:[-.]master)?\\.(?:xml|ya?ml|json)");
    private static final Pattern CHANGELOG = Pattern.compile(".+\\.(?:xml|ya?ml|json|sql)");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /**
     * One change set.
     *
     * @param file     its changelog, relative to the directory read
     * @param id       its id
     * @param author   its author
     * @param filePath the FILENAME Liquibase records for it
     * @param parsed   the change set of a formatted SQL changelog, or null for the others
     * @param unread   why its checksum is not recomputed, when {@code parsed} is null
     */
    record Entry(String file, String id, String author, String filePath, LiquibaseChangeSet parsed, String unread) {
    }

    private final Path directory;
    private final List<Entry> entries = new ArrayList<>();
    private final Set<Path> visiting = new HashSet<>();

    private LiquibaseChangelogs(Path directory) {
        this.directory = directory;
    }

    /** The change sets under {@code master}, or of every formatted SQL changelog in {@code directory} when it is null. */
    static List<Entry> read(Path directory, Path master) {
        LiquibaseChangelogs reader = new LiquibaseChangelogs(directory);
        if (master != null) {
            reader.visit(master, MigrationFiles.relative(directory, master));
        } else {
            for (Path sql : formattedSql(directory)) {
                reader.visit(sql, MigrationFiles.relative(directory, sql));
            }
        }
        return List.copyOf(reader.entries);
    }

    /** The master changelog directly in {@code dir}, if it has one. */
    static Path master(Path dir) {
        return MigrationFiles.files(dir, MASTER).stream().findFirst().orElse(null);
    }

    /** The formatted SQL changelogs directly in {@code dir}, by name. */
    static List<Path> formattedSql(Path dir) {
        return MigrationFiles.files(dir, Pattern.compile(".+\\.sql")).stream().filter(LiquibaseChangelogs::isFormattedSql).toList();
    }

    static boolean isFormattedSql(Path file) {
        return LiquibaseFormattedSql.isFormattedSql(MigrationFiles.head(file));
    }

    private void visit(Path file, String recordedPath) {
        Path real = file.toAbsolutePath().normalize();
        if (!visiting.add(real)) {
            throw new ConfigurationException("the Liquibase changelog " + file + " includes itself");
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".xml")) {
            LiquibaseXmlChangelog.read(file, recordedPath, this);
        } else if (name.endsWith(".sql")) {
            visitSql(file, recordedPath);
        } else {
            visitYaml(file, recordedPath);
        }
        visiting.remove(real);
    }

    private void visitSql(Path file, String recordedPath) {
        String relative = MigrationFiles.relative(directory, file);
        if (!isFormattedSql(file)) {
            entries.add(new Entry(relative, "raw", "includeAll", recordedPath, null,
                    "a plain SQL changelog (Liquibase's raw change set): its checksum is not recomputed"));
            return;
        }
        for (LiquibaseChangeSet changeSet : LiquibaseFormattedSql.parse(recordedPath, MigrationFiles.read(file))) {
            entries.add(new Entry(relative, changeSet.id(), changeSet.author(), changeSet.filePath(), changeSet, null));
        }
    }

    private void visitYaml(Path file, String recordedPath) {
        JsonNode log;
        try {
            log = YAML.readTree(file.toFile()).path("databaseChangeLog");
        } catch (IOException e) {
            throw new ConfigurationException("cannot read the Liquibase changelog " + file + ": " + e.getMessage(), e);
        }
        String logical = null;
        for (JsonNode item : log) {
            if (item.has("property") || item.has("preConditions")) {
                continue;
            }
            JsonNode include = item.path("include");
            JsonNode includeAll = item.path("includeAll");
            JsonNode changeSet = item.path("changeSet");
            if (item.has("logicalFilePath")) {
                logical = item.get("logicalFilePath").asText();
            } else if (include.isObject()) {
                include(file, recordedPath, include.path("file").asText(), include.path("relativeToChangelogFile").asBoolean());
            } else if (includeAll.isObject()) {
                includeAll(file, recordedPath, includeAll.path("path").asText(),
                        includeAll.path("relativeToChangelogFile").asBoolean());
            } else if (changeSet.isObject()) {
                String own = changeSet.path("logicalFilePath").asText(null);
                stub(file, changeSet.path("id").asText(), changeSet.path("author").asText(),
                        own != null ? own : logical != null ? logical : recordedPath, "YAML");
            }
        }
    }

    /** A change set written in XML, YAML or JSON: its identity, not its checksum. */
    void stub(Path file, String id, String author, String filePath, String format) {
        entries.add(new Entry(MigrationFiles.relative(directory, file), id, author, normalise(filePath), null,
                "a change set written in " + format + ": pgcarry recomputes the checksums of formatted SQL only"));
    }

    /** An {@code include} of {@code included} from {@code from}, recorded as {@code fromRecorded}. */
    void include(Path from, String fromRecorded, String included, boolean relative) {
        if (included.isBlank()) {
            throw new ConfigurationException("the Liquibase changelog " + from + " has an include without a file");
        }
        String recorded = relative ? sibling(fromRecorded, included) : normalise(included);
        Path target = relative ? from.resolveSibling(included) : searchUp(from, normalise(included));
        if (!Files.isRegularFile(target)) {
            throw new ConfigurationException("the Liquibase changelog " + from + " includes " + included + ", which is not there");
        }
        visit(target, recorded);
    }

    /** An {@code includeAll} of the changelogs under {@code path}, by path, as Liquibase orders them. */
    void includeAll(Path from, String fromRecorded, String path, boolean relative) {
        String recorded = relative ? sibling(fromRecorded, path) : normalise(path);
        Path dir = relative ? from.resolveSibling(path) : searchUp(from, normalise(path));
        if (!Files.isDirectory(dir)) {
            throw new ConfigurationException("the Liquibase changelog " + from + " includes all of " + path + ", which is not a directory");
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).filter(f -> CHANGELOG.matcher(f.getFileName().toString()).matches())
                    .sorted().toList()) {
                visit(file, normalise(recorded + "/" + MigrationFiles.relative(dir, file)));
            }
        } catch (IOException e) {
            throw new ConfigurationException("cannot read " + dir + ": " + e.getMessage(), e);
        }
    }

    /** A path relative to the search path: from the including changelog's directory up, the first that has it. */
    private static Path searchUp(Path from, String path) {
        for (Path dir = from.toAbsolutePath().getParent(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve(path))) {
                return dir.resolve(path);
            }
        }
        return from.resolveSibling(path);
    }

    private static String sibling(String recorded, String path) {
        int slash = recorded.lastIndexOf('/');
        return normalise(slash < 0 ? path : recorded.substring(0, slash + 1) + path);
    }

    /** A changelog path as Liquibase compares them: no {@code classpath:}, no leading {@code /}, {@code /} separators. */
    static String normalise(String path) {
        String p = path.replace('\\', '/').replaceFirst("^(?:classpath\\*?|file):", "");
        String normal = Path.of(p.isEmpty() ? "." : p).normalize().toString().replace('\\', '/');
        return normal.replaceFirst("^/+", "");
    }
}
