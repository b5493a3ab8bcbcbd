package io.pgcarry.backup;

import io.pgcarry.connect.ConnectionResolver;
import io.pgcarry.connect.ConnectionSpec;
import io.pgcarry.connect.Connector;
import io.pgcarry.connect.EndpointSource;
import io.pgcarry.copy.CopyProgress;
import io.pgcarry.embedded.junit.PostgresExtension;
import java.io.File;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;

/** Shared helpers of the backup tests: fixtures, specs, one-value queries, the machine's PostgreSQL client tools. */
final class BackupFixtures {
    private BackupFixtures() {
    }

    static ConnectionSpec spec(String url) {
        return new ConnectionResolver(Map.of(), Path.of("/nonexistent")).resolve(new EndpointSource.Url(url));
    }

    static BackupResult backup(PostgresExtension pg, String database, Path out, String file, Compression compression) {
        return new Backup(new Connector()).run(new BackupRequest(spec(pg.server().url(database)), out, file, 2, compression, false, 1000),
                CopyProgress.NONE);
    }

    static RestoreResult restore(Path archive, String url, boolean clean) {
        return new BackupRestore(new Connector()).run(new RestoreRequest(archive, spec(url), 2, null, clean), CopyProgress.NONE);
    }

    static void load(PostgresExtension pg, String database, String... resources) throws Exception {
        for (String resource : resources) {
            try (InputStream in = BackupFixtures.class.getResourceAsStream(resource)) {
                execute(pg, database, new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
    }

    static void execute(PostgresExtension pg, String database, String sql) throws Exception {
        try (Connection c = pg.server().connect(database); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    static String value(PostgresExtension pg, String database, String sql) throws Exception {
        try (Connection c = pg.server().connect(database); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** A PostgreSQL client program on the PATH (pg_dump, psql), for interop tests. */
    static Optional<Path> tool(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
