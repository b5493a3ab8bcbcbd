package io.pgcarry.migrate;

import static io.pgcarry.migrate.MigrationFixtures.row;
import static io.pgcarry.migrate.MigrationFixtures.sql;
import static io.pgcarry.migrate.MigrationFixtures.states;
import static io.pgcarry.migrate.MigrationFixtures.status;
import static io.pgcarry.migrate.MigrationFixtures.write;
import static io.pgcarry.migrate.MigrationState.APPLIED;
import static io.pgcarry.migrate.MigrationState.LINE_ENDINGS_ONLY;
import static io.pgcarry.migrate.MigrationState.MISSING;
import static io.pgcarry.migrate.MigrationState.MODIFIED;
import static io.pgcarry.migrate.MigrationState.PENDING;
import static io.pgcarry.migrate.MigrationState.SKIPPED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.pgcarry.embedded.junit.PostgresExtension;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Graphile Migrate's committed migrations and ledger as {@code graphile-migrate migrate} leaves them: the tables of
 * {@code _migrateMigrationSchema} in schema {@code graphile_migrate}, one row per run migration with its hash, the
 * previous migration's hash and its filename without the message slug. The first two files and their hashes are the
 * checksum package's fixture, which Graphile Migrate 1.4.1 read to the same hashes (see GraphileChecksumTest); the
 * later hashes were worked out in the shell the same way:
 * {@code printf '%s\n%s\n' "$previous" 'select 3;' | sha1sum}. A failed migration leaves no row in this ledger (its
 * transaction rolls back with it), so there is no failed state to plant.
 */
class GraphileStatusIT {
    @RegisterExtension
    static final PostgresExtension pg13 = PostgresExtension.major(13);
    @RegisterExtension
    static final PostgresExtension pg17 = PostgresExtension.major(17);

    private static final String LEDGER = """
            create schema if not exists graphile_migrate;
            create table if not exists graphile_migrate.migrations (
              hash text primary key,
              previous_hash text references graphile_migrate.migrations,
              filename text not null,
              date timestamptz not null default now()
            );
            create table if not exists graphile_migrate.current (
              filename text primary key default 'current.sql',
              content text not null,
              date timestamptz not null default now()
            );
            """;
    private static final String H1 = "sha1:7e1d4238404f9157daa5bb37b111a41515f31d28";
    private static final String H2 = "sha1:8d1ea1fcd6531c9fe86fc51c2307054042577392";
    private static final String H3 = "sha1:ab839e5b456ec4b332d4bb22f556277e7e29ea37";
    private static final String H4 = "sha1:c1c4e5a41e65d0b1516d517392fc0e38f6819ce3";
    private static final String FIRST = "--! Previous: -\n--! Hash: " + H1 + "\n\ncreate table users (id serial primary key);\n";
    private static final String SECOND = "--! Previous: " + H1 + "\n--! Hash: " + H2 + "\n--! Message: add posts\n\n"
            + "create table posts (\n  id serial primary key,\n  user_id int references users\n);\n";

    @TempDir
    Path dir;

    @Test
    void aMigratedProjectIsUpToDate() {
        for (PostgresExtension pg : List.of(pg13, pg17)) {
            Path project = dir.resolve(pg.database());
            Path migrations = project.resolve("migrations");
            write(migrations, "committed/000001.sql", FIRST);
            write(migrations, "committed/000002-add-posts.sql", SECOND);
            write(migrations, "current.sql", "-- Enter migration here\n");
            sql(pg, LEDGER + ran(H1, null, "000001.sql") + ran(H2, H1, "000002.sql"));
            MigrationStatus status = status(pg, project, null);
            assertThat(status.tool()).isEqualTo(MigrationTool.GRAPHILE);
            assertThat(status.directory()).isEqualTo(migrations);
            assertThat(status.detectedBy()).isEqualTo("committed/ with 2 migrations");
            assertThat(status.ledger()).isEqualTo("graphile_migrate.migrations");
            assertThat(states(status)).containsExactly(entry("000001", APPLIED), entry("000002", APPLIED));
            assertThat(row(status, "000002").name()).isEqualTo("add posts");
            assertThat(row(status, "000002").fileChecksum()).isEqualTo(H2);
            assertThat(status.upToDate()).isTrue();
        }
    }

    @Test
    void everyPlantedFaultIsReported() {
        for (PostgresExtension pg : List.of(pg13, pg17)) {
            Path migrations = dir.resolve(pg.database());
            write(migrations, "committed/000001.sql", FIRST, true);
            write(migrations, "committed/000002-add-posts.sql", SECOND.replace("user_id int", "user_id bigint"));
            write(migrations, "committed/000003.sql", "--! Previous: " + H2 + "\n--! Hash: " + H3 + "\n\nselect 3;\n");
            // written after 000004, whose file is gone since
            write(migrations, "committed/000005.sql", "--! Previous: " + H4 + "\n--! Hash: sha1:eda8563c5a1031bee7d49a07673544acafe7698e"
                    + "\n\nselect 5;\n");
            sql(pg, LEDGER + ran(H1, null, "000001.sql") + ran(H2, H1, "000002.sql") + ran(H4, H2, "000004.sql"));
            MigrationStatus status = status(pg, migrations, MigrationTool.GRAPHILE);
            assertThat(states(status)).containsExactly(entry("000001", LINE_ENDINGS_ONLY), entry("000002", MODIFIED),
                    entry("000003", SKIPPED), entry("000004", MISSING), entry("000005", PENDING));
            assertThat(row(status, "000001").note()).isEqualTo("line endings only (LF→CRLF); graphile-migrate refuses the file "
                    + "with CRLF line endings: make them LF again");
            assertThat(row(status, "000002").note()).isEqualTo("checksum sha1:8d1… recorded, file has "
                    + row(status, "000002").fileChecksum().substring(0, 8) + "…; its --! Hash header is not the hash of its "
                    + "body, so graphile-migrate refuses to run it");
            assertThat(row(status, "000003").note()).isEqualTo("graphile-migrate never runs it: it runs only files after the "
                    + "last applied filename (newest applied: 000004)");
            assertThat(row(status, "000005").note()).isEqualTo("its --! Previous header is not the hash of the file before it, "
                    + "so graphile-migrate refuses the directory");
            assertThat(status.upToDate()).isFalse();
        }
    }

    private static String ran(String hash, String previous, String filename) {
        return "insert into graphile_migrate.migrations(hash, previous_hash, filename) values ('" + hash + "', "
                + (previous == null ? "null" : "'" + previous + "'") + ", '" + filename + "');\n";
    }
}
