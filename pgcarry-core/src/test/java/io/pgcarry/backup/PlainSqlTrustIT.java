package io.pgcarry.backup;

import static io.pgcarry.backup.BackupFixtures.restore;
import static io.pgcarry.backup.BackupFixtures.spec;
import static io.pgcarry.backup.BackupFixtures.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgcarry.error.Setting;
import io.pgcarry.connect.Connector;
import io.pgcarry.copy.CopyProgress;
import io.pgcarry.embedded.junit.PostgresExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A plain SQL file runs in restore's one transaction whatever transaction control it holds, and runs no programs unless allowed. */
class PlainSqlTrustIT {
    @RegisterExtension
    static final PostgresExtension pg = PostgresExtension.major(13);

    @TempDir
    Path dir;

    private static final String WITH_COMMIT = """
            CREATE TABLE public.a (id int);
            BEGIN;
            COPY public.a (id) FROM stdin;
            1
            2
            \\.
            COMMIT;
            /* pg_dump writes these around large objects */ START TRANSACTION;
            END;
            """;

    @Test
    void anErrorAfterACommitInTheFileLeavesNothingCommitted() throws Exception {
        Path file = Files.writeString(dir.resolve("dump.sql"), WITH_COMMIT + "SELECT * FROM public.no_such_table;\n");
        String target = pg.newDatabase();
        assertThatThrownBy(() -> restore(file, pg.server().url(target), false)).hasMessageContaining("no_such_table")
                .hasMessageContaining("nothing was restored");
        assertThat(value(pg, target, "SELECT count(*) FROM pg_class WHERE relname = 'a'")).isEqualTo("0");
    }

    @Test
    void transactionControlIsFoldedIntoTheOneTransaction() throws Exception {
        Path file = Files.writeString(dir.resolve("dump.sql"), WITH_COMMIT);
        String target = pg.newDatabase();
        RestoreResult result = restore(file, pg.server().url(target), false);
        assertThat(result.passed()).isTrue();
        assertThat(result.warnings()).anySatisfy(w -> assertThat(w).contains("4 transaction control"));
        assertThat(value(pg, target, "SELECT count(*) FROM public.a")).isEqualTo("2");
    }

    @Test
    void aRollbackInTheFileIsRefused() throws Exception {
        Path file = Files.writeString(dir.resolve("dump.sql"), "CREATE TABLE public.a (id int);\nROLLBACK;\n");
        String target = pg.newDatabase();
        assertThatThrownBy(() -> restore(file, pg.server().url(target), false)).hasMessageContaining("line 2: ROLLBACK")
                .hasMessageContaining("nothing was restored");
        assertThat(value(pg, target, "SELECT count(*) FROM pg_class WHERE relname = 'a'")).isEqualTo("0");
    }

    @Test
    void copyProgramAndShellCommandsAreRefusedUnlessAllowed() throws Exception {
        Path marker = dir.resolve("ran");
        Path file = Files.writeString(dir.resolve("dump.sql"), "CREATE TABLE public.a (id int);\nCOPY (SELECT 1) TO PROGRAM 'touch " + marker + "';\n");
        assertThatThrownBy(() -> restore(file, pg.server().url(pg.newDatabase()), false)).hasMessageContaining("line 2: COPY ... PROGRAM")
                .hasMessageContaining(Setting.ALLOW_PROGRAM.mention());
        assertThat(marker).doesNotExist();

        // Allowed, it runs (as the server's OS user, so into a place that user can write).
        Path allowed = Files.writeString(dir.resolve("allowed.sql"), "CREATE TABLE public.a (id int);\n"
                + "COPY (SELECT 1) TO PROGRAM 'cat > /dev/null';\n");
        assertThat(new BackupRestore(new Connector()).run(new RestoreRequest(allowed, spec(pg.server().url(pg.newDatabase())), 1, null,
                false, null, true), CopyProgress.NONE).schemaStatements()).isEqualTo(2);

        Path shell = Files.writeString(dir.resolve("shell.sql"), "CREATE TABLE public.a (id int);\n\\! touch " + marker + "2\n");
        assertThatThrownBy(() -> restore(shell, pg.server().url(pg.newDatabase()), false)).hasMessageContaining("line 2: psql meta-command \\!")
                .hasMessageContaining("shell command");
        assertThat(dir.resolve("ran2")).doesNotExist();
    }
}
