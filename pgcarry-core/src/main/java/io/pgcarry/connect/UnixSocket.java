package io.pgcarry.connect;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.SocketOption;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Set;

/**
 * A {@link Socket} over a Unix-domain {@link SocketChannel}. pgjdbc speaks only {@code java.net.Socket}, and
 * {@code SocketChannel.socket()} is unsupported for Unix-domain channels, so this adapter gives pgjdbc what it
 * calls: connect, streams, close, buffer sizes and {@code SO_TIMEOUT} on reads (pgjdbc sets 1 ms to poll for
 * notifications, so the timeout must be real and leave the stream usable). TCP options are accepted and ignored.
 * The channel is non-blocking; reads and writes wait on selectors of their own, which {@link #close()} wakes.
 */
final class UnixSocket extends Socket {
    private final Path directory;
    private final SocketChannel channel;
    private final Selector readSelector;
    private final Selector writeSelector;
    private final SelectionKey writeKey;
    private final InputStream in = new In();
    private final OutputStream out = new Out();
    private volatile Path file;
    private volatile int timeoutMillis;
    private volatile boolean connected;
    private volatile boolean closed;
    private volatile boolean tcpNoDelay;
    private volatile boolean keepAlive;

    UnixSocket(Path directory) throws IOException {
        this.directory = directory;
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

    /** Connects to {@code <dir>/.s.PGSQL.<port>}; only the port of the address counts. */
    @Override
    public void connect(SocketAddress endpoint, int timeout) throws IOException {
        if (!(endpoint instanceof InetSocketAddress address)) {
            throw new IllegalArgumentException("a Unix-domain socket connects by port, not to " + endpoint);
        }
        if (closed) {
            throw new SocketException("Socket is closed");
        }
        file = HostPort.socketFile(directory, address.getPort());
        try {
            if (!channel.connect(UnixDomainSocketAddress.of(file))) {
                await(writeSelector, deadline(timeout), "connect timed out on socket " + file);
                channel.finishConnect();
            }
        } catch (SocketTimeoutException e) {
            close();
            throw e;
        } catch (IOException e) {
            close();
            // A ConnectException (and no deeper cause) is what pgjdbc and ConnectionFailure read as "nobody listens".
            throw new ConnectException("no server at Unix-domain socket " + file + " (" + e.getMessage() + ")");
        }
        writeKey.interestOps(SelectionKey.OP_WRITE);
        connected = true;
    }

    @Override
    public void connect(SocketAddress endpoint) throws IOException {
        connect(endpoint, 0);
    }

    @Override
    public void bind(SocketAddress local) throws IOException {
        throw new SocketException("a Unix-domain socket connection has no local address to bind");
    }

    @Override
    public InputStream getInputStream() throws IOException {
        checkOpen();
        return in;
    }

    @Override
    public OutputStream getOutputStream() throws IOException {
        checkOpen();
        return out;
    }

    @Override
    public void setSoTimeout(int timeout) throws SocketException {
        if (timeout < 0) {
            throw new IllegalArgumentException("timeout can't be negative");
        }
        timeoutMillis = timeout;
    }

    @Override
    public int getSoTimeout() {
        return timeoutMillis;
    }

    @Override
    public void setTcpNoDelay(boolean on) {
        tcpNoDelay = on;
    }

    @Override
    public boolean getTcpNoDelay() {
        return tcpNoDelay;
    }

    @Override
    public void setKeepAlive(boolean on) {
        keepAlive = on;
    }

    @Override
    public boolean getKeepAlive() {
        return keepAlive;
    }

    @Override
    public void setSendBufferSize(int size) throws SocketException {
        setBufferSize(StandardSocketOptions.SO_SNDBUF, size);
    }

    @Override
    public int getSendBufferSize() throws SocketException {
        return bufferSize(StandardSocketOptions.SO_SNDBUF);
    }

    @Override
    public void setReceiveBufferSize(int size) throws SocketException {
        setBufferSize(StandardSocketOptions.SO_RCVBUF, size);
    }

    @Override
    public int getReceiveBufferSize() throws SocketException {
        return bufferSize(StandardSocketOptions.SO_RCVBUF);
    }

    @Override
    public InetAddress getInetAddress() {
        return null;
    }

    @Override
    public SocketAddress getRemoteSocketAddress() {
        return connected ? UnixDomainSocketAddress.of(file) : null;
    }

    @Override
    public boolean isConnected() {
        return connected;
    }

    @Override
    public boolean isBound() {
        return connected;
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public void shutdownInput() throws IOException {
        channel.shutdownInput();
    }

    @Override
    public void shutdownOutput() throws IOException {
        channel.shutdownOutput();
    }

    /** Closes the channel and both selectors, which wakes a thread waiting to read or write. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        super.close();
        closed = true;
        try (channel; readSelector; writeSelector) {
            // try-with-resources closes all three even if one fails.
        }
    }

    @Override
    public String toString() {
        return "Unix-domain socket " + (file != null ? file : directory);
    }

    private void checkOpen() throws SocketException {
        if (closed) {
            throw new SocketException("Socket is closed");
        }
        if (!connected) {
            throw new SocketException("Socket is not connected");
        }
    }

    @Override
    public <T> Socket setOption(SocketOption<T> option, T value) throws IOException {
        channel.setOption(option, value);
        return this;
    }

    @Override
    public <T> T getOption(SocketOption<T> option) throws IOException {
        return channel.getOption(option);
    }

    @Override
    public Set<SocketOption<?>> supportedOptions() {
        return channel.supportedOptions();
    }

    private void setBufferSize(SocketOption<Integer> option, int size) throws SocketException {
        try {
            setOption(option, size);
        } catch (IOException e) {
            throw socketException(e);
        }
    }

    private int bufferSize(SocketOption<Integer> option) throws SocketException {
        try {
            return getOption(option);
        } catch (IOException e) {
            throw socketException(e);
        }
    }

    private static SocketException socketException(IOException e) {
        SocketException wrapped = new SocketException(e.getMessage());
        wrapped.initCause(e);
        return wrapped;
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
            UnixSocket.this.close();
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
            UnixSocket.this.close();
        }
    }
}
