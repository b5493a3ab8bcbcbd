package io.pgcarry.migrate.tools;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * Flyway's checksum of a SQL migration, as its {@code ChecksumCalculator} computes it: the file is decoded (UTF-8, the
 * default {@code flyway.encoding}) and read line by line as {@code BufferedReader.readLine} reads it (a line ends at
 * LF, CR or CRLF, and the terminator is not part of it); a byte-order mark at the start of the first line is dropped;
 * each line's UTF-8 bytes go into one CRC-32, and the value is stored as a signed 32-bit integer. So the checksum
 * ignores line endings, and empty lines add nothing.
 */
final class FlywayChecksum {
    private static final char BOM = '\uFEFF';

    private FlywayChecksum() {
    }

    static int of(byte[] file) {
        String text = new String(file, StandardCharsets.UTF_8);
        CRC32 crc = new CRC32();
        int start = !text.isEmpty() && text.charAt(0) == BOM ? 1 : 0;
        int i = start;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                crc.update(text.substring(start, i).getBytes(StandardCharsets.UTF_8));
                i += c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n' ? 2 : 1;
                start = i;
            } else {
                i++;
            }
        }
        crc.update(text.substring(start).getBytes(StandardCharsets.UTF_8));
        return (int) crc.getValue();
    }
}
