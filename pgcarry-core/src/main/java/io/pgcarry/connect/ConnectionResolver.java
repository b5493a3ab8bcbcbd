package io.pgcarry.connect;

import io.pgcarry.error.ConfigurationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns where a URL comes from into a complete {@link ConnectionSpec}, filling what the URL leaves out as
 * libpq does: {@code PGHOST}, {@code PGPORT}, {@code PGUSER}, {@code PGPASSWORD}, {@code PGDATABASE},
 * {@code PGSSLMODE}, then {@code ~/.pgpass} (or {@code PGPASSFILE}). The text may be a URL or libpq keyword/value
 * pairs; a host that starts with {@code /} is a Unix-domain socket directory.
 */
public final class ConnectionResolver {
    private static final int DEFAULT_PORT = 5432;

    /** Where libpq builds put the server's socket: Debian's and Red Hat's directory, then upstream's. */
    static final List<Path> DEFAULT_SOCKET_DIRECTORIES = List.of(Path.of("/var/run/postgresql"), Path.of("/tmp"));

    private final Map<String, String> env;
    private final Path home;
    private final List<Path> socketDirectories;

    /**
     * A resolver over the given libpq environment ({@code PGHOST}, {@code PGPORT}...) and home directory (for
     * {@code .pgpass}).
     */
    public ConnectionResolver(Map<String, String> env, Path home) {
        this(env, home, DEFAULT_SOCKET_DIRECTORIES);
    }

    /** As above, with the directories where a local server's socket is looked for when no host is given. */
    ConnectionResolver(Map<String, String> env, Path home, List<Path> socketDirectories) {
        this.env = Map.copyOf(env);
        this.home = home;
        this.socketDirectories = List.copyOf(socketDirectories);
    }

    /** A resolver over this process's environment and home directory. */
    public static ConnectionResolver system() {
        return new ConnectionResolver(System.getenv(), Path.of(System.getProperty("user.home")));
    }

    /** The complete connection the source describes; configuration errors never show a password. */
    public ConnectionSpec resolve(EndpointSource source) {
        return resolveUrl(urlText(source), source.describe());
    }

    /** The raw URL text a source points to, with a clear error when it is missing or empty. */
    public String urlText(EndpointSource source) {
        if (source instanceof EndpointSource.Url url) {
            return url.url();
        }
        if (source instanceof EndpointSource.EnvVariable variable) {
            String value = env.get(variable.name());
            if (value == null) {
                throw new ConfigurationException("environment variable " + variable.name()
                        + " is not set; export it with a postgresql:// URL or pass the URL directly");
            }
            if (value.isBlank()) {
                throw new ConfigurationException("environment variable " + variable.name() + " is empty; set it to a postgresql:// URL");
            }
            return value;
        }
        EndpointSource.EnvFile file = (EndpointSource.EnvFile) source;
        return DotEnv.variable(file.file(), file.variable());
    }

    ConnectionSpec resolveUrl(String text, String origin) {
        PgUrl url = PgUrl.parseAny(text);
        Map<String, String> params = new LinkedHashMap<>(url.params());
        List<HostPort> hosts = hosts(url, params);
        String user = first(url.user(), params.remove("user"), env.get("PGUSER"), System.getProperty("user.name"));
        String database = first(url.database(), params.remove("dbname"), env.get("PGDATABASE"), user);
        Secret password = url.password() != null ? url.password()
                : Secret.of(first(params.remove("password"), env.get("PGPASSWORD"), null, null));
        params.remove("password");
        List<String> warnings = new ArrayList<>();
        if (password == null) {
            String passFile = env.getOrDefault("PGPASSFILE", home == null ? null : home.resolve(".pgpass").toString());
            PgPass pgPass = passFile == null ? null : PgPass.load(Path.of(passFile));
            if (pgPass != null) {
                pgPass.warning().ifPresent(warnings::add);
                password = Secret.of(pgPass.find(passFileHost(hosts.get(0)), hosts.get(0).port(), database, user).orElse(null));
            }
        }
        if (!params.containsKey("sslmode") && env.get("PGSSLMODE") != null) {
            params.put("sslmode", env.get("PGSSLMODE"));
        }
        PoolerDetector.warning(hosts).ifPresent(warnings::add);
        return new ConnectionSpec(hosts, database, user, password, params, origin, warnings);
    }

    private List<HostPort> hosts(PgUrl url, Map<String, String> params) {
        String hostParam = params.remove("host");
        String portText = first(params.remove("port"), env.get("PGPORT"), null, null);
        List<HostPort> given = url.hosts();
        if (given.isEmpty()) {
            String hostText = first(hostParam, env.get("PGHOST"), null, null);
            given = hostText == null ? List.of() : hostList(hostText);
        }
        List<Integer> ports = ports(portText, Math.max(1, given.size()));
        if (given.isEmpty()) {
            return List.of(defaultHost(ports.get(0)));
        }
        List<HostPort> resolved = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            HostPort h = given.get(i);
            resolved.add(new HostPort(h.host(), h.port() != null ? h.port() : ports.get(ports.size() == 1 ? 0 : i)));
        }
        if (resolved.size() > 1 && resolved.stream().anyMatch(HostPort::isSocket)) {
            throw new ConfigurationException("a Unix-domain socket directory must be the only host of a connection; "
                    + "give the socket directory alone, or list only TCP hosts");
        }
        return resolved;
    }

    /**
     * With no host anywhere, libpq uses a socket in its compiled-in directory. pgcarry does so only when a server's
     * socket is there, so a machine without a local server keeps connecting to localhost over TCP.
     */
    private HostPort defaultHost(int port) {
        for (Path directory : socketDirectories) {
            if (Files.exists(HostPort.socketFile(directory, port))) {
                return new HostPort(directory.toString(), port);
            }
        }
        return new HostPort("localhost", port);
    }

    /** libpq looks sockets in its default directory up as {@code localhost} in {@code .pgpass}, other directories as written. */
    private String passFileHost(HostPort host) {
        return host.isSocket() && socketDirectories.contains(Path.of(host.host())) ? "localhost" : host.host();
    }

    private static List<HostPort> hostList(String text) {
        List<HostPort> hosts = new ArrayList<>();
        for (String host : text.split(",", -1)) {
            if (host.isBlank()) {
                throw new ConfigurationException("the host list has an empty entry; remove the extra comma from host or PGHOST");
            }
            hosts.add(new HostPort(host.strip(), null));
        }
        return hosts;
    }

    /** One port for every host, or one per host, as libpq allows; errors do not show the text, which may sit beside a password. */
    private static List<Integer> ports(String text, int hostCount) {
        if (text == null) {
            return List.of(DEFAULT_PORT);
        }
        String[] parts = text.split(",", -1);
        if (parts.length != 1 && parts.length != hostCount) {
            throw new ConfigurationException(parts.length + " ports given for " + hostCount
                    + " hosts; give one port for all hosts or one per host");
        }
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < parts.length; i++) {
            try {
                int port = Integer.parseInt(parts[i].strip());
                if (port >= 1 && port <= 65535) {
                    ports.add(port);
                    continue;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new ConfigurationException((parts.length == 1 ? "the port" : "port " + (i + 1) + " of the list")
                    + " is not a number from 1 to 65535; fix the port parameter or PGPORT");
        }
        return ports;
    }

    private static String first(String a, String b, String c, String d) {
        for (String s : new String[] {a, b, c, d}) {
            if (s != null && !s.isEmpty()) {
                return s;
            }
        }
        return null;
    }
}
