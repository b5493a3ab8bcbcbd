package io.pgcarry.connect;

/**
 * One host of a URL, with its port when the URL gives one.
 *
 * @param host a host name, IPv4 address or IPv6 address without brackets
 * @param port the port, or null when not given
 */
public record HostPort(String host, Integer port) {
    public HostPort {
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("host must not be empty");
        }
    }

    /** The host as written in a URL: IPv6 addresses in brackets. */
    public String urlHost() {
        return host.contains(":") ? "[" + host + "]" : host;
    }
}
