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
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;
import java.util.Set;

/**
 * A {@link Socket} over a Unix-domain {@link java.nio.channels.SocketChannel}. pgjdbc speaks only {@code java.net.Socket}, and
 * {@code SocketChannel.socket()} is unsupported for Unix-domain channels, so this adapter gives pgjdbc what it
 * calls: connect, streams, close, buffer sizes and {@code SO_TIMEOUT} on reads (pgjdbc sets 1 ms to poll for
 * notifications, so the timeout must be real and leave the stream usable). TCP options are accepted and ignored.
 * The streams and their timeout are {@link UnixChannelStreams}.
 */
final class UnixSocket extends Socket {
    private final Path directory;
    private final UnixChannelStreams streams;
    private volatile Path file;
    private volatile boolean connected;
    private volatile boolean closed;
    private volatile boolean tcpNoDelay;
    private volatile boolean keepAlive;

    UnixSocket(Path directory) throws IOException {
        this.directory = directory;
        this.streams = new UnixChannelStreams();
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
            streams.connect(UnixDomainSocketAddress.of(file), timeout, "socket " + file);
        } catch (SocketTimeoutException e) {
            close();
            throw e;
        } catch (IOException e) {
            close();
            // A ConnectException (and no deeper cause) is what pgjdbc and ConnectionFailure read as "nobody listens".
            throw new ConnectException("no server at Unix-domain socket " + file + " (" + e.getMessage() + ")");
        }
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
        return streams.input();
    }

    @Override
    public OutputStream getOutputStream() throws IOException {
        checkOpen();
        return streams.output();
    }

    @Override
    public void setSoTimeout(int timeout) throws SocketException {
        if (timeout < 0) {
            throw new IllegalArgumentException("timeout can't be negative");
        }
        streams.timeout(timeout);
    }

    @Override
    public int getSoTimeout() {
        return streams.timeout();
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
        streams.channel().shutdownInput();
    }

    @Override
    public void shutdownOutput() throws IOException {
        streams.channel().shutdownOutput();
    }

    /** Closes the channel and both selectors, which wakes a thread waiting to read or write. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        super.close();
        closed = true;
        streams.close();
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
        streams.channel().setOption(option, value);
        return this;
    }

    @Override
    public <T> T getOption(SocketOption<T> option) throws IOException {
        return streams.channel().getOption(option);
    }

    @Override
    public Set<SocketOption<?>> supportedOptions() {
        return streams.channel().supportedOptions();
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

}
