package io.pgcarry.migrate;

import io.pgcarry.connect.ConnectionResolver;
import io.pgcarry.connect.ConnectionSpec;
import io.pgcarry.connect.Connector;
import io.pgcarry.connect.EndpointSource;
import io.pgcarry.embedded.junit.PostgresExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/** Migration directories and ledgers written by tests as each tool leaves them, and {@code migrate status} on them. */
public final class MigrationFixtures {
    private static final ConnectionResolver RESOLVER = new ConnectionResolver(Map.of(), Path.of("/nonexistent-home"));

    private MigrationFixtures() {
    }

    /** {@code migrate status} of {@code dir} against the current test's database of {@code pg}. */
    public static MigrationStatus status(PostgresExtension pg, Path dir, MigrationTool tool) {
        return status(pg.url(), dir, tool, null);
    }

    public static MigrationStatus status(String url, Path dir, MigrationTool tool, String ledgerSchema) {
        return new MigrateStatus(new Connector()).status(new StatusRequest(spec(url), dir, tool, ledgerSchema));
    }

    public static ConnectionSpec spec(String url) {
        return RESOLVER.resolve(new EndpointSource.Url(url));
    }

    /** Runs {@code sql} (several statements may be given) as the superuser in the current test's database. */
    public static void sql(PostgresExtension pg, String sql) {
        try (Connection c = pg.connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes {@code text} to {@code dir/relative}, making the directories; with CRLF line endings when {@code crlf}. */
    public static Path write(Path dir, String relative, String text, boolean crlf) {
        Path file = dir.resolve(relative);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, crlf ? text.replace("\n", "\r\n") : text);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path write(Path dir, String relative, String text) {
        return write(dir, relative, text, false);
    }

    /** SHA-256 hex of {@code text}'s UTF-8 bytes (what {@code sha256sum} prints). */
    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Version to state, in the order of the rows. */
    public static Map<String, MigrationState> states(MigrationStatus status) {
        Map<String, MigrationState> states = new LinkedHashMap<>();
        status.migrations().forEach(m -> states.put(m.version(), m.state()));
        return states;
    }

    /** The row of {@code version}. */
    public static MigrationRow row(MigrationStatus status, String version) {
        return status.migrations().stream().filter(m -> m.version().equals(version)).findFirst()
                .orElseThrow(() -> new AssertionError("no row " + version + " in " + status.migrations()));
    }
}
