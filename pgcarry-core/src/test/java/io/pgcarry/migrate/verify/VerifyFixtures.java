package io.pgcarry.migrate.verify;

import io.pgcarry.connect.Connector;
import io.pgcarry.embedded.junit.PostgresExtension;
import io.pgcarry.migrate.MigrationFixtures;
import io.pgcarry.migrate.MigrationTool;
import io.pgcarry.migrate.StatusRequest;
import io.pgcarry.migrate.ToolLedgers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Migration directories applied to a test's database as their tool would apply them (the test runs the files and
 * writes the ledger rows the tool writes), and {@code migrate verify} on them.
 */
final class VerifyFixtures {
    private VerifyFixtures() {
    }

    /** A Prisma project under {@code dir}: {@code prisma/migrations/<name>/migration.sql} per entry, in order. */
    static Path prismaProject(Path dir, Map<String, String> migrations) {
        Path folder = dir.resolve("prisma/migrations");
        write(folder.resolve("migration_lock.toml"), "provider = \"postgresql\"\n");
        migrations.forEach((name, sql) -> write(folder.resolve(name).resolve("migration.sql"), sql));
        return dir;
    }

    /** What {@code prisma migrate deploy} does with these migrations: runs each and records it, ledger first. */
    static void prismaDeploy(PostgresExtension pg, Map<String, String> migrations) {
        MigrationFixtures.sql(pg, prismaDeploySql(migrations));
    }

    /** The SQL of {@link #prismaDeploy}: in the search path's first schema, as Prisma's {@code ?schema=} puts it. */
    static String prismaDeploySql(Map<String, String> migrations) {
        StringBuilder sql = new StringBuilder(ToolLedgers.PRISMA);
        migrations.forEach((name, text) -> sql.append(text).append(";\nINSERT INTO \"_prisma_migrations\" VALUES ('")
                .append(UUID.randomUUID()).append("', '").append(MigrationFixtures.sha256(text)).append("', now(), '").append(name)
                .append("', NULL, NULL, now(), 1);\n"));
        return sql.toString();
    }

    /** The migrations in order, as a map that keeps it. */
    static Map<String, String> ordered(String... nameThenSql) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < nameThenSql.length; i += 2) {
            map.put(nameThenSql[i], nameThenSql[i + 1]);
        }
        return map;
    }

    static VerifyResult verify(PostgresExtension pg, Path dir, MigrationTool tool, boolean includePending) {
        return verify(pg, dir, tool, includePending, null);
    }

    static VerifyResult verify(PostgresExtension pg, Path dir, MigrationTool tool, boolean includePending, Integer major) {
        return verify(pg.url(), dir, tool, includePending, major);
    }

    static VerifyResult verify(String url, Path dir, MigrationTool tool, boolean includePending, Integer major) {
        StatusRequest status = new StatusRequest(MigrationFixtures.spec(url), dir, tool, null);
        return new MigrateVerify(new Connector()).verify(new VerifyRequest(status, includePending, major));
    }

    /**
     * A role that can log in to the current test's database and read: no superuser, no CREATEDB, every transaction
     * read-only, SELECT on the ledger {@code ledger} only. Its URL.
     */
    static String readOnlyRole(PostgresExtension pg, String ledger) {
        String role = "reader_" + pg.database();
        MigrationFixtures.sql(pg, "CREATE ROLE " + role + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE;"
                + "ALTER ROLE " + role + " SET default_transaction_read_only = on;"
                + "GRANT SELECT ON " + ledger + " TO " + role);
        return "postgresql://" + role + "@127.0.0.1:" + pg.server().port() + "/" + pg.database();
    }

    /** Each drifted object as {@code change: kind name}. */
    static List<String> drift(VerifyResult result) {
        return result.drift().stream().map(Drift::toString).toList();
    }

    static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The embedded servers' directories this JVM owns now (each server's data, socket and log). */
    static Set<Path> serverDirectories() {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        String pid = Long.toString(ProcessHandle.current().pid());
        try (Stream<Path> entries = Files.list(tmp)) {
            return entries.filter(p -> p.getFileName().toString().startsWith("pgc") && Files.isDirectory(p))
                    .filter(p -> pid.equals(owner(p))).collect(Collectors.toSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String owner(Path dir) {
        try {
            return Files.readString(dir.resolve("owner.pid")).strip();
        } catch (IOException e) {
            return null;
        }
    }
}
