package io.pgcarry.migrate;

import static io.pgcarry.migrate.MigrationFixtures.row;
import static io.pgcarry.migrate.MigrationFixtures.sql;
import static io.pgcarry.migrate.MigrationFixtures.states;
import static io.pgcarry.migrate.MigrationFixtures.status;
import static io.pgcarry.migrate.MigrationFixtures.write;
import static io.pgcarry.migrate.MigrationState.APPLIED;
import static io.pgcarry.migrate.MigrationState.FAILED;
import static io.pgcarry.migrate.MigrationState.LINE_ENDINGS_ONLY;
import static io.pgcarry.migrate.MigrationState.MISSING;
import static io.pgcarry.migrate.MigrationState.MODIFIED;
import static io.pgcarry.migrate.MigrationState.OUT_OF_ORDER;
import static io.pgcarry.migrate.MigrationState.PENDING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.pgcarry.embedded.junit.PostgresExtension;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Atlas's migration directory and revisions table as {@code atlas migrate apply} leaves them: the table ent creates
 * from Atlas's Revision schema in schema {@code atlas_schema_revisions}, one row per file with type 2 (executed), 1
 * (baseline) or 6 (executed, then resolved), the statements applied of the total, the error of a failed run, and the
 * file's hash from {@code atlas.sum}. The hashes were worked out apart from pgcarry in the shell, as the checksum
 * package's AtlasChecksumTest did, with {@code b64sha(){ sha256sum | cut -c1-64 | xxd -r -p | base64; }} over each
 * file name followed by the file, for every file up to it: {@code for f in ...; do printf %s $f; cat $f; done | b64sha}.
 */
class AtlasStatusIT {
    @RegisterExtension
    static final PostgresExtension pg13 = PostgresExtension.major(13);
    @RegisterExtension
    static final PostgresExtension pg17 = PostgresExtension.major(17);

    private static final String LEDGER = """
            CREATE SCHEMA "atlas_schema_revisions";
            CREATE TABLE "atlas_schema_revisions"."atlas_schema_revisions" ("version" character varying NOT NULL,
                "description" character varying NOT NULL, "type" bigint NOT NULL DEFAULT 2, "applied" bigint NOT NULL DEFAULT 0,
                "total" bigint NOT NULL DEFAULT 0, "executed_at" timestamptz NOT NULL, "execution_time" bigint NOT NULL,
                "error" text NULL, "error_stmt" text NULL, "hash" character varying NOT NULL, "partial_hashes" jsonb NULL,
                "operator_version" character varying NOT NULL, PRIMARY KEY ("version"));
            """;
    private static final String LEGACY = "20231231000000_legacy.sql";
    private static final String INIT = "20240101000000_init.sql";
    private static final String ADD_NAME = "20240102000000_add_name.sql";
    private static final String INDEX = "20240104000000_index.sql";

    @TempDir
    Path dir;

