package io.pgcarry.migrate.checksum;

import io.pgcarry.error.ConfigurationException;
import java.io.BufferedReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a Liquibase formatted SQL changelog into its change sets, as Liquibase 4.x's parser does.
 *
 * <p>Facts relied on, read in {@code liquibase-standard/src/main/java/liquibase/parser/AbstractFormattedChangeLogParser.java}
 * ({@code parse}, {@code configureChangeSet}, {@code handleChangeSet}) and its subclass
 * {@code parser/core/formattedsql/FormattedSqlChangeLogParser.java}, and in the 4.x
 * {@code liquibase-core/.../formattedsql/FormattedSqlChangeLogParser.java} before they were split:
 * <ul>
 * <li>The file is read as UTF-8 (a byte-order mark dropped) line by line with {@link BufferedReader#readLine()}, so
 * CR LF, LF and a lone CR all end a line and never reach a change set's SQL.</li>
 * <li>The first non-blank line matches {@code --liquibase formatted} (case-insensitive); a {@code logicalFilePath:}
 * on it sets the path of every change set.</li>
 * <li>{@code --property} lines and {@code --ignoreLines:start}..{@code --ignoreLines:end} or
 * {@code --ignoreLines:N} are dropped wherever they are.</li>
 * <li>{@code --changeset author:id attr:value...} starts a change set; quotes around author or id are removed.
 * Inside one, these whole lines are directives, not SQL: {@code --comment: text} (also {@code --comment text}, so a
 * plain comment line starting with the word "comment" is one), {@code --validCheckSum: x}, {@code --rollback x},
 * a {@code /* liquibase rollback} block up to the line ending in {@code *}{@code /}, and {@code --preconditions...} /
 * {@code --precondition-name ...} lines. Every other line, comments included, is SQL, appended with a line
 * separator.</li>
 * <li>The SQL is {@code trim()}med; a change set other than the last one without SQL is an error.</li>
 * <li>Defaults: splitStatements true, stripComments true, endDelimiter none; the last change set whose SQL ends in a
 * line {@code /} gets endDelimiter {@code \n/$}.</li>
 * </ul>
 * Changelog properties ({@code ${name}}) are not substituted: their values live outside the file (see
 * {@link LiquibaseChangeSet#usesProperties()}). Lines Liquibase rejects as malformed are taken as SQL here: only
 * changelogs Liquibase accepted can have been applied.
 */
public final class LiquibaseFormattedSql {
    private static final int FLAGS = Pattern.CASE_INSENSITIVE;
    private static final Pattern FIRST_LINE = Pattern.compile("\\s*--\\s*liquibase\\s*formatted.*", FLAGS);
    private static final Pattern PROPERTY = Pattern.compile("\\s*--\\s*property\\s+(.*:.*)\\s+(.*:.*).*", FLAGS);
    private static final Pattern IGNORE_LINES = Pattern.compile("--\\s*ignoreLines:(\\w+)", FLAGS);
    private static final Pattern CHANGE_SET =
            Pattern.compile("\\s*--\\s*changeset\\s+(\"[^\"]+\"|[^:]+):\\s*(\"[^\"]+\"|\\S+).*", FLAGS);
    private static final Pattern COMMENT = Pattern.compile("--\\s*comment:? (.*)", FLAGS);
    private static final Pattern VALID_CHECKSUM = Pattern.compile("--\\s*validCheckSum:? (.*)", FLAGS);
    private static final Pattern ROLLBACK = Pattern.compile("\\s*--\\s*rollback (.*)", FLAGS);
    private static final Pattern ROLLBACK_BLOCK_START = Pattern.compile("\\s*/\\*\\s*liquibase\\s*rollback\\s*", FLAGS);
    private static final Pattern ROLLBACK_BLOCK_END = Pattern.compile(".*\\*/\\s*");
    private static final Pattern PRECONDITION =
            Pattern.compile("\\s*--\\s*(preconditions.*|precondition-[a-zA-Z0-9-]+( .*)?)", FLAGS);

    private LiquibaseFormattedSql() {
    }

    /** Whether the changelog's first non-blank line declares it a formatted SQL changelog. */
    public static boolean isFormattedSql(String text) {
        return text.lines().filter(line -> !line.isBlank()).findFirst()
                .map(line -> FIRST_LINE.matcher(stripBom(line)).matches()).orElse(false);
    }

    /** Parses the changelog's UTF-8 bytes; {@code recordedPath} is the path Liquibase was given it by. */
    public static List<LiquibaseChangeSet> parse(String recordedPath, byte[] content) {
        return parse(recordedPath, new String(content, StandardCharsets.UTF_8));
    }

    /** Parses the changelog's text; {@code recordedPath} is the path Liquibase was given it by. */
    public static List<LiquibaseChangeSet> parse(String recordedPath, String text) {
        String body = stripBom(text);
        if (!isFormattedSql(body)) {
            throw new ConfigurationException(recordedPath + " is not a Liquibase formatted SQL changelog: its first"
                    + " line is not '--liquibase formatted sql'");
        }
        Iterator<String> lines = new BufferedReader(new StringReader(body)).lines().iterator();
        List<LiquibaseChangeSet> changeSets = new ArrayList<>();
        String logicalPath = null;
        LiquibaseChangeSetDraft draft = null;
        int number = 0;
        while (lines.hasNext()) {
            String line = lines.next();
            number++;
            if (PROPERTY.matcher(line).matches()) {
                continue;
            }
            if (FIRST_LINE.matcher(line).matches()) {
                logicalPath = LiquibaseChangeSetDraft.attribute(line, "logicalFilePath", "(\\S*)");
            }
            Matcher ignore = IGNORE_LINES.matcher(line);
            if (ignore.matches()) {
                number += skipIgnored(ignore.group(1), lines, recordedPath, number);
                continue;
            }
            Matcher changeSet = CHANGE_SET.matcher(line);
            if (changeSet.matches()) {
                if (draft != null) {
                    changeSets.add(draft.finish(false));
                }
                String path = logicalPath == null || logicalPath.isEmpty() ? recordedPath : logicalPath;
                draft = LiquibaseChangeSetDraft.start(changeSet, line, number, path, recordedPath);
            } else if (draft != null) {
                number += readChangeSetLine(draft, line, lines);
            }
        }
        if (draft != null) {
            changeSets.add(draft.finish(true));
        }
        return List.copyOf(changeSets);
    }

    /** Takes one line inside a change set; returns how many more lines it consumed. */
    private static int readChangeSetLine(LiquibaseChangeSetDraft draft, String line, Iterator<String> lines) {
        Matcher matcher;
        if ((matcher = COMMENT.matcher(line)).matches()) {
            draft.comments = matcher.group(1);
        } else if ((matcher = VALID_CHECKSUM.matcher(line)).matches()) {
            draft.validCheckSums.add(matcher.group(1));
        } else if ((matcher = ROLLBACK.matcher(line)).matches()) {
            draft.rollback.append(matcher.group(1)).append('\n');
        } else if (ROLLBACK_BLOCK_START.matcher(line).matches()) {
            return readRollbackBlock(draft, lines);
        } else if (!PRECONDITION.matcher(line).matches()) {
            draft.sql.append(line).append('\n');
        }
        return 0;
    }

    private static int readRollbackBlock(LiquibaseChangeSetDraft draft, Iterator<String> lines) {
        int consumed = 0;
        while (lines.hasNext()) {
            String line = lines.next();
            consumed++;
            if (ROLLBACK_BLOCK_END.matcher(line).matches()) {
                draft.rollback.append(line, 0, line.lastIndexOf("*/")).append('\n');
                break;
            }
            draft.rollback.append(line).append('\n');
        }
        return consumed;
    }

    private static int skipIgnored(String how, Iterator<String> lines, String path, int number) {
        int consumed = 0;
        if ("start".equals(how)) {
            while (lines.hasNext()) {
                consumed++;
                Matcher end = IGNORE_LINES.matcher(lines.next());
                if (end.matches() && "end".equals(end.group(1))) {
                    break;
                }
            }
            return consumed;
        }
        try {
            for (long count = Long.parseLong(how); count > 0 && lines.hasNext(); count--) {
                lines.next();
                consumed++;
            }
            return consumed;
        } catch (NumberFormatException e) {
            throw new ConfigurationException(path + " line " + number + ": unknown ignoreLines value '" + how + "'");
        }
    }

    private static String stripBom(String text) {
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }
}
