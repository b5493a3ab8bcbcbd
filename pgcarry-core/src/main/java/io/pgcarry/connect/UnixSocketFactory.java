package io.pgcarry.connect;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import javax.net.SocketFactory;

/**
 * The socket factory pgjdbc uses for a Unix-domain socket connection ({@code socketFactory} with
 * {@code socketFactoryArg} set to the socket directory). pgjdbc still connects to a host and port; the port picks
 * the file {@code <dir>/.s.PGSQL.<port>}, so query cancellation, which opens a second socket, reaches it too.
 */
public final class UnixSocketFactory extends SocketFactory {
    private final Path directory;

    /**
     * Made by pgjdbc through reflection.
     *
     * @param directory the absolute socket directory, as in libpq's {@code host=/var/run/postgresql}
     */
    public UnixSocketFactory(String directory) {
        if (directory == null || !directory.startsWith("/")) {
            throw new IllegalArgumentException("a Unix-domain socket directory must be an absolute path");
        }
        this.directory = Path.of(directory);
    }

    @Override
    public Socket createSocket() throws IOException {
        return new UnixSocket(directory);
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return connected(port);
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return connected(port);
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return connected(port);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        return connected(port);
    }

    private Socket connected(int port) throws IOException {
        Socket socket = createSocket();
        socket.connect(InetSocketAddress.createUnresolved("localhost", port));
        return socket;
    }
}
