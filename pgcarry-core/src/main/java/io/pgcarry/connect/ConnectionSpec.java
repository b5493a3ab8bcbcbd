package io.pgcarry.connect;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * A fully resolved connection: every part filled from the URL, the libpq environment or defaults.
 * {@link #toString()} and {@link #redactedUrl()} never show the password.
 *
 * @param hosts    hosts with their ports
 * @param database database name
 * @param user     role name
 * @param password password, or null when none is needed (trust, certificates); it prints as {@code ***}
 * @param params   other libpq parameters, such as {@code sslmode}
 * @param origin   where this came from, for messages
 * @param warnings things the user should know (a pooled URL, a password file not used for its permissions)
 */
public record ConnectionSpec(List<HostPort> hosts, String database, String user, Secret password,
                             Map<String, String> params, String origin, List<String> warnings) {

    public ConnectionSpec {
        hosts = List.copyOf(hosts);
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        warnings = List.copyOf(warnings);
    }

    /** The same server, role and settings, another database of it (a maintenance database, a scratch copy). */
    public ConnectionSpec withDatabase(String other) {
        return new ConnectionSpec(hosts, other, user, password, params, origin, List.of());
    }

    /** Whether a warning of {@link #warnings()} is about the password file rather than the URL. */
    public static boolean aboutPasswordFile(String warning) {
        return warning.startsWith(PgPass.WARNING_START);
    }

    /** The first host, which is what single-host messages name. */
    public HostPort primary() {
        return hosts.get(0);
    }

    /** {@code host:port/database}, for short messages; a socket shows its directory: {@code /var/run/postgresql:5432/app}. */
    public String address() {
        return primary().label() + "/" + database;
    }

    public String redactedUrl() {
        return new PgUrl(user, password, hosts, database, params).redacted();
    }

    /**
     * The JDBC URL; user, password and parameters go in {@link #jdbcProperties}. pgjdbc knows no socket paths, so a
     * socket connection names {@code localhost} and its port, and {@link UnixSocketFactory} reaches the file instead.
     */
    public String jdbcUrl() {
        String hostList = hosts.stream().map(h -> (h.isSocket() ? "localhost" : h.urlHost()) + ":" + h.port())
                .collect(Collectors.joining(","));
        return "jdbc:postgresql://" + hostList + "/" + URLEncoder.encode(database, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Driver properties: libpq parameter names translated where pgjdbc spells them differently. */
    public Properties jdbcProperties(int connectTimeoutSeconds, String applicationName) {
        Properties props = new Properties();
        params.forEach((key, value) -> props.setProperty(jdbcName(key), value));
        props.setProperty("user", user);
        if (password != null) {
            props.setProperty("password", password.reveal());
        }
        props.setProperty("connectTimeout", Integer.toString(connectTimeoutSeconds));
        props.setProperty("loginTimeout", Integer.toString(connectTimeoutSeconds));
        props.putIfAbsent("ApplicationName", applicationName);
        props.remove("connect_timeout");
        if (primary().isSocket()) {
            props.setProperty("socketFactory", UnixSocketFactory.class.getName());
            props.setProperty("socketFactoryArg", primary().host());
            // As libpq does, never ask for TLS or GSS encryption on a socket: the server offers neither there.
            props.setProperty("sslmode", "disable");
            props.setProperty("gssEncMode", "disable");
        }
        return props;
    }

    private static String jdbcName(String libpqName) {
        return switch (libpqName) {
            case "application_name" -> "ApplicationName";
            case "target_session_attrs" -> "targetServerType";
            default -> libpqName;
        };
    }

    @Override
    public String toString() {
        return redactedUrl();
    }
}
