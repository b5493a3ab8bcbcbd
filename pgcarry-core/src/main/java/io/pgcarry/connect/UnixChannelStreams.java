package io.pgcarry.connect;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.Objects;

/**
 * Blocking streams with a read timeout over a non-blocking Unix-domain {@link SocketChannel}: a blocking channel
 * cannot time a read out, and pgjdbc relies on timed reads. Reads and writes wait on selectors of their own, so one
 * thread may read while another writes, and {@link #close()} wakes both.
 */
final class UnixChannelStreams implements AutoCloseable {
    private final SocketChannel channel;
    private final Selector readSelector;
    private final Selector writeSelector;
    private final SelectionKey writeKey;
    private final InputStream in = new In();
    private final OutputStream out = new Out();
    private volatile int timeoutMillis;
    private volatile boolean closed;

    UnixChannelStreams() throws IOException {
        this.channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        Selector reads = null;
        try {
            channel.configureBlocking(false);
            reads = Selector.open();
            this.readSelector = reads;
            this.writeSelector = Selector.open();
            channel.register(readSelector, SelectionKey.OP_READ);
            this.writeKey = channel.register(writeSelector, SelectionKey.OP_CONNECT);
        } catch (IOException | RuntimeException e) {
            channel.close();
            if (reads != null) {
                reads.close();
            }
            throw e;
        }
    }

    /** Connects within {@code timeoutMillis} (0: no limit); on any failure the caller closes. */
    void connect(SocketAddress address, int timeoutMillis, String what) throws IOException {
        if (!channel.connect(address)) {
            await(writeSelector, deadline(timeoutMillis), "connect timed out on " + what);
            channel.finishConnect();
        }
        writeKey.interestOps(SelectionKey.OP_WRITE);
    }

    SocketChannel channel() {
        return channel;
    }

    InputStream input() {
        return in;
    }

    OutputStream output() {
        return out;
    }

    /** The read timeout in milliseconds, 0 for none, as {@code SO_TIMEOUT}. */
    void timeout(int millis) {
        timeoutMillis = millis;
    }

    int timeout() {
        return timeoutMillis;
    }

    @Override
    public void close() throws IOException {
        closed = true;
        try (channel; readSelector; writeSelector) {
            // try-with-resources closes all three even if one fails; closing a selector wakes its waiting thread.
        }
    }

    /** A deadline in {@link System#nanoTime()} terms, or 0 for none. */
    private static long deadline(int timeoutMillis) {
        return timeoutMillis > 0 ? System.nanoTime() + timeoutMillis * 1_000_000L : 0;
    }

    /** Waits until the selector's one key is ready, or throws {@link SocketTimeoutException} at the deadline. */
    private void await(Selector selector, long deadline, String timeoutMessage) throws IOException {
        try {
            long waitMillis = 0;
            if (deadline != 0) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    throw new SocketTimeoutException(timeoutMessage);
                }
                waitMillis = (remaining + 999_999) / 1_000_000;
            }
            selector.select(waitMillis);
            selector.selectedKeys().clear();
        } catch (ClosedSelectorException e) {
            throw new SocketException("Socket is closed");
        }
        if (closed) {
            throw new SocketException("Socket is closed");
        }
    }

    private final class In extends InputStream {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            if (len == 0) {
                return 0;
            }
            ByteBuffer buffer = ByteBuffer.wrap(b, off, len);
            long deadline = deadline(timeoutMillis);
            while (true) {
                int n = channel.read(buffer);
                if (n != 0) {
                    return n;
                }
                await(readSelector, deadline, "Read timed out");
            }
        }

        @Override
        public void close() throws IOException {
            UnixChannelStreams.this.close();
        }
    }

    private final class Out extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            ByteBuffer buffer = ByteBuffer.wrap(b, off, len);
            while (buffer.hasRemaining()) {
                if (channel.write(buffer) == 0) {
                    await(writeSelector, 0, "write timed out");
                }
            }
        }

        @Override
        public void close() throws IOException {
            UnixChannelStreams.this.close();
        }
    }
}
