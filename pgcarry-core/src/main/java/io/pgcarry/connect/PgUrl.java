package io.pgcarry.connect;

import io.pgcarry.error.ConfigurationException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A parsed libpq connection URI: {@code postgresql://user:pass@host:port,host2/db?sslmode=require}.
 * Every part is optional, as in libpq; what is missing comes from the environment later.
 * {@link #toString()} never shows the password.
 */
public record PgUrl(String user, Secret password, List<HostPort> hosts, String database, Map<String, String> params) {

    public PgUrl {
        hosts = List.copyOf(hosts);
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    /** What libpq takes for a URL rather than keyword/value pairs: text that starts with a scheme and {@code ://}. */
    private static final Pattern URL_START = Pattern.compile("\\s*[A-Za-z][A-Za-z0-9+.-]*://");

    /**
     * Parses either form libpq accepts: a URL ({@code postgresql://...}) or a keyword/value string
     * ({@code host=... dbname=...}, see {@link ConnInfo}). Errors never show a password.
     */
    public static PgUrl parseAny(String text) {
        if (text != null && URL_START.matcher(text).lookingAt()) {
            return parse(text);
        }
        if (text != null && !text.isBlank() && text.indexOf('=') < 0) {
            throw new ConfigurationException("the connection string is neither a postgresql:// URL nor keyword=value "
                    + "pairs; give one like postgresql://user@host:5432/db or host=host dbname=db user=user");
        }
        return ConnInfo.parse(text);
    }

    /**
     * Parses a URL. An error names the part at fault and where it starts, never any of the text: a malformed URL
     * can put a password anywhere (a slash in it ends the host part early, a missing scheme leaves it bare).
     */
    public static PgUrl parse(String text) {
        if (text == null || text.isBlank()) {
            throw new ConfigurationException("empty connection URL; give one like postgresql://user@host:5432/db");
        }
        String url = text.strip();
        String rest = afterScheme(url);
        // As libpq splits it: the query after the first '?', the database after the first '/', the user before the last '@'.
        int q = rest.indexOf('?');
        String query = q >= 0 ? rest.substring(q + 1) : "";
        rest = q >= 0 ? rest.substring(0, q) : rest;
        int slash = rest.indexOf('/');
        String path = slash >= 0 ? rest.substring(slash + 1) : null;
        rest = slash >= 0 ? rest.substring(0, slash) : rest;
        int at = rest.lastIndexOf('@');
        Credentials credentials = at >= 0 ? Credentials.parse(rest.substring(0, at), url) : new Credentials(null, null);
        List<HostPort> hosts = parseHosts(at >= 0 ? rest.substring(at + 1) : rest, url);
        String database = path == null || path.isEmpty() ? null : decode(path, url, "database name");
        Map<String, String> params = parseQuery(query, url);
        return new PgUrl(credentials.user(), credentials.password(), hosts, database, params);
    }

    /** What follows {@code postgresql://} or {@code postgres://}; any other start is refused. */
    private static String afterScheme(String url) {
        int schemeEnd = url.indexOf("://");
        if (schemeEnd < 0) {
            throw new ConfigurationException("malformed connection URL: it does not start with postgresql:// "
                    + "(expected postgresql://user:password@host:port/database)");
        }
        String scheme = url.substring(0, schemeEnd);
        if (!scheme.equals("postgresql") && !scheme.equals("postgres")) {
            throw new ConfigurationException("malformed connection URL: unknown scheme; use postgresql:// or postgres://");
        }
        return url.substring(schemeEnd + 3);
    }

    /** The user and password before the host; an empty user name is none (libpq then takes it from the environment). */
    private record Credentials(String user, Secret password) {
        static Credentials parse(String userInfo, String url) {
            int colon = userInfo.indexOf(':');
            String user = decode(colon >= 0 ? userInfo.substring(0, colon) : userInfo, url, "user name");
            Secret password = colon >= 0 ? Secret.of(decode(userInfo.substring(colon + 1), url, "password")) : null;
            return new Credentials(user.isEmpty() ? null : user, password);
        }
    }

    /**
     * The URL with the password shown as {@code ***}, safe to print, log or write. A lone socket directory goes
     * in the query, as libpq's documentation writes it: {@code postgresql://app@/app?host=/var/run/postgresql&port=5432}.
     */
    public String redacted() {
        StringBuilder sb = new StringBuilder("postgresql://");
        if (user != null) {
            sb.append(encode(user));
            if (password != null) {
                sb.append(":***");
            }
            sb.append('@');
        } else if (password != null) {
            sb.append(":***@");
        }
        boolean socket = hosts.size() == 1 && hosts.get(0).isSocket();
        List<String> query = new ArrayList<>();
        if (socket) {
            query.add("host=" + encode(hosts.get(0).host()).replace("%2F", "/"));
            if (hosts.get(0).port() != null) {
                query.add("port=" + hosts.get(0).port());
            }
        } else {
            List<String> parts = new ArrayList<>();
            for (HostPort h : hosts) {
                String host = h.isSocket() ? encode(h.host()) : h.urlHost();
                parts.add(host + (h.port() != null ? ":" + h.port() : ""));
            }
            sb.append(String.join(",", parts));
        }
        if (database != null || socket) {
            sb.append('/').append(database == null ? "" : encode(database));
        }
        params.forEach((k, v) -> query.add(k + "=" + (Redaction.isSecretParameter(k) ? Secret.MASK : encode(v))));
        if (!query.isEmpty()) {
            sb.append('?').append(String.join("&", query));
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return redacted();
    }

    private static List<HostPort> parseHosts(String hostList, String url) {
        List<HostPort> hosts = new ArrayList<>();
        if (hostList.isEmpty()) {
            return hosts;
        }
        for (String spec : hostList.split(",", -1)) {
            String host;
            String portText = null;
            if (spec.startsWith("[")) {
                int close = spec.indexOf(']');
                if (close < 0) {
                    throw malformed(url, "unclosed '[' in an IPv6 host");
                }
                host = spec.substring(1, close);
                String after = spec.substring(close + 1);
                if (after.startsWith(":")) {
                    portText = after.substring(1);
                } else if (!after.isEmpty()) {
                    throw malformed(url, "unexpected text after an IPv6 host");
                }
            } else {
                int colon = spec.indexOf(':');
                host = colon >= 0 ? spec.substring(0, colon) : spec;
                portText = colon >= 0 ? spec.substring(colon + 1) : null;
            }
            host = decode(host, url, "host");
            if (host.isEmpty()) {
                throw malformed(url, "empty host in a host list");
            }
            hosts.add(new HostPort(host, portText == null || portText.isEmpty() ? null : parsePort(portText, url)));
        }
        return hosts;
    }

    static int parsePort(String text, String url) {
        try {
            int port = Integer.parseInt(text);
            if (port < 1 || port > 65535) {
                throw malformed(url, "a port is outside 1-65535");
            }
            return port;
        } catch (NumberFormatException e) {
            throw malformed(url, "a port is not a number (a '/', '@' or ':' in an unencoded password can cause this: percent-encode it)");
        }
    }

    private static Map<String, String> parseQuery(String query, String url) {
        Map<String, String> params = new LinkedHashMap<>();
        if (query.isEmpty()) {
            return params;
        }
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw malformed(url, "a query parameter has no value");
            }
            String key = decode(pair.substring(0, eq), url, "query parameter");
            params.put(key, decode(pair.substring(eq + 1), url, "value of a query parameter"));
        }
        return params;
    }

    private static String decode(String part, String url, String what) {
        try {
            return URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw malformed(url, "bad percent-encoding in the " + what);
        }
    }

    private static String encode(String part) {
        StringBuilder sb = new StringBuilder();
        for (byte b : part.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (Character.isLetterOrDigit(c) && c < 128 || "-._~".indexOf(c) >= 0) {
                sb.append(c);
            } else {
                sb.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return sb.toString();
    }

    private static ConfigurationException malformed(String url, String problem) {
        return new ConfigurationException("malformed connection URL: " + problem);
    }
}
