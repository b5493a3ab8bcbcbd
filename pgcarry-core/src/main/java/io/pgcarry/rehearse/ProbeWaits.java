package io.pgcarry.rehearse;

import java.util.HashMap;
import java.util.Map;

/** The longest probe wait per phase of the rehearsal (a statement, or its lock_timeout trial). */
final class ProbeWaits {
    private final Map<Integer, ProbeWait> longest = new HashMap<>();

    synchronized void record(int phase, ProbeWait wait) {
        longest.merge(phase, wait, (a, b) -> b.seconds() > a.seconds() ? b : a);
    }

    synchronized ProbeWait of(int phase) {
        return longest.get(phase);
    }
}
