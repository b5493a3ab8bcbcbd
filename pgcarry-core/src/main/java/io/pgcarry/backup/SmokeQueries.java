package io.pgcarry.backup;

import io.pgcarry.error.ConfigurationException;
import io.pgcarry.error.SqlErrors;
import io.pgcarry.script.CopyStatement;
import io.pgcarry.script.MetaCommand;
import io.pgcarry.script.ScriptItem;
import io.pgcarry.script.SqlScriptReader;
import io.pgcarry.script.SqlStatement;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runbook 002's critical queries: every statement of a SQL file must succeed, and one preceded by a
 * {@code -- expect: N rows} comment must return exactly N rows. Each runs in its own READ ONLY transaction, rolled
 * back, so a smoke test never changes the restored data (a statement that writes, or calls nextval or setval, fails); all run even after one fails, so every failure is listed.
 */
public final class SmokeQueries {
    private static final Pattern EXPECT = Pattern.compile("(?i)^expect:\\s*(\\d+)\\s+rows?\\b.*");

    private SmokeQueries() {
    }

    public static List<SmokeResult> run(Connection target, Path file) {
        List<SmokeResult> results = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             SqlScriptReader script = new SqlScriptReader(in, file.getFileName().toString())) {
            target.setAutoCommit(false);
            ScriptItem item;
            while ((item = script.next()) != null) {
                if (!(item instanceof SqlStatement statement)) {
                    throw new ConfigurationException(file + ": line " + lineOf(item) + " is not a query; a smoke file holds SQL statements only");
                }
                results.add(run(target, statement));
            }
            if (results.isEmpty()) {
                throw new ConfigurationException("smoke file " + file + " holds no query");
            }
            return results;
        } catch (NoSuchFileException e) {
            throw new ConfigurationException("smoke file " + file + " does not exist");
        } catch (IOException e) {
            throw new ConfigurationException("cannot read smoke file " + file + ": " + e.getMessage());
        } catch (SQLException e) {
            throw SqlErrors.translate("running smoke queries", e);
        }
    }

    private static SmokeResult run(Connection target, SqlStatement statement) throws SQLException {
        Long expected = null;
        for (String comment : statement.comments()) {
            Matcher m = EXPECT.matcher(comment.strip());
            if (m.matches()) {
                expected = Long.parseLong(m.group(1));
            }
        }
        String first = statement.sql().lines().findFirst().orElse("").strip();
        try (Statement s = target.createStatement()) {
            // READ ONLY: a rollback does not undo everything (setval and nextval persist), a read-only transaction refuses it.
            // As the application would run it: row-level security applies and the search path is the role's and
            // database's default (pgcarry's own sessions switch the one off and pin the other to pg_catalog).
            s.execute("SET TRANSACTION READ ONLY");
            s.execute("SET LOCAL row_security = on");
            s.execute("SET LOCAL search_path TO DEFAULT");
            long rows;
            if (s.execute(statement.sql())) {
                rows = 0;
                try (ResultSet rs = s.getResultSet()) {
                    while (rs.next()) {
                        rows++;
                    }
                }
            } else {
                rows = Math.max(s.getUpdateCount(), 0);
            }
            return new SmokeResult(statement.line(), first, rows, expected, null);
        } catch (SQLException e) {
            return new SmokeResult(statement.line(), first, -1, expected, SqlErrors.describe(e));
        } finally {
            target.rollback();
        }
    }

    private static int lineOf(ScriptItem item) {
        if (item instanceof CopyStatement c) {
            return c.line();
        }
        return item instanceof MetaCommand m ? m.line() : ((SqlStatement) item).line();
    }
}