    @Test
    void aBaselinedDirectoryWithItsRevisionsIsUpToDate() {
        for (PostgresExtension pg : List.of(pg13, pg17)) {
            Path project = dir.resolve(pg.database());
            Path migrations = project.resolve("migrations");
            write(migrations, LEGACY, "CREATE TABLE legacy (id int);\n");
            files(migrations, false);
            write(migrations, "atlas.sum", "h1:o8Kb/tGGFdLyyn7q1sPYKm2UF2QF9m/ZOwy9Gv7Wj0M=\n"
                    + LEGACY + " h1:oeSpYjoLSANhOLGF4OoniTEqdWCvGTs1TKIcZcOr7w4=\n"
                    + INIT + " h1:gVqA/1WxNMH4xMcvufZkjqNasekTztCglrVpWHhd/60=\n"
                    + ADD_NAME + " h1:aKLOg2kkI3AZadBr+NMzvQ8iqHm4MURo2rzzvNZiyr0=\n"
                    + INDEX + " h1:MvAnZTuaFHOEIngzUQSJZ71SNLJ5IBfSjGwcGlbcar0=\n");
            // atlas migrate apply --baseline 20240101000000: the baseline row has type 1 and no hash
            sql(pg, LEDGER + revision("20240101000000", "init", 1, 0, 0, null, "")
                    + revision("20240102000000", "add_name", 2, 1, 1, null, "aKLOg2kkI3AZadBr+NMzvQ8iqHm4MURo2rzzvNZiyr0=")
                    + revision("20240104000000", "index", 6, 1, 1, null, "MvAnZTuaFHOEIngzUQSJZ71SNLJ5IBfSjGwcGlbcar0="));
            MigrationStatus status = status(pg, project, null);
            assertThat(status.tool()).isEqualTo(MigrationTool.ATLAS);
            assertThat(status.directory()).isEqualTo(migrations);
            assertThat(status.detectedBy()).isEqualTo("atlas.sum and 4 migration files");
            assertThat(status.ledger()).isEqualTo("atlas_schema_revisions.atlas_schema_revisions");
            assertThat(states(status)).containsExactly(entry("20231231000000", APPLIED), entry("20240101000000", APPLIED),
                    entry("20240102000000", APPLIED), entry("20240104000000", APPLIED));
            assertThat(row(status, "20231231000000").note()).isEqualTo("older than the first revision 20240101000000: "
                    + "atlas never runs it");
            assertThat(row(status, "20240101000000").note()).isEqualTo("baseline: marked applied, never run");
            assertThat(row(status, "20240104000000").note()).isEqualTo("resolved by hand (atlas migrate set)");
            assertThat(row(status, "20240102000000").name()).isEqualTo("add_name");
            assertThat(status.upToDate()).isTrue();
        }
    }

    @Test
    void anEditedFileIsModifiedAndTheHashesChainedOverItAreNotCompared() {
        for (PostgresExtension pg : List.of(pg13, pg17)) {
            Path migrations = dir.resolve(pg.database());
            files(migrations, false);
            write(migrations, ADD_NAME, "ALTER TABLE t ADD COLUMN name text NOT NULL;\n");
            write(migrations, "atlas.sum", "h1:HgS4gga+j3FrK/AI8h93q+1zDYPq1F96FwLfcQg7bV8=\n"
                    + INIT + " h1:SHzK9HMd1VJXxyfkB4DdEsZDHvMZKf0Wuy5nmE70+m8=\n"
                    + ADD_NAME + " h1:78mDezItZff5PelZaCTJ8Zwn7nNsMTyt2HHvZMSpVaM=\n"
                    + INDEX + " h1:F+smN3sYj8FmpRXCdpPtmxURNvKjGVCi7uLRHp+CX60=\n");
            sql(pg, LEDGER + revision("20240101000000", "init", 2, 1, 1, null, "SHzK9HMd1VJXxyfkB4DdEsZDHvMZKf0Wuy5nmE70+m8=")
                    + revision("20240102000000", "add_name", 2, 1, 1, null, "78mDezItZff5PelZaCTJ8Zwn7nNsMTyt2HHvZMSpVaM=")
                    + revision("20240104000000", "index", 2, 1, 1, null, "F+smN3sYj8FmpRXCdpPtmxURNvKjGVCi7uLRHp+CX60="));
            MigrationStatus status = status(pg, migrations, null);
            assertThat(states(status)).containsExactly(entry("20240101000000", APPLIED), entry("20240102000000", MODIFIED),
                    entry("20240104000000", APPLIED));
            assertThat(row(status, "20240102000000").note()).startsWith("checksum 78mDezIt… recorded, file has ")
                    .endsWith("; atlas.sum does not match it, so atlas migrate apply refuses the directory until atlas migrate hash is run");
            assertThat(row(status, "20240104000000").note()).isEqualTo("hash not compared: atlas chains it over every earlier "
                    + "file, and 20240102000000_add_name.sql, which changed");
            assertThat(status.upToDate()).isFalse();
        }
    }

