package io.pgcarry.migrate.checksum;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sqitch's change ids, tag ids and deploy script hashes, as Sqitch 1.x computes them.
 *
 * <p>Facts relied on, read in {@code sqitchers/sqitch}, {@code lib/App/Sqitch/Plan/Change.pm}, {@code Plan/Tag.pm},
 * {@code Plan/Line.pm}, {@code Plan/Depend.pm} and {@code Plan.pm} ({@code _parse}), and in the same files of the
 * Sqitch 1.3.1 package:
 * <ul>
 * <li>A change's {@code info} is LF-joined lines: {@code project P}, {@code uri U} (only with a {@code %uri}
 * pragma, in the URI's canonical form), {@code change NAME}, {@code parent ID} (the id of the change before it in
 * the plan; none for the first), {@code planner NAME <EMAIL>}, {@code date YYYY-MM-DDTHH:MM:SSZ}, then
 * {@code requires} followed by one {@code "  + dep"} line per required dependency, {@code conflicts} followed by
 * {@code "  - dep"} lines, and, when there is a note, an empty line and the note. Dependencies print as
 * {@code Depend.as_string}: {@code project:} only for another project.</li>
 * <li>Its {@code id} is the hex SHA-1 of {@code "change " + length + "\0" + info}, the length in UTF-8 bytes (as git
 * hashes objects). A tag's id is the same over {@code "tag "} and the lines {@code project}, {@code uri},
 * {@code tag @NAME}, {@code change CHANGE_ID}, {@code planner}, {@code date} and the note.</li>
 * <li>A note in the plan is trimmed and its {@code \n}, {@code \r} and {@code \\} unescaped; Perl treats a note
 * {@code 0} as no note.</li>
 * <li>{@code script_hash} ({@code _deploy_hash}): the hex SHA-1 of the deploy script's raw bytes, or NULL when the
 * file does not exist. The script is {@code deploy/NAME.sql}; an earlier declaration of a reworked change uses
 * {@code deploy/NAME@TAG.sql}, with the first of its rework tags whose file exists, else the first rework tag.</li>
 * </ul>
 * These were checked against {@code sqitch plan} of Sqitch 1.3.1 on the test plan. Not covered: a
 * {@code reworked_dir} or non-default script directories and extensions in {@code sqitch.conf} (pass the deploy
 * directory), and URI canonical forms beyond lower-casing scheme and host, dropping a default port and giving an
 * empty HTTP path a {@code /}.
 */
public final class SqitchChecksum {
    private static final Pattern URI = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*)://([^/?#:]*)(:\\d*)?([^?#]*)(.*)");

    private SqitchChecksum() {
    }

    /** The hex SHA-1 Sqitch stores as {@code script_hash}: of the deploy script's exact bytes. */
    public static String scriptHash(byte[] deployScript) {
        return Digests.sha1Hex(deployScript);
    }

    /** Compares a recorded {@code script_hash} with the deploy script, then with its LF and CRLF forms. */
    public static ChecksumMatch match(String recordedScriptHash, byte[] deployScript) {
        return ChecksumMatch.of(recordedScriptHash, deployScript, SqitchChecksum::scriptHash);
    }

    /** A git-style object id: hex SHA-1 of {@code kind + " " + byte length + "\0" + info}. */
    public static String objectId(String kind, String info) {
        byte[] content = info.getBytes(UTF_8);
        return Digests.sha1Hex((kind + " " + content.length + "\0").getBytes(UTF_8), content);
    }

    /** The change's id, from everything but its {@code id} field. */
    public static String changeId(String project, String uri, SqitchPlan.Change change) {
        List<String> lines = header(project, uri);
        lines.add("change " + change.name());
        if (change.parentId() != null) {
            lines.add("parent " + change.parentId());
        }
        lines.add("planner " + change.plannerName() + " <" + change.plannerEmail() + ">");
        lines.add("date " + change.plannedAt());
        if (!change.requires().isEmpty()) {
            lines.add("requires\n  + " + String.join("\n  + ", change.requires()));
        }
        if (!change.conflicts().isEmpty()) {
            lines.add("conflicts\n  - " + String.join("\n  - ", change.conflicts()));
        }
        addNote(lines, change.note());
        return objectId("change", String.join("\n", lines));
    }

    /** The tag's id, from everything but its {@code id} field. */
    public static String tagId(String project, String uri, SqitchPlan.Tag tag) {
        List<String> lines = header(project, uri);
        lines.add("tag " + tag.name());
        lines.add("change " + tag.changeId());
        lines.add("planner " + tag.plannerName() + " <" + tag.plannerEmail() + ">");
        lines.add("date " + tag.plannedAt());
        addNote(lines, tag.note());
        return objectId("tag", String.join("\n", lines));
    }

    /**
     * The deploy script of a change under {@code deployDir} ({@code deploy/} of the project by default); for an
     * earlier declaration of a reworked change, the {@code name@tag.sql} file Sqitch would pick.
     */
    public static Path deployScript(Path deployDir, SqitchPlan.Change change) {
        String[] segments = change.name().split("/", -1);
        Path parent = deployDir;
        for (int i = 0; i < segments.length - 1; i++) {
            parent = parent.resolve(segments[i]);
        }
        String base = segments[segments.length - 1];
        if (!change.isReworked()) {
            return parent.resolve(base + ".sql");
        }
        for (String tag : change.reworkTags()) {
            Path candidate = parent.resolve(base + tag + ".sql");
            if (Files.exists(candidate)) {
                return candidate;
            }
        }
        return parent.resolve(base + change.reworkTags().get(0) + ".sql");
    }

    /** The URI as Perl's {@code URI->canonical} prints the common cases (see the class comment). */
    static String canonicalUri(String uri) {
        Matcher parts = URI.matcher(uri);
        if (!parts.matches()) {
            return uri;
        }
        String scheme = parts.group(1).toLowerCase(Locale.ROOT);
        String port = parts.group(3) == null ? "" : parts.group(3);
        boolean http = scheme.equals("http") || scheme.equals("https");
        if (port.equals(":") || http && port.equals(scheme.equals("http") ? ":80" : ":443")) {
            port = "";
        }
        String path = http && parts.group(4).isEmpty() ? "/" : parts.group(4);
        return scheme + "://" + parts.group(2).toLowerCase(Locale.ROOT) + port + path + parts.group(5);
    }

    private static List<String> header(String project, String uri) {
        List<String> lines = new ArrayList<>();
        lines.add("project " + project);
        if (uri != null && !uri.isEmpty()) {
            lines.add("uri " + canonicalUri(uri));
        }
        return lines;
    }

    private static void addNote(List<String> lines, String note) {
        if (!note.isEmpty() && !note.equals("0")) {
            lines.add("");
            lines.add(note);
        }
    }
}
