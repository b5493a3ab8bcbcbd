package io.pgcarry.lint;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** What the rules found one statement to do, gathered while they read it. */
final class Effect {
    private final List<PredictedLock> locks = new ArrayList<>();
    private final List<Issue> issues = new ArrayList<>();
    private boolean rewrite;
    private boolean scan;

    /** Notes a lock, keeping only the strongest per relation. */
    void lock(TableRef relation, LockMode mode) {
        for (int i = 0; i < locks.size(); i++) {
            if (locks.get(i).relation().equals(relation)) {
                locks.set(i, new PredictedLock(relation, LockMode.max(mode, locks.get(i).mode())));
                return;
            }
        }
        locks.add(new PredictedLock(relation, mode));
    }

    void rewrite() {
        rewrite = true;
        scan = true;
    }

    void scan() {
        scan = true;
    }

    void issue(Issue issue) {
        issues.add(issue);
    }

    List<PredictedLock> locks() {
        return locks.stream().sorted(Comparator.comparing(PredictedLock::mode).reversed()).toList();
    }

    List<Issue> issues() {
        return List.copyOf(issues);
    }

    boolean rewrites() {
        return rewrite;
    }

    boolean scans() {
        return scan;
    }
}