    @Test
    void lineEndingsOutOfOrderPartialMissingAndPendingAreReported() {
        for (PostgresExtension pg : List.of(pg13, pg17)) {
            Path migrations = dir.resolve(pg.database());
            files(migrations, true);
            write(migrations, "20240101120000_hotfix.sql", "SELECT 1;\n");
            write(migrations, "20240105000000_next.sql", "SELECT 5;\n");
            write(migrations, "atlas.sum", "h1:HgS4gga+j3FrK/AI8h93q+1zDYPq1F96FwLfcQg7bV8=\n"
                    + INIT + " h1:SHzK9HMd1VJXxyfkB4DdEsZDHvMZKf0Wuy5nmE70+m8=\n");
            // applied when the directory held init, add_name, gone and index; index stopped after its first statement
            sql(pg, LEDGER + revision("20240101000000", "init", 2, 1, 1, null, "SHzK9HMd1VJXxyfkB4DdEsZDHvMZKf0Wuy5nmE70+m8=")
                    + revision("20240102000000", "add_name", 2, 1, 1, null, "78mDezItZff5PelZaCTJ8Zwn7nNsMTyt2HHvZMSpVaM=")
                    + revision("20240103000000", "gone", 2, 1, 1, null, "Vj9wIS5A0KJjgMZQlQ14s3onrwicTkXAWBaDS9YmdpE=")
                    + revision("20240104000000", "index", 2, 1, 2, "Statement:\nCREATE INDEX t_name ON t (name);\n\nError:\n"
                            + "pq: relation \"t_name\" already exists", "81Ug8T4P+UnrD0T8XOdjzLeF/1Sr5PaQXJsnQ90oA60="));
            MigrationStatus status = status(pg, migrations, MigrationTool.ATLAS);
            assertThat(states(status)).containsExactly(entry("20240101000000", LINE_ENDINGS_ONLY),
                    entry("20240101120000", OUT_OF_ORDER), entry("20240102000000", APPLIED), entry("20240103000000", MISSING),
                    entry("20240104000000", FAILED), entry("20240105000000", PENDING));
            assertThat(row(status, "20240101000000").note()).startsWith("line endings only (LF→CRLF); atlas.sum does not match it");
            assertThat(row(status, "20240101120000").note()).isEqualTo("added out of order: atlas migrate apply stops at it "
                    + "(--exec-order non-linear runs it, linear-skip skips it) (newest applied: 20240103000000)");
            assertThat(row(status, "20240102000000").note()).isEqualTo("hash not compared: atlas chains it over every earlier "
                    + "file, and 20240101000000_init.sql, whose line endings changed");
            assertThat(row(status, "20240104000000").note()).isEqualTo("started, not finished; 1 of 2 statements applied; "
                    + "error: pq: relation \"t_name\" already exists");
            assertThat(status.upToDate()).isFalse();
        }
    }

    private static void files(Path migrations, boolean crlfInit) {
        write(migrations, INIT, "CREATE TABLE t (id int);\n", crlfInit);
        write(migrations, ADD_NAME, "ALTER TABLE t ADD COLUMN name text;\n");
        write(migrations, INDEX, "CREATE INDEX t_name ON t (name);\n");
    }

    private static String revision(String version, String description, int type, int applied, int total, String error,
                                   String hash) {
        return "INSERT INTO atlas_schema_revisions.atlas_schema_revisions VALUES ('" + version + "', '" + description + "', "
                + type + ", " + applied + ", " + total + ", now(), 1200000, " + (error == null ? "NULL" : "'" + error.replace("'", "''") + "'")
                + ", NULL, '" + hash + "', " + (applied > 0 ? "'[]'" : "NULL") + ", 'Atlas CLI v0.28.1');\n";
    }
}
