package io.pgcarry.migrate.apply;

import io.pgcarry.error.ConfigurationException;
import io.pgcarry.migrate.MigrationSql;
import io.pgcarry.script.CopyStatement;
import io.pgcarry.script.MetaCommand;
import io.pgcarry.script.ScriptItem;
import io.pgcarry.script.SqlScriptReader;
import io.pgcarry.script.SqlStatement;
import io.pgcarry.script.SqlWords;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One migration file's SQL ({@link MigrationSql}) split into the statements PostgreSQL will be sent, psql's way (dollar
 * quotes, {@code BEGIN ATOMIC} bodies and {@code COPY ... FROM stdin} data included), and how it runs: in one
 * transaction unless a statement cannot. Everything a file could be refused for is found here, before anything runs.
 *
 * @param file  the file, relative to the migration directory
 * @param steps its statements in order
 * @param mode  how it runs
 */
public record MigrationScript(String file, List<ScriptStep> steps, TransactionMode mode) {
    public MigrationScript {
        Objects.requireNonNull(file, "file");
        steps = List.copyOf(steps);
        Objects.requireNonNull(mode, "mode");
    }

    /** Splits {@code sql} (what {@link MigrationSql} read) and decides its mode; a file that cannot run is refused, naming the line. */
    public static MigrationScript parse(String file, String sql) {
        List<ScriptStep> steps = read(file, new StringReader(sql));
        boolean outside = steps.stream().anyMatch(s -> s.outsideTransaction() != null);
        MigrationScript script = new MigrationScript(file, steps, outside ? TransactionMode.STATEMENTS : TransactionMode.TRANSACTION);
        if (!outside) {
            steps.stream().filter(s -> s.control() == TransactionRules.Control.REFUSE).findFirst().ifPresent(s -> {
                throw new ConfigurationException(file + " line " + s.line() + ": " + s.shown() + " would undo or split the "
                        + "transaction the file runs in; remove it (nothing was applied)");
            });
        }
        return script;
    }

    private static List<ScriptStep> read(String file, Reader in) {
        List<ScriptStep> steps = new ArrayList<>();
        try (SqlScriptReader script = new SqlScriptReader(in, file)) {
            ScriptItem item;
            while ((item = script.next()) != null) {
                steps.add(step(file, item));
            }
        }
        return steps;
    }

    private static ScriptStep step(String file, ScriptItem item) {
        if (item instanceof MetaCommand meta) {
            throw new ConfigurationException(file + " line " + meta.line() + ": psql meta-command \\" + meta.name()
                    + " is not SQL; migrate apply sends SQL statements only, as the migration tools do (nothing was applied)");
        }
        if (item instanceof CopyStatement copy) {
            return new ScriptStep(copy.sql(), copy.line(), readAll(file, copy.data()), null, TransactionRules.Control.NONE);
        }
        SqlStatement statement = (SqlStatement) item;
        SqlWords words = SqlWords.of(statement.sql());
        return new ScriptStep(statement.sql(), statement.line(), null, TransactionRules.outsideTransaction(words).orElse(null),
                TransactionRules.control(words));
    }

    private static String readAll(String file, Reader data) {
        try {
            StringBuilder sb = new StringBuilder();
            char[] buffer = new char[8192];
            int n;
            while ((n = data.read(buffer)) > 0) {
                sb.append(buffer, 0, n);
            }
            return sb.toString();
        } catch (IOException e) {
            throw new ConfigurationException(file + ": " + e.getMessage(), e);
        }
    }

    /** The statements that make it run statement by statement, as {@code line 3: CREATE INDEX CONCURRENTLY}. */
    List<String> reasons() {
        return steps.stream().filter(s -> s.outsideTransaction() != null)
                .map(s -> "line " + s.line() + ": " + s.outsideTransaction()).toList();
    }

    /** How many statements will be sent (transaction control folded into a one-transaction run is not). */
    int statementCount() {
        return (int) steps.stream().filter(s -> mode == TransactionMode.STATEMENTS || s.control() != TransactionRules.Control.FOLD)
                .count();
    }
}
