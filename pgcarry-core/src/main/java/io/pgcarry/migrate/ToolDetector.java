package io.pgcarry.migrate;

import io.pgcarry.error.ConfigurationException;
import io.pgcarry.error.Setting;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Which tool a directory and a database belong to: the one named with {@code --tool}; else the one whose layout the
 * directory has; when several layouts fit, the one of them whose ledger the database holds; when none fits, the one
 * whose ledger the database holds. Anything else is ambiguous, and the user is asked for {@code --tool}: pgcarry
 * never guesses between tools.
 */
final class ToolDetector {
    private ToolDetector() {
    }

    /** The tool chosen, the directory of its migrations and why it was chosen. */
    record Choice(ToolSupport support, Path directory, String evidence) {
    }

    static Choice choose(ToolSupport forced, Path dir, List<ToolSupport> supports, LedgerCatalog ledgers, String schema) {
        if (forced != null) {
            return new Choice(forced, forced.detect(dir).map(Layout::directory).orElse(forced.locate(dir)), Setting.TOOL.mention());
        }
        Map<ToolSupport, Layout> layouts = supports.stream().flatMap(s -> s.detect(dir).stream().map(l -> Map.entry(s, l)))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
        if (layouts.size() == 1) {
            return byLayout(layouts.entrySet().iterator().next());
        }
        List<ToolSupport> withLedger = (layouts.isEmpty() ? supports : List.copyOf(layouts.keySet())).stream()
                .filter(s -> ledgers.find(s, schema).isPresent()).toList();
        if (withLedger.size() == 1) {
            ToolSupport support = withLedger.get(0);
            Optional<Layout> layout = Optional.ofNullable(layouts.get(support));
            String ledger = "ledger " + ledgers.find(support, schema).orElseThrow();
            return new Choice(support, layout.map(Layout::directory).orElse(support.locate(dir)),
                    layout.map(l -> l.evidence() + " and " + ledger).orElse(ledger));
        }
        throw ambiguous(dir, layouts.isEmpty() ? withLedger : List.copyOf(layouts.keySet()));
    }

    private static Choice byLayout(Map.Entry<ToolSupport, Layout> found) {
        return new Choice(found.getKey(), found.getValue().directory(), found.getValue().evidence());
    }

    private static ConfigurationException ambiguous(Path dir, List<ToolSupport> candidates) {
        if (candidates.isEmpty()) {
            return new ConfigurationException("no migrations pgcarry recognises in " + dir
                    + " and no known ledger table in the database; name the tool with " + Setting.TOOL.mention() + " (" + MigrationTool.names() + ")");
        }
        String names = candidates.stream().map(s -> s.tool().cliName()).collect(Collectors.joining(", "));
        return new ConfigurationException("cannot tell which tool " + dir + " belongs to (it could be " + names
                + "); name it with " + Setting.TOOL.mention());
    }
}
