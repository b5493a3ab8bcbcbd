package io.pgcarry.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgcarry.embedded.EmbeddedPostgres;
import io.pgcarry.embedded.junit.PostgresExtension;
import io.pgcarry.error.ConnectionException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/** Connections over the embedded server's Unix-domain socket, through {@link UnixSocketFactory}. */
class UnixSocketIT {
    @RegisterExtension
    static final PostgresExtension pg17 = PostgresExtension.major(17);

    @TempDir
    Path home;

    @Test
    void trustOverTheSocketFromAKeywordValueString() throws SQLException {
        ConnectionSpec spec = resolve(Map.of(), "host=" + dir() + " port = " + port() + " dbname='" + pg17.database() + "' user=postgres");
        assertThat(spec.address()).isEqualTo(dir() + ":" + port() + "/" + pg17.database());
        assertThat(spec.redactedUrl()).isEqualTo("postgresql://postgres@/" + pg17.database() + "?host=" + dir() + "&port=" + port());
        assertOverSocket(spec, "postgres");
    }

    @Test
    void bothUrlFormsOfASocketConnect() throws SQLException {
        String encoded = dir().toString().replace("/", "%2F");
        assertOverSocket(resolve(Map.of(), "postgresql://postgres@" + encoded + ":" + port() + "/" + pg17.database()), "postgres");
        assertOverSocket(resolve(Map.of(), "postgresql:///" + pg17.database() + "?host=" + dir() + "&port=" + port() + "&user=postgres"),
                "postgres");
    }

    @Test
    void pghostNamingASocketDirectoryIsFollowed() throws SQLException {
        Map<String, String> env = Map.of("PGHOST", dir().toString(), "PGPORT", Integer.toString(port()), "PGUSER", "postgres",
                "DATABASE_URL", "dbname=" + pg17.database());
        ConnectionSpec spec = new ConnectionResolver(env, home, java.util.List.of())
                .resolve(new EndpointSource.EnvVariable("DATABASE_URL"));
        assertThat(spec.primary()).isEqualTo(new HostPort(dir().toString(), port()));
        assertOverSocket(spec, "postgres");
    }

    @Test
    void passwordOverTheSocketAndAWrongOneIsNotShown() throws SQLException {
        pg17.server().execute("CREATE ROLE sock_pw LOGIN PASSWORD 'it''s a s3cret' IN ROLE " + EmbeddedPostgres.PASSWORD_ROLE);
        String base = "host=" + dir() + " port=" + port() + " dbname=" + pg17.database() + " user=sock_pw ";
        assertOverSocket(resolve(Map.of(), base + "password='it\\'s a s3cret'"), "sock_pw");
        assertOverSocket(resolve(Map.of(), base + "password='it''s a s3cret'"), "sock_pw");
        assertThatThrownBy(() -> new Connector().open(resolve(Map.of(), base + "password='it''s the wrong s3cret'")))
                .isInstanceOf(ConnectionException.class)
                .hasMessageStartingWith("wrong password for user \"sock_pw\" at " + dir() + ":" + port())
                .hasMessageContaining("password=***")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void peerAuthenticationSeesTheOsUserWhoIsTheDefaultUser() throws SQLException {
        String osUser = System.getProperty("user.name");
        pg17.server().execute("DO $$BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + osUser + "') THEN CREATE ROLE \""
                + osUser + "\" LOGIN; END IF; END$$");
        pg17.server().execute("GRANT " + EmbeddedPostgres.PEER_ROLE + " TO \"" + osUser + "\"");
        pg17.server().execute("CREATE ROLE sock_not_me LOGIN IN ROLE " + EmbeddedPostgres.PEER_ROLE);
        ConnectionSpec asMe = resolve(Map.of(), "host=" + dir() + " port=" + port() + " dbname=" + pg17.database());
        assertThat(asMe.user()).isEqualTo(osUser);
        assertOverSocket(asMe, osUser);
        ConnectionSpec asOther = resolve(Map.of(), "host=" + dir() + " port=" + port() + " dbname=" + pg17.database() + " user=sock_not_me");
        assertThatThrownBy(() -> new Connector().open(asOther))
                .isInstanceOf(ConnectionException.class)
                .hasMessageContaining("refused user \"sock_not_me\"")
                .hasMessageContaining("Peer authentication failed");
    }

    @Test
    void notificationsTimeoutsAndCancelWorkOverTheSocket() throws SQLException {
        ConnectionSpec spec = resolve(Map.of(), "host=" + dir() + " port=" + port() + " dbname=" + pg17.database() + " user=postgres");
        try (Connection listener = new Connector().open(spec); Connection notifier = new Connector().open(spec);
             Statement listen = listener.createStatement(); Statement notify = notifier.createStatement()) {
            listen.execute("LISTEN sock_channel");
            PGConnection pg = listener.unwrap(PGConnection.class);
            // A short read timeout that expires must leave the stream usable.
            assertThat(pg.getNotifications(50)).isEmpty();
            notify.execute("NOTIFY sock_channel, 'hello'");
            PGNotification[] received = pg.getNotifications(5_000);
            assertThat(received).extracting(PGNotification::getParameter).containsExactly("hello");
            try (ResultSet rs = listen.executeQuery("SELECT length(repeat('x', 3000000))")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(3_000_000);
            }
            // pgjdbc cancels on a second connection, which the factory must also open on the socket.
            listen.setQueryTimeout(1);
            assertThatThrownBy(() -> listen.execute("SELECT pg_sleep(30)"))
                    .isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("57014"));
        }
    }

    @Test
    void aLargeResultStreamsThroughTheAdapter() throws SQLException {
        ConnectionSpec spec = resolve(Map.of(), "host=" + dir() + " port=" + port() + " dbname=" + pg17.database() + " user=postgres");
        try (Connection c = new Connector().open(spec); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT string_agg(md5(i::text), '' ORDER BY i) FROM generate_series(1, 200000) i")) {
            rs.next();
            String text = rs.getString(1);
            assertThat(text).hasSize(200_000 * 32).startsWith(md5("1")).endsWith(md5("200000"));
            assertThat(text.substring(99_999 * 32, 100_000 * 32)).isEqualTo(md5("100000"));
        }
    }

    @Test
    void noServerAtTheSocketIsOneClearLine() throws Exception {
        int unused;
        try (ServerSocket s = new ServerSocket(0)) {
            unused = s.getLocalPort();
        }
        ConnectionSpec spec = resolve(Map.of(), "host=" + dir() + " port=" + unused + " dbname=x user=postgres");
        assertThatThrownBy(() -> new Connector(2).open(spec))
                .isInstanceOf(ConnectionException.class)
                .hasMessage("no PostgreSQL server at Unix-domain socket " + dir() + "/.s.PGSQL." + unused + "; is the server running, with "
                        + dir() + " in unix_socket_directories and this port?");
    }

    private ConnectionSpec resolve(Map<String, String> env, String text) {
        return new ConnectionResolver(env, home, java.util.List.of()).resolve(new EndpointSource.Url(text));
    }

    private static void assertOverSocket(ConnectionSpec spec, String user) throws SQLException {
        try (Connection c = new Connector().open(spec); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT inet_server_addr() IS NULL, current_user, current_database()")) {
            rs.next();
            assertThat(rs.getBoolean(1)).as("a Unix-domain connection has no server address").isTrue();
            assertThat(rs.getString(2)).isEqualTo(user);
            assertThat(rs.getString(3)).isEqualTo(spec.database());
        }
    }

    private static String md5(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path dir() {
        return pg17.server().socketDirectory();
    }

    private static int port() {
        return pg17.server().port();
    }
}
