package io.pgcarry.connect;

import java.nio.file.Path;

/**
 * One host of a URL, with its port when the URL gives one. As in libpq, a host that starts with {@code /} is
 * the directory of a Unix-domain socket, whose file is {@code <dir>/.s.PGSQL.<port>}.
 *
 * @param host a host name, IPv4 address, IPv6 address without brackets, or an absolute socket directory
 * @param port the port, or null when not given
 */
public record HostPort(String host, Integer port) {
    public HostPort {
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("host must not be empty");
        }
    }

    /** Whether this is a Unix-domain socket directory rather than a network host. */
    public boolean isSocket() {
        return host.startsWith("/");
    }

    /** The socket file this host and port name; only for a {@link #isSocket() socket} with a port. */
    public Path socketFile() {
        if (!isSocket() || port == null) {
            throw new IllegalStateException("not a socket with a port: " + this);
        }
        return socketFile(Path.of(host), port);
    }

    /** The file a server listening on {@code port} creates in a socket directory. */
    static Path socketFile(Path directory, int port) {
        return directory.resolve(".s.PGSQL." + port);
    }

    /** The host as written in a URL: IPv6 addresses in brackets. */
    public String urlHost() {
        return !isSocket() && host.contains(":") ? "[" + host + "]" : host;
    }

    /** {@code host:port} for messages: {@code db.internal:5432}, {@code [::1]:5432}, {@code /var/run/postgresql:5432}. */
    public String label() {
        return urlHost() + (port != null ? ":" + port : "");
    }
}
