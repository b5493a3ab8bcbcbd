package io.pgcarry.ping;

import java.util.List;

/**
 * What a server told about itself.
 *
 * @param url            the redacted URL that was reached
 * @param serverVersion  the version string, such as {@code 17.5}
 * @param versionNumber  {@code server_version_num}, such as 170005
 * @param currentUser    the role pgcarry works as
 * @param superuser      whether that role is a superuser
 * @param database       the database connected to
 * @param encoding       the database's encoding
 * @param sizeBytes      the database's size on disk
 * @param warnings       things the user should know (a pooled URL, say)
 */
public record PingResult(String url, String serverVersion, int versionNumber, String currentUser, boolean superuser,
                         String database, String encoding, long sizeBytes, List<String> warnings) {
    public PingResult {
        warnings = List.copyOf(warnings);
    }

    /** The major version (13, 17...). */
    public int majorVersion() {
        return versionNumber / 10000;
    }
}
