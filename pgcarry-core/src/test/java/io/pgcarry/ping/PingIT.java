package io.pgcarry.ping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgcarry.error.Setting;
import io.pgcarry.connect.ConnectionResolver;
import io.pgcarry.connect.ConnectionSpec;
import io.pgcarry.connect.Connector;
import io.pgcarry.connect.EndpointSource;
import io.pgcarry.embedded.EmbeddedPostgres;
import io.pgcarry.embedded.junit.PostgresExtension;
import io.pgcarry.error.ConnectionException;
import io.pgcarry.error.ErrorCode;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PingIT {
    @RegisterExtension
    static final PostgresExtension pg13 = PostgresExtension.major(13);
    @RegisterExtension
    static final PostgresExtension pg17 = PostgresExtension.major(17);

    private static final ConnectionResolver RESOLVER = new ConnectionResolver(Map.of(), Path.of("/nonexistent-home"));

    @Test
    void reportsVersionUserDatabaseEncodingAndSizeOnBothMajors() {
        for (PostgresExtension pg : List.of(pg13, pg17)) {
            PingResult result = ping(pg.url(), 10);
            assertThat(result.majorVersion()).isEqualTo(pg.server().version().major());
            assertThat(result.currentUser()).isEqualTo("postgres");
            assertThat(result.superuser()).isTrue();
            assertThat(result.database()).isEqualTo(pg.database());
            assertThat(result.encoding()).isEqualTo("UTF8");
            assertThat(result.sizeBytes()).isPositive();
        }
    }

    @Test
    void passwordRoleIsReportedAsNotSuperuser() {
        pg17.server().execute("CREATE ROLE app LOGIN PASSWORD 'Tr0ub4dor&3' IN ROLE " + EmbeddedPostgres.PASSWORD_ROLE);
        try {
            PingResult result = ping(pg17.server().url("app", "Tr0ub4dor%263", pg17.database()), 10);
            assertThat(result.currentUser()).isEqualTo("app");
            assertThat(result.superuser()).isFalse();
            assertThat(result.url()).doesNotContain("Tr0ub4dor").contains("app:***@");
        } finally {
            pg17.server().execute("DROP ROLE app");
        }
    }

    @Test
    void wrongPasswordIsOneLineWithoutThePassword() {
        pg13.server().execute("CREATE ROLE app2 LOGIN PASSWORD 'right-one' IN ROLE " + EmbeddedPostgres.PASSWORD_ROLE);
        try {
            String url = pg13.server().url("app2", "wrong-one", pg13.database());
            assertThatThrownBy(() -> ping(url, 10))
                    .isInstanceOf(ConnectionException.class)
                    .hasMessage("wrong password for user \"app2\" at 127.0.0.1:" + pg13.server().port()
                            + "; check the password given by postgresql://app2:***@127.0.0.1:" + pg13.server().port() + "/" + pg13.database())
                    .satisfies(e -> assertThat(((ConnectionException) e).code()).isEqualTo(ErrorCode.CONNECTION));
        } finally {
            pg13.server().execute("DROP ROLE app2");
        }
    }

    @Test
    void unknownDatabaseIsNamed() {
        assertThatThrownBy(() -> ping(pg17.server().url("no_such_db"), 10))
                .hasMessage("database \"no_such_db\" does not exist at 127.0.0.1:" + pg17.server().port()
                        + "; create it or fix the database name in the URL");
    }

    @Test
    void serverThatRequiresTlsIsExplained() {
        pg17.server().execute("CREATE ROLE tls_user LOGIN IN ROLE " + EmbeddedPostgres.TLS_ROLE);
        try {
            assertThatThrownBy(() -> ping(pg17.server().url("tls_user", "x1x", pg17.database()), 10))
                    .hasMessage("server at 127.0.0.1:" + pg17.server().port()
                            + " requires TLS for user \"tls_user\"; add sslmode=require to the URL");
        } finally {
            pg17.server().execute("DROP ROLE tls_user");
        }
    }

    @Test
    void tlsAskedOfAServerWithoutItIsExplained() {
        assertThatThrownBy(() -> ping(pg17.url() + "?sslmode=require", 10))
                .hasMessage("server at 127.0.0.1:" + pg17.server().port()
                        + " does not support TLS but the URL asks for it; use sslmode=prefer or sslmode=disable");
    }

    @Test
    void refusedConnectionIsExplained() {
        assertThatThrownBy(() -> ping("postgresql://u:secret@127.0.0.1:1/x", 10))
                .hasMessage("connection refused by 127.0.0.1:1; is PostgreSQL running there and accepting TCP connections?");
    }

    @Test
    void silentServerTimesOutWithinTheConnectTimeout() throws Exception {
        List<Socket> accepted = new ArrayList<>();
        try (ServerSocket silent = new ServerSocket(0)) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(silent.accept());
                    }
                } catch (Exception closed) {
                    // the socket was closed at the end of the test
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            long start = System.nanoTime();
            assertThatThrownBy(() -> ping("postgresql://u:secret@127.0.0.1:" + silent.getLocalPort() + "/x", 2))
                    .hasMessage("no answer from 127.0.0.1:" + silent.getLocalPort() + " within 2 s (host unreachable or blocked); "
                            + "check the host, port and firewall, or raise " + Setting.CONNECT_TIMEOUT.mention());
            assertThat((System.nanoTime() - start) / 1_000_000_000.0).isLessThan(8.0);
        } finally {
            for (Socket s : accepted) {
                s.close();
            }
        }
    }

    @Test
    void unknownHostIsNamed() {
        assertThatThrownBy(() -> ping("postgresql://u@no-such-host.invalid/x", 5))
                .hasMessage("host \"no-such-host.invalid\" not found; check the host name in the URL");
    }

    private static PingResult ping(String url, int timeout) {
        ConnectionSpec spec = RESOLVER.resolve(new EndpointSource.Url(url));
        return new Ping(new Connector(timeout)).ping(spec);
    }
}
