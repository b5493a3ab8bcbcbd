package io.pgcarry.backup;

import io.pgcarry.error.ConfigurationException;
import io.pgcarry.error.ErrorCode;
import io.pgcarry.error.PgCarryException;
import io.pgcarry.error.Setting;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A lock on an archive's name in its directory, held while a backup writes it, so two backups never write the same
 * archive. It is an operating-system lock on a hidden {@code .NAME.lock} file: the system releases it when its
 * process dies, so a killed backup never blocks the next one. The file stays (removing it would let two runs lock two
 * different files of the same name); it holds the process id of the last holder, for the message.
 */
final class TargetLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private TargetLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** The lock on {@code name} in {@code out}, or null when another backup holds it. */
    static TargetLock tryLock(Path out, String name) {
        Path file = out.resolve("." + name + ".lock");
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock = tryLock(channel);
            if (lock == null) {
                channel.close();
                return null;
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
            return new TargetLock(channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new PgCarryException(ErrorCode.IO, "cannot lock " + file + ": " + e.getMessage(), e);
        }
    }

    /** The lock on {@code name}, or a refusal naming the archive and the process that writes it. */
    static TargetLock lock(Path out, String name) {
        TargetLock lock = tryLock(out, name);
        if (lock == null) {
            throw new ConfigurationException("another backup is writing " + out.resolve(name) + " now" + holder(out, name)
                    + "; wait for it to finish or choose another " + Setting.FILE.mention() + " name");
        }
        return lock;
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null; // held by another backup of this same process
        }
    }

    private static String holder(Path out, String name) {
        try {
            String pid = Files.readString(out.resolve("." + name + ".lock"), StandardCharsets.US_ASCII).strip();
            return pid.matches("[0-9]+") ? " (process " + pid + ")" : "";
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // Closing the channel releases it too.
        }
        closeQuietly(channel);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // Nothing was written that matters.
            }
        }
    }
}
