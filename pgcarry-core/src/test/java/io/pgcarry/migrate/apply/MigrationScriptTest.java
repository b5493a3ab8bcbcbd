package io.pgcarry.migrate.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgcarry.error.ConfigurationException;
import io.pgcarry.migrate.MigrationSql;
import io.pgcarry.migrate.MigrationTool;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Splitting migration files, and which statements decide how a file runs. */
class MigrationScriptTest {
    private static MigrationScript parse(String text) {
        return MigrationScript.parse("m.sql", MigrationSql.of(MigrationTool.PGCARRY, "m.sql", text));
    }

    private static String outside(String sql) {
        List<ScriptStep> steps = parse(sql).steps();
        assertThat(steps).hasSize(1);
        return steps.get(0).outsideTransaction();
    }

    @Test
    void statementsThatCannotRunInATransactionAreFound() {
        assertThat(outside("CREATE INDEX CONCURRENTLY \"User_email_idx\" ON \"User\" (email)")).isEqualTo("CREATE INDEX CONCURRENTLY");
        assertThat(outside("create unique index concurrently if not exists i on t (a)")).isEqualTo("CREATE INDEX CONCURRENTLY");
        assertThat(outside("CREATE INDEX CONCURRENTLY ON t (a)")).isEqualTo("CREATE INDEX CONCURRENTLY");
        assertThat(outside("DROP INDEX CONCURRENTLY IF EXISTS i")).isEqualTo("DROP INDEX CONCURRENTLY");
        assertThat(outside("REINDEX (VERBOSE) INDEX CONCURRENTLY i")).isEqualTo("REINDEX CONCURRENTLY");
        assertThat(outside("ALTER TABLE p DETACH PARTITION p1 CONCURRENTLY")).isEqualTo("DETACH PARTITION CONCURRENTLY");
        assertThat(outside("VACUUM (ANALYZE) t")).isEqualTo("VACUUM");
        assertThat(outside("ALTER SYSTEM SET work_mem = '64MB'")).isEqualTo("ALTER SYSTEM");
        assertThat(outside("CREATE DATABASE other")).isEqualTo("CREATE DATABASE");
    }

    @Test
    void wordsInsideQuotesCommentsAndBodiesCountForNothing() {
        assertThat(outside("CREATE INDEX i ON t (a) -- CONCURRENTLY later")).isNull();
        assertThat(outside("CREATE INDEX \"concurrently\" ON t (a)")).isNull();
        assertThat(outside("CREATE INDEX i ON t USING btree (a) WHERE note = 'concurrently'")).isNull();
        assertThat(outside("ALTER TYPE mood ADD VALUE 'meh'")).isNull();
        MigrationScript body = parse("""
                CREATE FUNCTION f() RETURNS void LANGUAGE plpgsql AS $$
                BEGIN
                  EXECUTE 'VACUUM t';  -- not run here
                END $$;
                SELECT 1;
                """);
        assertThat(body.steps()).hasSize(2);
        assertThat(body.mode()).isEqualTo(TransactionMode.TRANSACTION);
        assertThat(body.steps().get(1).line()).isEqualTo(5);
    }

    @Test
    void aFileWithOneSuchStatementRunsStatementByStatement() {
        MigrationScript script = parse("CREATE TABLE t (a int);\n\nCREATE INDEX CONCURRENTLY t_a ON t (a);\n");
        assertThat(script.mode()).isEqualTo(TransactionMode.STATEMENTS);
        assertThat(script.reasons()).containsExactly("line 3: CREATE INDEX CONCURRENTLY");
        assertThat(script.statementCount()).isEqualTo(2);
    }

    @Test
    void theFilesOwnTransactionControlIsFoldedOrRefused() {
        // Prisma writes enum changes inside BEGIN ... COMMIT
        MigrationScript prisma = parse("BEGIN;\nCREATE TYPE \"Role_new\" AS ENUM ('A');\nCOMMIT;\n");
        assertThat(prisma.mode()).isEqualTo(TransactionMode.TRANSACTION);
        assertThat(prisma.statementCount()).isEqualTo(1);
        assertThat(parse("SAVEPOINT a;\nSELECT 1;\nROLLBACK TO SAVEPOINT a;\n").statementCount()).isEqualTo(3);
        assertThatThrownBy(() -> parse("CREATE TABLE t (a int);\nROLLBACK;\n")).isInstanceOf(ConfigurationException.class)
                .hasMessage("m.sql line 2: ROLLBACK would undo or split the transaction the file runs in; remove it (nothing was applied)");
        assertThatThrownBy(() -> parse("PREPARE TRANSACTION 'x';")).isInstanceOf(ConfigurationException.class);
        // run statement by statement, the file's own BEGIN ... COMMIT is sent as written
        MigrationScript mixed = parse("BEGIN;\nCREATE TABLE t (a int);\nCOMMIT;\nCREATE INDEX CONCURRENTLY i ON t (a);\n");
        assertThat(mixed.statementCount()).isEqualTo(4);
    }

    @Test
    void metaCommandsAreRefusedAndCopyDataIsKept() {
        assertThatThrownBy(() -> parse("SELECT 1;\n\\i other.sql\n")).isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("m.sql line 2: psql meta-command \\i is not SQL");
        MigrationScript copy = parse("\uFEFFCOPY t (a) FROM stdin;\n1\n2\n\\.\nSELECT 3;\n");
        assertThat(copy.steps().get(0).sql()).isEqualTo("COPY t (a) FROM stdin");
        assertThat(copy.steps().get(0).copyData()).isEqualTo("1\n2\n");
        assertThat(copy.steps().get(1).sql()).isEqualTo("SELECT 3");
    }

    @Test
    void obviousHazardsAreNamedInThePlanWritersWords() {
        assertThat(hazards("CREATE INDEX i ON t (a)")).containsExactly("write lock (blocks writes to the table while the index builds; "
                + "CONCURRENTLY does not)");
        assertThat(hazards("ALTER TABLE t ALTER COLUMN a TYPE bigint")).first().isEqualTo("ACCESS EXCLUSIVE lock");
        assertThat(hazards("ALTER TABLE t ALTER COLUMN a TYPE bigint")).anyMatch(h -> h.startsWith("table rewrite"));
        // ADD FOREIGN KEY takes SHARE ROW EXCLUSIVE, not ACCESS EXCLUSIVE, as PostgreSQL documents (and lint predicts)
        assertThat(hazards("ALTER TABLE t ADD CONSTRAINT f FOREIGN KEY (a) REFERENCES u NOT VALID"))
                .containsExactly("write lock (SHARE ROW EXCLUSIVE: blocks writes to the table while it runs)");
        assertThat(hazards("DROP TABLE t")).containsExactly("ACCESS EXCLUSIVE lock", "deletes data");
        assertThat(hazards("CREATE INDEX CONCURRENTLY i ON t (a)")).containsExactly(
                "outside a transaction (CREATE INDEX CONCURRENTLY cannot run inside a transaction block)");
        assertThat(hazards("CREATE TABLE t (a int)")).isEmpty();
        // transaction control a file run statement by statement may hold has no hazards (and is not refused)
        assertThat(StatementHazards.of(parse("CREATE INDEX CONCURRENTLY i ON t (a);\nROLLBACK").steps().get(1))).isEmpty();
    }

    private static List<String> hazards(String sql) {
        return StatementHazards.of(parse(sql).steps().get(0)).stream().map(Object::toString).toList();
    }
}
