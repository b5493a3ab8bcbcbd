package io.pgcarry.copy;

/**
 * Reads the messages of a binary COPY of one column, one tuple per message: the file header before the first
 * tuple, then per tuple a field count of 1, the field's length (-1 for NULL) and its bytes; a count of -1 ends
 * the data. Finds the field in place, so a slice is never copied.
 */
final class SliceReader {
    private static final int SIGNATURE = 11;

    private boolean headerRead;
    private int start;
    private int length;

    /** Reads one message; returns whether it held a tuple (false for the trailer). */
    boolean read(byte[] message) {
        int at = 0;
        if (!headerRead) {
            at = SIGNATURE + 4;
            at += 4 + readInt(message, at);
            headerRead = true;
        }
        if (at >= message.length) {
            return false;
        }
        int fields = (short) ((message[at] & 0xff) << 8 | message[at + 1] & 0xff);
        if (fields < 0) {
            return false;
        }
        if (fields != 1) {
            throw new IllegalStateException("a slice of a value came with " + fields + " fields");
        }
        length = readInt(message, at + 2);
        start = at + 6;
        return true;
    }

    boolean isNull() {
        return length < 0;
    }

    /** Where the field's bytes start in the message. */
    int start() {
        return start;
    }

    int length() {
        return Math.max(length, 0);
    }

    private static int readInt(byte[] b, int at) {
        return (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | b[at + 3] & 0xff;
    }
}
