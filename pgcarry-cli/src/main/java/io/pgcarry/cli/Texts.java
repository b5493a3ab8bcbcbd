package io.pgcarry.cli;

import io.pgcarry.ping.PingResult;

/** Human-readable renderings of results. */
final class Texts {
    private Texts() {
    }

    static String ping(PingResult r) {
        return String.join("\n",
                "url:        " + r.url(),
                "server:     PostgreSQL " + r.serverVersion(),
                "user:       " + r.currentUser() + (r.superuser() ? " (superuser)" : " (not a superuser)"),
                "database:   " + r.database(),
                "encoding:   " + r.encoding(),
                "size:       " + bytes(r.sizeBytes()));
    }

    static String bytes(long bytes) {
        String[] units = {"B", "kB", "MB", "GB", "TB"};
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return unit == 0 ? bytes + " B" : String.format(java.util.Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
