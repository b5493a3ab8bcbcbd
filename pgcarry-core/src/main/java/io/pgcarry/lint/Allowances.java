package io.pgcarry.lint;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code -- pgcarry:allow RULE[, RULE...]} comments directly above a statement (the run of comment lines ending on
 * the line before it), which silence those rules for that statement. Text after a rule id (a reason) is allowed.
 */
final class Allowances {
    private static final Pattern ALLOW = Pattern.compile("^\\s*--.*?pgcarry:allow\\s+(.*)$");
    private static final Pattern ID = Pattern.compile("^([a-z0-9-]+)");

    /** An allow comment's rule id, and the line it is on. */
    record Named(String id, int line) {
    }

    private final List<String> lines;

    Allowances(String sql) {
        this.lines = sql.lines().toList();
    }

    /** The rule ids allowed for the statement starting on {@code line}. */
    List<Named> above(int line) {
        List<Named> named = new ArrayList<>();
        for (int l = line - 1; l >= 1 && l <= lines.size() && lines.get(l - 1).strip().startsWith("--"); l--) {
            Matcher m = ALLOW.matcher(lines.get(l - 1));
            if (m.matches()) {
                for (String part : m.group(1).split(",")) {
                    Matcher id = ID.matcher(part.strip());
                    if (id.find()) {
                        named.add(new Named(id.group(1), l));
                    }
                }
            }
        }
        return named;
    }

    /** The known rules among {@code named}. */
    static Set<LintRule> rules(List<Named> named) {
        Set<LintRule> rules = new HashSet<>();
        named.forEach(n -> LintRule.byId(n.id()).ifPresent(rules::add));
        return rules;
    }
}
