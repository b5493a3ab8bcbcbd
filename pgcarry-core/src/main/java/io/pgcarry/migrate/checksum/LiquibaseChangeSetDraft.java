package io.pgcarry.migrate.checksum;

import io.pgcarry.error.ConfigurationException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A change set being read by {@link LiquibaseFormattedSql}: the attributes of its {@code --changeset} line, then
 * its SQL, rollback and directive lines. Attribute patterns follow {@code AbstractFormattedChangeLogParser}'s
 * ({@code RUN_ON_CHANGE_REGEX}, {@code SPLIT_STATEMENTS_REGEX}, {@code END_DELIMITER_REGEX}, ...): case-insensitive,
 * anywhere on the line, the last occurrence winning, booleans read by {@link Boolean#parseBoolean(String)} (so
 * {@code rollbackSplitStatements:false} alone sets splitStatements too, as in Liquibase). endDelimiter uses 4.2x's
 * word boundary, which older 4.x lacked (there {@code rollbackEndDelimiter:} also set it).
 */
final class LiquibaseChangeSetDraft {
    private static final Pattern PROPERTY_REFERENCE = Pattern.compile("\\$\\{[^}]+}");

    private final String id;
    private final String author;
    private final String filePath;
    private final String line;
    private final int lineNumber;
    private final String recordedPath;
    final StringBuilder sql = new StringBuilder();
    final StringBuilder rollback = new StringBuilder();
    final List<String> validCheckSums = new ArrayList<>();
    String comments;

    private LiquibaseChangeSetDraft(String author, String id, String filePath, String line, int lineNumber,
            String recordedPath) {
        this.author = author;
        this.id = id;
        this.filePath = filePath;
        this.line = line;
        this.lineNumber = lineNumber;
        this.recordedPath = recordedPath;
    }

    static LiquibaseChangeSetDraft start(Matcher changeSet, String line, int number, String changelogPath,
            String recordedPath) {
        String author = changeSet.group(1);
        String id = changeSet.group(2);
        // Liquibase refuses "--changeset author: id": the id must follow the colon directly.
        Pattern exact = Pattern.compile("\\s*--\\s*changeset\\s+" + Pattern.quote(author + ":" + id) + ".*",
                Pattern.CASE_INSENSITIVE);
        if (!exact.matcher(line).matches()) {
            throw new ConfigurationException(recordedPath + " line " + number
                    + ": a change set line must read '--changeset author:id'");
        }
        String ownPath = attribute(line, "logicalFilePath", "(\\S*)");
        String path = ownPath == null || ownPath.isEmpty() ? changelogPath : ownPath;
        return new LiquibaseChangeSetDraft(unquote(author), unquote(id), path.replace('\\', '/'), line, number,
                recordedPath);
    }

    LiquibaseChangeSet finish(boolean last) {
        String body = sql.toString().trim();
        if (body.isEmpty() && !last) {
            throw new ConfigurationException(recordedPath + " line " + lineNumber + ": change set " + author + ":"
                    + id + " has no SQL");
        }
        String endDelimiter = attribute(line, "\\bendDelimiter", "(\\S*)");
        if (last && endDelimiter == null && body.endsWith("\n/")) {
            endDelimiter = "\n/$";
        }
        String contexts = attribute(line, "contextFilter", "(\".*?\"|\\S*)");
        if (contexts == null || contexts.isEmpty()) {
            contexts = attribute(line, "context", "(\".*?\"|\\S*)");
        }
        return new LiquibaseChangeSet(id, author, filePath, body, flag("splitStatements", true),
                flag("stripComments", true), endDelimiter, flag("runOnChange", false), flag("runAlways", false),
                comments, unquoteOrNull(contexts), unquoteOrNull(attribute(line, "labels", "(\".*?\"|\\S*)")),
                attribute(line, "dbms", "([^,][\\w!,]+)"), validCheckSums, rollback.toString(), lineNumber,
                PROPERTY_REFERENCE.matcher(body).find());
    }

    private boolean flag(String name, boolean absent) {
        String value = attribute(line, name, "(\\w+)");
        return value == null ? absent : Boolean.parseBoolean(value);
    }

    /** The value of {@code name:} on the line, as Liquibase's {@code .*name:(value).*} finds it, or null. */
    static String attribute(String line, String name, String value) {
        Matcher matcher = Pattern.compile(".*" + name + ":" + value + ".*", Pattern.CASE_INSENSITIVE).matcher(line);
        return matcher.matches() ? matcher.group(1) : null;
    }

    private static String unquote(String text) {
        boolean quoted = text.length() >= 2 && (text.startsWith("\"") && text.endsWith("\"")
                || text.startsWith("'") && text.endsWith("'"));
        return quoted ? text.substring(1, text.length() - 1) : text;
    }

    private static String unquoteOrNull(String text) {
        return text == null || text.isEmpty() ? null : unquote(text);
    }
}
