package io.pgcarry.backup;

import io.pgcarry.error.ConfigurationException;
import io.pgcarry.error.ErrorCode;
import io.pgcarry.error.PgCarryException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarFile;

/**
 * An archive stored as one tar file. The index of entries is read once; each entry is then read with positional
 * reads on one shared channel, so parallel restore workers never disturb each other.
 */
final class TarArchive implements Archive {
    private record Entry(long offset, long size) {
    }

    private final Path file;
    private final FileChannel channel;
    private final Map<String, Entry> entries;

    private TarArchive(Path file, FileChannel channel, Map<String, Entry> entries) {
        this.file = file;
        this.channel = channel;
        this.entries = entries;
    }

    static TarArchive open(Path file) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        try (TarFile tar = new TarFile(file)) {
            for (TarArchiveEntry entry : tar.getEntries()) {
                if (entry.isSymbolicLink() || entry.isLink()) {
                    throw new ArchiveException("archive " + file + " holds link entry " + entry.getName()
                            + ", which pgcarry backup never writes; it is not followed");
                }
                if (entry.isFile()) {
                    entries.put(entry.getName(), new Entry(entry.getDataOffset(), entry.getSize()));
                }
            }
        } catch (NoSuchFileException e) {
            throw new ConfigurationException("archive " + file + " does not exist");
        } catch (ArchiveException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new ArchiveException(file + " is not a pgcarry archive file (not a readable tar: " + e.getMessage() + ")");
        }
        if (!entries.containsKey(Manifest.FILE) && !entries.containsKey(Manifest.CHECKSUM_FILE)) {
            throw new ArchiveException(file + " is not a pgcarry archive: it has no " + Manifest.FILE);
        }
        try {
            return new TarArchive(file, FileChannel.open(file, StandardOpenOption.READ), entries);
        } catch (IOException e) {
            throw new PgCarryException(ErrorCode.IO, "cannot open archive " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Path location() {
        return file;
    }

    @Override
    public Map<String, Long> entries() {
        Map<String, Long> sizes = new TreeMap<>();
        entries.forEach((name, entry) -> sizes.put(name, entry.size()));
        return sizes;
    }

    @Override
    public InputStream open(String name) throws IOException {
        Entry entry = entries.get(name);
        if (entry == null) {
            throw new NoSuchFileException(file + "!" + name);
        }
        return new EntryStream(entry.offset(), entry.offset() + entry.size());
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // Read-only; nothing is lost.
        }
    }

    /** The bytes of one entry, read at absolute positions (FileChannel's positional reads are thread-safe). */
    private final class EntryStream extends InputStream {
        private long position;
        private final long end;

        EntryStream(long position, long end) {
            this.position = position;
            this.end = end;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (position >= end) {
                return -1;
            }
            int wanted = (int) Math.min(len, end - position);
            int n = channel.read(ByteBuffer.wrap(b, off, wanted), position);
            if (n < 0) {
                // The file is shorter than its index says: a truncated archive.
                return -1;
            }
            position += n;
            return n;
        }
    }
}
