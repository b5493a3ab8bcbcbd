package io.pgcarry.script;

import static io.pgcarry.script.ScriptInput.END;

import java.io.IOException;
import java.io.Reader;
import java.util.Objects;

/**
 * The data lines of one {@code COPY ... FROM stdin}, streamed from the script a line (or a buffer) at a time and
 * passed through exactly as written. Like psql, only a line that is exactly {@code \.} ends the data (a line
 * feed, carriage return and line feed, or the end of the script may follow it), so {@code a\\.} is data.
 */
final class CopyDataReader extends Reader {
    private final ScriptInput input;
    private final int firstLine;
    private boolean atLineStart = true;
    private boolean ended;
    private String unreadableBecause;

    CopyDataReader(ScriptInput input) {
        this.input = input;
        this.firstLine = input.line();
    }

    @Override
    public int read(char[] target, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, target.length);
        if (unreadableBecause != null) {
            throw new IOException("COPY data starting at line " + firstLine + " is no longer readable: "
                    + unreadableBecause);
        }
        return readData(target, offset, length);
    }

    /** Makes further reads fail; whatever is left unread is skipped by the next {@link SqlScriptReader#next()}. */
    @Override
    public void close() {
        if (unreadableBecause == null) {
            unreadableBecause = "it was closed";
        }
    }

    /** Consumes the rest of the data and its {@code \.} line, so the script can go on after it. */
    void skipRest() {
        unreadableBecause = "the script reader moved past it";
        char[] scratch = new char[8192];
        while (readData(scratch, 0, scratch.length) != END) {
            // discarding is the point
        }
    }

    private int readData(char[] target, int offset, int length) {
        if (ended) {
            return END;
        }
        if (length == 0) {
            return 0;
        }
        if (atLineStart && atEndMarker()) {
            skipEndMarker();
            ended = true;
            return END;
        }
        int count = input.readUpToLineEnd(target, offset, length);
        if (count == END) {
            throw input.error("COPY data starting at line " + firstLine + " has no terminating \\. line");
        }
        atLineStart = target[offset + count - 1] == '\n';
        return count;
    }

    private boolean atEndMarker() {
        if (input.peek(0) != '\\' || input.peek(1) != '.') {
            return false;
        }
        int after = input.peek(2);
        if (after == '\r') {
            after = input.peek(3);
        }
        return after == '\n' || after == END;
    }

    private void skipEndMarker() {
        input.read();
        input.read();
        if (input.peek() == '\r') {
            input.read();
        }
        if (input.peek() == '\n') {
            input.read();
        }
    }
}
