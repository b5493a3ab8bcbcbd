package io.pgcarry.backup;

import io.pgcarry.error.ConfigurationException;
import io.pgcarry.error.Setting;
import io.pgcarry.script.MetaCommand;
import io.pgcarry.script.SqlStatement;
import io.pgcarry.script.SqlWords;
import java.util.Locale;

/**
 * What restore does with each statement of a plain SQL file beyond sending it: the file runs in one transaction, so
 * its own transaction control is folded into that one ({@code BEGIN}, {@code COMMIT}, which pg_dump writes around
 * large objects) or refused where folding would change its meaning ({@code ROLLBACK}, two-phase commit); and
 * statements that run programs on the server ({@code COPY ... PROGRAM}) need {@code --allow-program}.
 */
final class PlainSqlGuard {
    /** What to do with a statement. */
    enum Action {
        RUN,
        /** Transaction control already covered by the one transaction: not sent. */
        FOLD
    }

    private final String source;
    private final boolean allowProgram;

    PlainSqlGuard(String source, boolean allowProgram) {
        this.source = source;
        this.allowProgram = allowProgram;
    }

    Action check(SqlStatement statement) {
        SqlWords words = SqlWords.of(statement.sql());
        String first = words.leading(1);
        String two = words.leading(2);
        switch (first) {
            case "begin", "commit", "end" -> {
                return two.endsWith(" prepared") ? refuse(statement, "COMMIT PREPARED (two-phase commit)") : Action.FOLD;
            }
            case "start" -> {
                return two.equals("start transaction") ? Action.FOLD : Action.RUN;
            }
            case "rollback", "abort" -> {
                if (two.equals("rollback to") || words.leading(3).startsWith("rollback work to")
                        || words.leading(3).startsWith("rollback transaction to")) {
                    return Action.RUN;
                }
                return refuse(statement, first.toUpperCase(Locale.ROOT) + " (it would undo what came before it)");
            }
            case "prepare" -> {
                return two.equals("prepare transaction") ? refuse(statement, "PREPARE TRANSACTION (two-phase commit)") : Action.RUN;
            }
            case "copy" -> {
                if (words.hasTopLevel("program") && !allowProgram) {
                    throw new ConfigurationException(source + " line " + statement.line() + ": COPY ... PROGRAM runs a program on the "
                            + "database server; restore refuses it unless " + Setting.ALLOW_PROGRAM.mention() + " is given (nothing was restored)");
                }
                return Action.RUN;
            }
            default -> {
                return Action.RUN;
            }
        }
    }

    /** A shell command; there is no psql here, and pgcarry runs no shell commands from a file. */
    void refuseShell(MetaCommand meta) {
        throw new ConfigurationException(source + " line " + meta.line() + ": psql meta-command \\" + meta.name()
                + " runs a shell command; restore never runs shell commands from a file (nothing was restored)");
    }

    private Action refuse(SqlStatement statement, String what) {
        throw new ConfigurationException(source + " line " + statement.line() + ": " + what + " cannot run inside restore's one "
                + "transaction; remove it from the file (nothing was restored)");
    }
}
