package io.pgcarry.connect;

import io.pgcarry.error.ConfigurationException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns where a URL comes from into a complete {@link ConnectionSpec}, filling what the URL leaves out as
 * libpq does: {@code PGHOST}, {@code PGPORT}, {@code PGUSER}, {@code PGPASSWORD}, {@code PGDATABASE},
 * {@code PGSSLMODE}, then {@code ~/.pgpass} (or {@code PGPASSFILE}).
 */
public final class ConnectionResolver {
    private static final int DEFAULT_PORT = 5432;

    private final Map<String, String> env;
    private final Path home;

    public ConnectionResolver(Map<String, String> env, Path home) {
        this.env = Map.copyOf(env);
        this.home = home;
    }

    /** A resolver over this process's environment and home directory. */
    public static ConnectionResolver system() {
        return new ConnectionResolver(System.getenv(), Path.of(System.getProperty("user.home")));
    }

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
        PgUrl url = PgUrl.parse(text);
        Map<String, String> params = new LinkedHashMap<>(url.params());
        List<HostPort> hosts = hosts(url, params, text);
        String user = first(url.user(), params.remove("user"), env.get("PGUSER"), System.getProperty("user.name"));
        String database = first(url.database(), params.remove("dbname"), env.get("PGDATABASE"), user);
        Secret password = url.password() != null ? url.password()
                : Secret.of(first(params.remove("password"), env.get("PGPASSWORD"), null, null));
        params.remove("password");
        if (password == null) {
            String passFile = env.getOrDefault("PGPASSFILE", home == null ? null : home.resolve(".pgpass").toString());
            password = passFile == null ? null : Secret.of(PgPass.load(Path.of(passFile))
                    .find(hosts.get(0).host(), hosts.get(0).port(), database, user).orElse(null));
        }
        if (!params.containsKey("sslmode") && env.get("PGSSLMODE") != null) {
            params.put("sslmode", env.get("PGSSLMODE"));
        }
        List<String> warnings = new ArrayList<>();
        PoolerDetector.warning(hosts).ifPresent(warnings::add);
        return new ConnectionSpec(hosts, database, user, password, params, origin, warnings);
    }

    private List<HostPort> hosts(PgUrl url, Map<String, String> params, String text) {
        String hostParam = params.remove("host");
        String portParam = params.remove("port");
        List<HostPort> given = url.hosts();
        if (given.isEmpty()) {
            String hostText = first(hostParam, env.get("PGHOST"), "localhost", null);
            given = List.of(new HostPort(hostText, null));
        }
        String defaultPortText = first(portParam, env.get("PGPORT"), null, null);
        int defaultPort = defaultPortText == null ? DEFAULT_PORT : PgUrl.parsePort(defaultPortText, text);
        List<HostPort> resolved = new ArrayList<>();
        for (HostPort h : given) {
            if (h.host().startsWith("/")) {
                throw new ConfigurationException("Unix-domain socket " + h.host() + " is not supported; connect over TCP, for example host=127.0.0.1");
            }
            resolved.add(new HostPort(h.host(), h.port() != null ? h.port() : defaultPort));
        }
        return resolved;
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
