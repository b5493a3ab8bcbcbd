package io.pgcarry.embedded;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * A PostgreSQL major version and the exact binaries release that provides it.
 *
 * @param major    the major version, such as 17
 * @param binaries the version of the binaries artifact, such as {@code 17.5.0}
 */
public record PostgresVersion(int major, String binaries) {

    /** Releases known to resolve; the build downloads {@link #BUILD_DEFAULTS} only. */
    private static final Map<Integer, String> KNOWN = new TreeMap<>(Map.of(
            13, "13.18.0", 14, "14.18.0", 15, "15.13.0", 16, "16.9.0", 17, "17.5.0", 18, "18.0.0"));

    /** The majors whose binaries the Maven build fetches, so they work offline after {@code mvn package}. */
    public static final int[] BUILD_DEFAULTS = {13, 14, 17};

    /** The default major for the demo and {@code pgcarry embedded start}. */
    public static final int DEFAULT_MAJOR = 17;

    public PostgresVersion {
        if (major < 9 || binaries == null || !binaries.startsWith(major + ".")) {
            throw new IllegalArgumentException("inconsistent PostgreSQL version " + major + " / " + binaries);
        }
    }

    /** The binaries release for a major version, or an error listing the supported ones. */
    public static PostgresVersion ofMajor(int major) {
        String release = KNOWN.get(major);
        if (release == null) {
            throw new EmbeddedPostgresException("no embedded PostgreSQL " + major
                    + "; choose one of " + Arrays.toString(KNOWN.keySet().toArray()));
        }
        return new PostgresVersion(major, release);
    }

    @Override
    public String toString() {
        return binaries;
    }
}
