package io.pgcarry.backup;

import com.github.luben.zstd.ZstdInputStream;
import com.github.luben.zstd.ZstdOutputStream;
import io.pgcarry.error.ConfigurationException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/** How data files are compressed; the file name's suffix says which, so an archive never depends on a setting. */
public enum Compression {
    ZSTD(".zst"),
    GZIP(".gz"),
    NONE("");

    /**
     * zstd at level 1 beats gzip's default in both size and speed on table data, and was even smaller than level 3
     * on the benchmark's pgbench and jsonb tables (21.6 MB against 22.4 MB for 720 MB of data).
     */
    private static final int ZSTD_LEVEL = 1;
    private static final int BUFFER = 1 << 16;

    private final String suffix;

    Compression(String suffix) {
        this.suffix = suffix;
    }

    public String suffix() {
        return suffix;
    }

    public static Compression parse(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "zstd" -> ZSTD;
            case "gzip" -> GZIP;
            case "none" -> NONE;
            default -> throw new ConfigurationException("unknown compression '" + text + "'; use zstd, gzip or none");
        };
    }

    /** The compression of a data file, from its name. */
    public static Compression ofFile(String name) {
        if (name.endsWith(ZSTD.suffix)) {
            return ZSTD;
        }
        return name.endsWith(GZIP.suffix) ? GZIP : NONE;
    }

    public OutputStream compress(OutputStream out) throws IOException {
        return switch (this) {
            case ZSTD -> new ZstdOutputStream(out, ZSTD_LEVEL);
            case GZIP -> new GZIPOutputStream(out, BUFFER);
            case NONE -> out;
        };
    }

    public InputStream decompress(InputStream in) throws IOException {
        return switch (this) {
            case ZSTD -> new ZstdInputStream(in);
            case GZIP -> new GZIPInputStream(in, BUFFER);
            case NONE -> in;
        };
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
