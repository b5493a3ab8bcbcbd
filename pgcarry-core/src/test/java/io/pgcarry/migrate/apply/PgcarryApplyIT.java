package io.pgcarry.migrate.apply;

import static io.pgcarry.migrate.MigrationFixtures.sha256;
import static io.pgcarry.migrate.MigrationFixtures.states;
import static io.pgcarry.migrate.MigrationFixtures.write;
import static io.pgcarry.migrate.apply.ApplyFixtures.appRole;
import static io.pgcarry.migrate.apply.ApplyFixtures.apply;
import static io.pgcarry.migrate.apply.ApplyFixtures.invalidIndexes;
import static io.pgcarry.migrate.apply.ApplyFixtures.rows;
import static io.pgcarry.migrate.apply.ApplyFixtures.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.pgcarry.embedded.junit.PostgresExtension;
import io.pgcarry.migrate.MigrationState;
import io.pgcarry.migrate.MigrationStatus;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code migrate apply} on a plain SQL directory, under pgcarry's own ledger {@code pgcarry_migrate.migrations}. */
class PgcarryApplyIT {
    @RegisterExtension
    static final PostgresExtension pg13 = PostgresExtension.major(13);
    @RegisterExtension
    static final PostgresExtension pg17 = PostgresExtension.major(17);

    private static final String ITEMS = "CREATE TABLE items (id bigint PRIMARY KEY, name text);\n";
    // a function body full of semicolons, and a search_path change that must not outlive the file
    private static final String FUNCTION = """
            SET search_path = pg_catalog;
            CREATE FUNCTION public.item_name(i bigint) RETURNS text LANGUAGE plpgsql AS $body$
            DECLARE n text;
            BEGIN
              SELECT name INTO n FROM public.items WHERE id = i;
              RETURN n;
            END $body$;
            """;
    private static final String INDEX = "CREATE INDEX CONCURRENTLY items_name_idx ON items (name);\r\n";
    private static final String LEDGER = "SELECT version, name, checksum, checksum_lf, success, statements_run, applied_by, "
            + "duration_ms >= 0 FROM pgcarry_migrate.migrations ORDER BY version";

    @TempDir
    Path dir;

    @Test
    void appliesFromEmptyIntoPgcarrysLedger() {
        for (PostgresExtension pg : List.of(pg13, pg17)) {
            Path migrations = dir.resolve(pg.database()).resolve("migrations");
            write(migrations, "001_items.sql", ITEMS);
            write(migrations, "002_item_name.sql", FUNCTION);
            write(migrations, "003_items_name_idx.sql", INDEX);
            // unqualified: finds items only with the role's own search_path, not the one 002 set
            write(migrations, "004_seed.sql", "INSERT INTO items VALUES (1, 'one');\n");
            String url = appRole(pg);
            String role = "app_" + pg.database();
            ApplyResult result = apply(url, migrations.getParent(), null);
            assertThat(result.outcome()).isEqualTo(ApplyOutcome.APPLIED);
            assertThat(result.ledger()).isEqualTo("pgcarry_migrate.migrations");
            MigrationStatus status = status(url, migrations.getParent(), null);
            assertThat(status.upToDate()).isTrue();
            assertThat(rows(pg, LEDGER)).containsExactly(
                    "001|items|" + sha256(ITEMS) + "|" + sha256(ITEMS) + "|t|1|" + role + "|t",
                    "002|item_name|" + sha256(FUNCTION) + "|" + sha256(FUNCTION) + "|t|2|" + role + "|t",
                    "003|items_name_idx|" + sha256(INDEX) + "|" + sha256(INDEX.replace("\r\n", "\n")) + "|t|1|" + role + "|t",
                    "004|seed|" + sha256("INSERT INTO items VALUES (1, 'one');\n") + "|"
                            + sha256("INSERT INTO items VALUES (1, 'one');\n") + "|t|1|" + role + "|t");
            assertThat(rows(pg, "SELECT public.item_name(1)")).containsExactly("one");
        }
    }

    @Test
    void aFailedConcurrentIndexBuildLeavesNoInvalidIndexAndAFailedRow() {
        for (PostgresExtension pg : List.of(pg13, pg17)) {
            Path migrations = dir.resolve(pg.database());
            write(migrations, "001_items.sql", ITEMS);
            write(migrations, "002_unique_names.sql", "INSERT INTO items VALUES (1, 'a'), (2, 'a');\n"
                    + "CREATE UNIQUE INDEX CONCURRENTLY items_name_key ON items (name);\nSELECT 1;\n");
            String url = appRole(pg);
            ApplyResult result = apply(url, migrations, null);
            assertThat(result.outcome()).isEqualTo(ApplyOutcome.FAILED);
            FileRun failed = result.runs().get(1);
            assertThat(failed.failure().sqlState()).isEqualTo("23505");
            assertThat(failed.failure().line()).isEqualTo(2);
            assertThat(failed.failure().ran()).containsExactly("line 1: INSERT INTO items VALUES (1, 'a'), (2, 'a')");
            assertThat(failed.invalidIndexes()).containsExactly("public.items_name_key (INVALID, dropped)");
            assertThat(invalidIndexes(pg)).isEmpty();
            assertThat(rows(pg, "SELECT to_regclass('items_name_key') IS NULL, count(*) FROM items GROUP BY 1")).containsExactly("t|2");
            assertThat(rows(pg, "SELECT version, success, statements_run FROM pgcarry_migrate.migrations ORDER BY 1"))
                    .containsExactly("001|t|1", "002|f|1");
            MigrationStatus status = status(url, migrations, null);
            assertThat(states(status)).containsExactly(entry("001", MigrationState.APPLIED), entry("002", MigrationState.FAILED));
            assertThat(status.migrations().get(1).note()).contains("stopped after 1 statements");
        }
    }

    @Test
    void aFailedTransactionalFileLeavesNothingAndStaysPending() {
        for (PostgresExtension pg : List.of(pg13, pg17)) {
            Path migrations = dir.resolve(pg.database());
            write(migrations, "001_items.sql", ITEMS);
            write(migrations, "002_bad.sql", "INSERT INTO items VALUES (1, 'a');\nINSERT INTO items VALUES (1, 'b');\n");
            String url = appRole(pg);
            ApplyResult result = apply(url, migrations, null);
            assertThat(result.outcome()).isEqualTo(ApplyOutcome.FAILED);
            assertThat(result.runs().get(1).failure().rolledBack()).isTrue();
            assertThat(rows(pg, "SELECT count(*) FROM items")).containsExactly("0");
            assertThat(rows(pg, "SELECT version FROM pgcarry_migrate.migrations")).containsExactly("001");
            assertThat(states(status(url, migrations, null))).containsEntry("002", MigrationState.PENDING);
        }
    }
}
