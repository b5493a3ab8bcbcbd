package io.pgcarry.migrate.checksum;

import io.pgcarry.error.ConfigurationException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a {@code sqitch.plan}, as {@code App::Sqitch::Plan::_parse} of Sqitch 1.x does: pragma lines
 * {@code %name=value} up to the first empty line ({@code %project} required), then change lines
 * {@code [+|-]name [dep ...] YYYY-MM-DDTHH:MM:SSZ planner name <email> # note} and tag lines
 * {@code @tag YYYY-MM-DDTHH:MM:SSZ planner name <email> # note}; empty lines and {@code # comment} lines anywhere.
 * A note starts at a line's first {@code #}. A tag belongs to the change before it; a change name declared again
 * after a tag is a rework, and its earlier declaration's rework tags are, as {@code _parse} collects them, the tags of
 * every change after it (latest change first) and then its own tags. Each line's trailing CR is dropped, so ids never
 * depend on line endings (Sqitch 1.3.1 on Linux read the CRLF copy of the test plan to the same ids).
 */
public final class SqitchPlanParser {
    private static final String PUNCT = "-!\"#$%&'()*+,./:;<=>?@\\[\\\\\\]^`{|}~";
    // Plan.pm's $name_re: no blank, ':', '@', '#' or '\'; neither starting nor ending in punctuation.
    private static final String NAME = "(?![" + PUNCT + "])(?:(?![~/=%^][0-9]+(?:$|[ \\t]))[^ \\t:@#\\\\])+(?<!["
            + PUNCT + "])\\b";
    private static final Pattern BLANK = Pattern.compile("[ \\t]*(?:#[ \\t]*(.+))?");
    private static final Pattern PRAGMA = Pattern.compile("[ \\t]*%[ \\t]*([^ \\t=]+?)(?:[ \\t]*=[ \\t]*(.+))?");
    private static final Pattern LINE = Pattern.compile("[ \\t]*(@|[ \\t]*([+-])[ \\t]*)?(" + NAME + ")[ \\t]*"
            + "(?:\\[([^\\]]+)\\][ \\t]*)?"
            + "(?:([0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z)[ \\t]*)?"
            + "(?:([^<]+)[ \\t]+<([^>]+)>)?");
    private static final Pattern DEPENDENCY = Pattern.compile("(!?)(?:(" + NAME + "):)?(?:([0-9a-f]{40})|(" + NAME
            + ")(?:@(" + NAME + "))?|@(" + NAME + "))");

    private SqitchPlanParser() {
    }

    /** Parses the plan's text and computes every change and tag id. */
    public static SqitchPlan parse(String text) {
        String[] lines = text.split("\n", -1);
        Map<String, String> pragmas = new LinkedHashMap<>();
        int next = readPragmas(lines, pragmas);
        String project = pragmas.get("project");
        if (project == null) {
            throw new ConfigurationException("sqitch.plan has no %project pragma");
        }
        SqitchPlanBuilder builder = new SqitchPlanBuilder(project, pragmas.get("uri"));
        for (int i = next; i < lines.length; i++) {
            String line = withoutCr(lines[i]);
            if (!BLANK.matcher(line).matches()) {
                readLine(builder, line, i + 1);
            }
        }
        return builder.build(pragmas);
    }

    private static int readPragmas(String[] lines, Map<String, String> pragmas) {
        for (int i = 0; i < lines.length; i++) {
            String line = withoutCr(lines[i]);
            Matcher blank = BLANK.matcher(line);
            if (blank.matches()) {
                if (blank.group(1) == null) {
                    return i + 1;
                }
                continue;
            }
            Matcher pragma = PRAGMA.matcher(splitNote(line)[0]);
            if (!pragma.matches()) {
                throw new ConfigurationException("sqitch.plan line " + (i + 1)
                        + ": invalid pragma; a blank line must come between pragmas and changes");
            }
            pragmas.put(pragma.group(1), pragma.group(2) == null ? "1" : pragma.group(2));
        }
        return lines.length;
    }

    private static void readLine(SqitchPlanBuilder builder, String line, int number) {
        String[] contentAndNote = splitNote(line);
        Matcher parts = LINE.matcher(contentAndNote[0]);
        if (!parts.matches() || parts.group(5) == null || parts.group(6) == null) {
            throw new ConfigurationException("sqitch.plan line " + number
                    + ": expected a change or tag with a timestamp and a planner name and email");
        }
        String note = note(contentAndNote[1]);
        boolean tag = "@".equals(parts.group(1));
        if (tag) {
            if (parts.group(4) != null) {
                throw new ConfigurationException("sqitch.plan line " + number + ": tags may not specify dependencies");
            }
            builder.addTag("@" + parts.group(3), parts.group(5), parts.group(6), parts.group(7), note, number);
            return;
        }
        List<String> requires = new ArrayList<>();
        List<String> conflicts = new ArrayList<>();
        if (parts.group(4) != null) {
            for (String dependency : parts.group(4).trim().split("[ \\t]+")) {
                readDependency(builder.project(), dependency, requires, conflicts, number);
            }
        }
        String operator = parts.group(2) == null ? "" : parts.group(2);
        builder.addChange(parts.group(3), operator, requires, conflicts, parts.group(5), parts.group(6),
                parts.group(7), note);
    }

    /** Adds the dependency as {@code Depend.as_string} prints it: {@code project:} only for another project. */
    private static void readDependency(String project, String text, List<String> requires, List<String> conflicts,
            int number) {
        Matcher dependency = DEPENDENCY.matcher(text);
        if (!dependency.matches()) {
            throw new ConfigurationException("sqitch.plan line " + number + ": '" + text
                    + "' is not a valid dependency specification");
        }
        String key = dependency.group(3) != null ? dependency.group(3)
                : dependency.group(4) != null
                        ? dependency.group(4) + (dependency.group(5) == null ? "" : "@" + dependency.group(5))
                        : "@" + dependency.group(6);
        String other = dependency.group(2);
        String asString = other != null && !other.equals(project) ? other + ":" + key : key;
        (dependency.group(1).isEmpty() ? requires : conflicts).add(asString);
    }

    /** The line without its note, trailing blanks dropped, and the note's raw text (or null): split at the first '#'. */
    private static String[] splitNote(String line) {
        int hash = line.indexOf('#');
        String content = hash < 0 ? line : line.substring(0, hash);
        String note = hash < 0 ? null : line.substring(hash + 1).replaceFirst("^[ \\t]+", "");
        return new String[] {content.replaceFirst("[ \\t]+$", ""), note};
    }

    /** {@code Plan::Line}'s note: trimmed, then {@code \\}, {@code \n} and {@code \r} unescaped. */
    private static String note(String raw) {
        if (raw == null || raw.isEmpty()) {
            return "";
        }
        return Pattern.compile("\\\\([\\\\nr])").matcher(raw.strip()).replaceAll(escape -> Matcher.quoteReplacement(
                switch (escape.group(1)) {
                    case "n" -> "\n";
                    case "r" -> "\r";
                    default -> "\\";
                }));
    }

    private static String withoutCr(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }
}
