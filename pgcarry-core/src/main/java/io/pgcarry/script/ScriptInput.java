package io.pgcarry.script;

import io.pgcarry.error.ConfigurationException;
import io.pgcarry.error.ErrorCode;
import io.pgcarry.error.PgCarryException;
import java.io.IOException;
import java.io.Reader;
import java.util.Objects;

/**
 * The script's characters with a few characters of lookahead and the current line number. It keeps its own
 * buffer rather than a {@link java.io.BufferedReader} so COPY data can be handed on in whole chunks.
 */
final class ScriptInput implements AutoCloseable {
    static final int END = -1;
    /** Lookahead never needs more than the four characters of a {@code \.\r\n} line. */
    private static final int MAX_LOOKAHEAD = 4;

    private final Reader reader;
    private final String sourceName;
    private final char[] buffer = new char[64 * 1024];
    private int position;
    private int limit;
    private boolean exhausted;
    private int line = 1;
    private boolean atLineStart = true;

    ScriptInput(Reader reader, String sourceName) {
        this.reader = Objects.requireNonNull(reader, "reader");
        this.sourceName = Objects.requireNonNull(sourceName, "sourceName");
    }

    /** The line of the next character to be read. */
    int line() {
        return line;
    }

    /** Whether the next character is the first of its line. */
    boolean atLineStart() {
        return atLineStart;
    }

    /** The next character without consuming it, or {@link #END}. */
    int peek() {
        return peek(0);
    }

    /** The character {@code ahead} places after the next one (0 is the next one), or {@link #END}. */
    int peek(int ahead) {
        if (ahead >= MAX_LOOKAHEAD) {
            throw new IllegalArgumentException("lookahead is limited to " + MAX_LOOKAHEAD + " characters");
        }
        fillFor(ahead + 1);
        return position + ahead < limit ? buffer[position + ahead] : END;
    }

    /** Consumes and returns the next character, or {@link #END}. */
    int read() {
        int c = peek();
        if (c != END) {
            position++;
            noteConsumed((char) c);
        }
        return c;
    }

    /**
     * Copies characters up to and including the next line feed, but at most {@code length}, into
     * {@code target}; returns how many, or {@link #END} at the end of the script.
     */
    int readUpToLineEnd(char[] target, int offset, int length) {
        if (length == 0) {
            return 0;
        }
        fillFor(1);
        if (position == limit) {
            return END;
        }
        int stop = Math.min(limit, position + length);
        int end = position;
        while (end < stop && buffer[end++] != '\n') {
            // the scan itself is the work: end stops just past the first line feed
        }
        int count = end - position;
        System.arraycopy(buffer, position, target, offset, count);
        position = end;
        noteConsumed(target[offset + count - 1]);
        return count;
    }

    /** An error about the script's content, prefixed with the script's name. */
    ConfigurationException error(String detail) {
        return new ConfigurationException(sourceName + ": " + detail);
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException e) {
            throw new PgCarryException(ErrorCode.IO, sourceName + ": cannot close: " + e.getMessage(), e);
        }
    }

    private void noteConsumed(char c) {
        atLineStart = c == '\n';
        if (atLineStart) {
            line++;
        }
    }

    private void fillFor(int wanted) {
        while (limit - position < wanted && !exhausted) {
            if (limit == buffer.length) {
                System.arraycopy(buffer, position, buffer, 0, limit - position);
                limit -= position;
                position = 0;
            }
            int count = readSome();
            if (count < 0) {
                exhausted = true;
            } else {
                limit += count;
            }
        }
    }

    private int readSome() {
        try {
            return reader.read(buffer, limit, buffer.length - limit);
        } catch (IOException e) {
            throw new PgCarryException(ErrorCode.IO,
                    sourceName + ": cannot read at line " + line + ": " + e.getMessage(), e);
        }
    }
}
