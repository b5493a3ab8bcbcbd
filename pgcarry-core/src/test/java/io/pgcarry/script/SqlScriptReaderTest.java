package io.pgcarry.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgcarry.error.ConfigurationException;
import io.pgcarry.error.ErrorCode;
import io.pgcarry.error.PgCarryException;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SqlScriptReaderTest {
    private static final String SOURCE = "backup.sql";

    @Test
    void splitsSimpleStatementsWithTheirStartLines() {
        List<ScriptItem> items = items("""
                SELECT 1;
                SELECT 2; SELECT 3;

                  INSERT INTO t
                  VALUES (4)  ;
                """);
        assertThat(items).containsExactly(
                new SqlStatement("SELECT 1", 1, List.of()),
                new SqlStatement("SELECT 2", 2, List.of()),
                new SqlStatement("SELECT 3", 2, List.of()),
                new SqlStatement("INSERT INTO t\n  VALUES (4)", 4, List.of()));
    }

    @Test
    void commentLinesBeforeAStatementAreCapturedAndResetPerStatement() {
        List<ScriptItem> items = items("""
                -- expect: 3 rows
                --   second line\s\s

                SELECT * FROM t; -- about the SELECT, so not the next statement's
                --
                -- Name: t; Type: TABLE
                CREATE TABLE t ( -- kept inside
                  id int
                );
                SELECT 2;
                """);
        assertThat(items).containsExactly(
                new SqlStatement("SELECT * FROM t", 4, List.of("expect: 3 rows", "second line")),
                new SqlStatement("CREATE TABLE t ( -- kept inside\n  id int\n)", 7, List.of("", "Name: t; Type: TABLE")),
                new SqlStatement("SELECT 2", 10, List.of()));
    }

    @Test
    void semicolonsInsideStringsDoNotEndTheStatement() {
        assertThat(sqlOf("""
                SELECT 'a;b', 'it''s; fine', 'back\\';
                SELECT E'it\\'s;', e'x\\\\', E'two''; quotes';
                SELECT U&'d\\0061t;a', X'1F';
                """)).containsExactly(
                "SELECT 'a;b', 'it''s; fine', 'back\\'",
                "SELECT E'it\\'s;', e'x\\\\', E'two''; quotes'",
                "SELECT U&'d\\0061t;a', X'1F'");
    }

    @Test
    void semicolonsAndDashesInsideQuotedIdentifiersAreNotSpecial() {
        assertThat(sqlOf("""
                CREATE TABLE "odd;name" ("col -- x" int, "say ""hi"";" text);
                SELECT 1;
                """)).containsExactly(
                "CREATE TABLE \"odd;name\" (\"col -- x\" int, \"say \"\"hi\"\";\" text)",
                "SELECT 1");
    }

    @Test
    void dollarQuotesWithAndWithoutTagsHideSemicolons() {
        assertThat(sqlOf("""
                CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $$
                BEGIN
                  RETURN 1; -- a comment; with a semicolon
                END;
                $$;
                CREATE FUNCTION g() RETURNS text LANGUAGE plpgsql AS $body$
                BEGIN
                  EXECUTE $q$SELECT ';'$q$; RETURN '$$'; -- $bod$ and $body are not the end
                END
                $body$;
                SELECT 3;
                """)).containsExactly(
                "CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $$\nBEGIN\n  RETURN 1; -- a comment; with a semicolon\n"
                        + "END;\n$$",
                "CREATE FUNCTION g() RETURNS text LANGUAGE plpgsql AS $body$\nBEGIN\n"
                        + "  EXECUTE $q$SELECT ';'$q$; RETURN '$$'; -- $bod$ and $body are not the end\nEND\n$body$",
                "SELECT 3");
    }

    @Test
    void positionalParametersAndDollarsInNamesAreNotDollarQuotes() {
        assertThat(sqlOf("""
                PREPARE p(int, int) AS SELECT $1 + $2;
                SELECT a$$b, x$1, $1||$2 FROM t;
                SELECT 'next';
                """)).containsExactly(
                "PREPARE p(int, int) AS SELECT $1 + $2",
                "SELECT a$$b, x$1, $1||$2 FROM t",
                "SELECT 'next'");
    }

    @Test
    void commentsHideSemicolonsAndBlockCommentsNest() {
        assertThat(sqlOf("""
                SELECT 1 /* outer; /* inner; */ still; comment */ + 1;
                SELECT 2 -- trailing; comment
                  + 2;
                /* leading; */ SELECT 3;
                """)).containsExactly(
                "SELECT 1 /* outer; /* inner; */ still; comment */ + 1",
                "SELECT 2 -- trailing; comment\n  + 2",
                "/* leading; */ SELECT 3");
    }

    @Test
    void readsAPgDumpHeader() {
        List<ScriptItem> items = items("""
                --
                -- PostgreSQL database dump
                --

                SET statement_timeout = 0;
                SET client_encoding = 'UTF8';
                SET standard_conforming_strings = on;
                SELECT pg_catalog.set_config('search_path', '', false);
                SET check_function_bodies = false;
                """);
        assertThat(items).containsExactly(
                new SqlStatement("SET statement_timeout = 0", 5, List.of("", "PostgreSQL database dump", "")),
                new SqlStatement("SET client_encoding = 'UTF8'", 6, List.of()),
                new SqlStatement("SET standard_conforming_strings = on", 7, List.of()),
                new SqlStatement("SELECT pg_catalog.set_config('search_path', '', false)", 8, List.of()),
                new SqlStatement("SET check_function_bodies = false", 9, List.of()));
    }

    @Test
    void keepsAnSqlStandardFunctionBodyAsOneStatement() {
        assertThat(sqlOf("""
                CREATE FUNCTION public.f() RETURNS integer
                    LANGUAGE sql
                    BEGIN ATOMIC
                 SELECT 1;
                 SELECT CASE WHEN true THEN 1 END;
                END;
                create or replace procedure p(a int) begin atomic select case a when 1 then 2 else 3 end; end;
                BEGIN;
                SELECT 'end';
                COMMIT;
                """)).containsExactly(
                "CREATE FUNCTION public.f() RETURNS integer\n    LANGUAGE sql\n    BEGIN ATOMIC\n SELECT 1;\n"
                        + " SELECT CASE WHEN true THEN 1 END;\nEND",
                "create or replace procedure p(a int) begin atomic select case a when 1 then 2 else 3 end; end",
                "BEGIN",
                "SELECT 'end'",
                "COMMIT");
    }

    @Test
    void semicolonsInsideParenthesesDoNotEndTheStatement() {
        assertThat(sqlOf("""
                CREATE RULE r AS ON INSERT TO t DO INSTEAD (INSERT INTO a VALUES (1); INSERT INTO b VALUES (2));
                SELECT 1;
                """)).containsExactly(
                "CREATE RULE r AS ON INSERT TO t DO INSTEAD (INSERT INTO a VALUES (1); INSERT INTO b VALUES (2))",
                "SELECT 1");
    }

    @Test
    void copyDataIsReturnedExactlyUpToTheEndMarker() throws IOException {
        String data = "1\tone\t\\N\n2\ttwo\\\\three\t\\t\na\\\\.\n\\\\.\n \\.\n\\.x\n";
        try (SqlScriptReader reader = reader("SET x = 1;\nCOPY public.t (id, name, note) FROM stdin;\n" + data
                + "\\.\nSELECT 'after';\n")) {
            assertThat(reader.next()).isEqualTo(new SqlStatement("SET x = 1", 1, List.of()));
            CopyStatement copy = (CopyStatement) reader.next();
            assertThat(copy.sql()).isEqualTo("COPY public.t (id, name, note) FROM stdin");
            assertThat(copy.line()).isEqualTo(2);
            assertThat(readAll(copy.data())).isEqualTo(data);
            assertThat(reader.next()).isEqualTo(new SqlStatement("SELECT 'after'", 10, List.of()));
            assertThat(reader.next()).isNull();
        }
    }

    @Test
    void copyDataKeepsCarriageReturnsAndAcceptsACarriageReturnEndMarker() throws IOException {
        try (SqlScriptReader reader = reader("COPY t FROM STDIN WITH (FORMAT csv);\r\na,\"b\"\r\n\\.\r\nSELECT 1;")) {
            CopyStatement copy = (CopyStatement) reader.next();
            assertThat(copy.sql()).isEqualTo("COPY t FROM STDIN WITH (FORMAT csv)");
            assertThat(readAll(copy.data())).isEqualTo("a,\"b\"\r\n");
            assertThat(reader.next()).isEqualTo(new SqlStatement("SELECT 1", 4, List.of()));
        }
    }

    @Test
    void unreadCopyDataIsSkippedByNext() throws IOException {
        try (SqlScriptReader reader = reader("""
                copy a from stdin csv;
                1,2
                \\.
                COPY b (x) FROM stdin;
                3
                4
                \\.
                -- after
                SELECT 5;
                """)) {
            CopyStatement first = (CopyStatement) reader.next();
            assertThat(first.sql()).isEqualTo("copy a from stdin csv");
            CopyStatement second = (CopyStatement) reader.next();
            assertThat(second.line()).isEqualTo(4);
            assertThat((char) second.data().read()).isEqualTo('3');
            assertThat(reader.next()).isEqualTo(new SqlStatement("SELECT 5", 9, List.of("after")));
            assertThatThrownBy(() -> second.data().read())
                    .isInstanceOf(IOException.class)
                    .hasMessage("COPY data starting at line 5 is no longer readable: the script reader moved past it");
        }
    }

    @Test
    void onlyCopyFromStdinCarriesData() {
        assertThat(items("""
                COPY t TO stdout;
                COPY t FROM '/tmp/stdin';
                COPY (SELECT 1 FROM stdin) TO STDOUT;
                SELECT 1;
                """)).allSatisfy(item -> assertThat(item).isInstanceOf(SqlStatement.class)).hasSize(4);
    }

    @Test
    void streamsLargeCopyDataThroughATricklingReader() throws IOException {
        StringBuilder data = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            data.append(i).append('\t').append("x".repeat(i % 97)).append("\\\\.\n");
        }
        data.append("y".repeat(100_000)).append('\n');
        String script = "COPY big FROM stdin;\n" + data + "\\.\nSELECT 'done';\n";
        try (SqlScriptReader reader = new SqlScriptReader(new TricklingReader(script), SOURCE)) {
            CopyStatement copy = (CopyStatement) reader.next();
            assertThat(readAll(copy.data())).isEqualTo(data.toString());
            assertThat(reader.next()).isEqualTo(new SqlStatement("SELECT 'done'", 20_004, List.of()));
        }
    }

    @Test
    void readsMetaCommandsWithPsqlQuoting() {
        List<ScriptItem> items = items("""
                \\restrict AbC123
                -- dropped with the item boundary
                \\connect -reuse-previous=on "dbname='x y'"
                SET role = 'a'; \\connect "we""ird" 'it''s\\tme\\101' plain\r
                \\unrestrict AbC123
                """);
        assertThat(items).containsExactly(
                new MetaCommand("restrict", List.of("AbC123"), 1),
                new MetaCommand("connect", List.of("-reuse-previous=on", "dbname='x y'"), 3),
                new SqlStatement("SET role = 'a'", 4, List.of()),
                new MetaCommand("connect", List.of("we\"ird", "it's\tmeA", "plain"), 4),
                new MetaCommand("unrestrict", List.of("AbC123"), 5));
    }

    @Test
    void keepsAFinalStatementWithoutSemicolonAndIgnoresTrailingComments() {
        assertThat(items("SELECT 1;\n\nSELECT 2\n  -- last words\n")).containsExactly(
                new SqlStatement("SELECT 1", 1, List.of()),
                new SqlStatement("SELECT 2\n  -- last words", 3, List.of()));
        assertThat(items("SELECT 1; ;\n-- only a comment\n/* and a block */")).containsExactly(
                new SqlStatement("SELECT 1", 1, List.of()));
    }

    @Test
    void unterminatedQuoteNamesSourceAndStartLine() {
        assertThatThrownBy(() -> items("SELECT 1;\nSELECT 'oops;\nSELECT 2;\n"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("backup.sql: unterminated quoted string starting at line 2");
        assertThatThrownBy(() -> items("SELECT E'oops\\';"))
                .hasMessage("backup.sql: unterminated quoted string starting at line 1");
        assertThatThrownBy(() -> items("SELECT \"oops;"))
                .hasMessage("backup.sql: unterminated quoted identifier starting at line 1");
        assertThatThrownBy(() -> items("\n\nSELECT /* a /* b */ ;"))
                .hasMessage("backup.sql: unterminated /* comment starting at line 3");
    }

    @Test
    void unterminatedDollarQuoteNamesItsTag() {
        assertThatThrownBy(() -> items("SELECT 1;\n\nCREATE FUNCTION f() AS $body$\nSELECT 1;\n$bod$;\n"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("backup.sql: unterminated dollar-quoted string ($body$) starting at line 3");
    }

    @Test
    void copyWithoutEndMarkerIsAnError() {
        assertThatThrownBy(() -> items("SELECT 1;\nCOPY t FROM stdin;\n1\n2\n\\.x\n"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("backup.sql: COPY data starting at line 3 has no terminating \\. line");
        try (SqlScriptReader reader = reader("COPY t FROM stdin;\n1\n")) {
            CopyStatement copy = (CopyStatement) reader.next();
            assertThatThrownBy(() -> readAll(copy.data()))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessage("backup.sql: COPY data starting at line 2 has no terminating \\. line");
        }
    }

    @Test
    void rejectsWhatPsqlWouldTreatDifferently() {
        assertThatThrownBy(() -> items("SELECT 1\n  \\gset\n"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("backup.sql: backslash at line 2 inside the statement starting at line 1;"
                        + " psql meta-commands are only supported between statements");
        assertThatThrownBy(() -> items("COPY t FROM stdin; SELECT 1;\n\\.\n"))
                .hasMessage("backup.sql: unexpected text after the COPY ... FROM stdin at line 1;"
                        + " its data must start on the next line");
        assertThatThrownBy(() -> items("\\connect 'db\n"))
                .hasMessage("backup.sql: unterminated quoted argument of \\connect at line 1");
    }

    @Test
    void readFailuresAreIoErrors() {
        Reader broken = new Reader() {
            @Override
            public int read(char[] target, int offset, int length) throws IOException {
                throw new IOException("disk gone");
            }

            @Override
            public void close() {
            }
        };
        assertThatThrownBy(() -> new SqlScriptReader(broken, SOURCE).next())
                .isInstanceOfSatisfying(PgCarryException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.IO))
                .hasMessage("backup.sql: cannot read at line 1: disk gone");
    }

    private static SqlScriptReader reader(String script) {
        return new SqlScriptReader(new StringReader(script), SOURCE);
    }

    /** Every item of the script; COPY data is left unread, so it is skipped. */
    private static List<ScriptItem> items(String script) {
        List<ScriptItem> items = new ArrayList<>();
        try (SqlScriptReader reader = reader(script)) {
            for (ScriptItem item = reader.next(); item != null; item = reader.next()) {
                items.add(item);
            }
        }
        return items;
    }

    private static List<String> sqlOf(String script) {
        return items(script).stream().map(item -> ((SqlStatement) item).sql()).toList();
    }

    private static String readAll(Reader data) throws IOException {
        StringBuilder all = new StringBuilder();
        char[] chunk = new char[1000];
        for (int n = data.read(chunk); n != -1; n = data.read(chunk)) {
            all.append(chunk, 0, n);
        }
        return all.toString();
    }

    /** Hands out at most three characters per read, so lookahead must cross buffer refills. */
    private static final class TricklingReader extends Reader {
        private final String text;
        private int position;

        TricklingReader(String text) {
            this.text = text;
        }

        @Override
        public int read(char[] target, int offset, int length) {
            if (position == text.length()) {
                return -1;
            }
            int count = Math.min(Math.min(length, 3), text.length() - position);
            text.getChars(position, position + count, target, offset);
            position += count;
            return count;
        }

        @Override
        public void close() {
        }
    }
}
