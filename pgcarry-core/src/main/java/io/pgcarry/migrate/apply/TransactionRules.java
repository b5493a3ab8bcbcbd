package io.pgcarry.migrate.apply;

import io.pgcarry.script.SqlWords;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which statements of a migration file decide how it runs: those PostgreSQL refuses inside a transaction block (the
 * file then runs statement by statement), and the file's own transaction control (folded into the file's one
 * transaction, or refused where folding would change what the file means). Reads a statement's unquoted words only, so
 * a comment or a string saying {@code VACUUM} counts for nothing.
 */
public final class TransactionRules {
    /** What to do with a transaction control statement when the file runs in one transaction. */
    public enum Control {
        /** Not transaction control: runs. */
        NONE,
        /** {@code BEGIN}, {@code COMMIT}...: the file's one transaction already does it, so it is not sent. */
        FOLD,
        /** {@code ROLLBACK}, two-phase commit: would undo or split the file's transaction. */
        REFUSE
    }

    private TransactionRules() {
    }

    /** Why {@code words} cannot run inside a transaction block ({@code CREATE INDEX CONCURRENTLY}), or empty when it can. */
    static Optional<String> outsideTransaction(SqlWords words) {
        String first = words.leading(1);
        String two = words.leading(2);
        String reason = switch (first) {
            case "create" -> createOutside(words, two);
            case "drop" -> dropOutside(words, two);
            case "reindex" -> words.hasTopLevel("concurrently") ? "REINDEX CONCURRENTLY"
                    : List.of("reindex system", "reindex database").contains(two) ? two.toUpperCase(Locale.ROOT) : null;
            case "vacuum" -> "VACUUM";
            case "alter" -> alterOutside(words, two);
            default -> null;
        };
        return Optional.ofNullable(reason);
    }

    private static String createOutside(SqlWords words, String two) {
        if ((two.equals("create index") || two.equals("create unique")) && concurrentlyBefore(words, "on")) {
            return "CREATE INDEX CONCURRENTLY";
        }
        return switch (two) {
            case "create database" -> "CREATE DATABASE";
            case "create tablespace" -> "CREATE TABLESPACE";
            case "create subscription" -> "CREATE SUBSCRIPTION";
            default -> null;
        };
    }

    private static String dropOutside(SqlWords words, String two) {
        if (words.leading(3).equals("drop index concurrently")) {
            return "DROP INDEX CONCURRENTLY";
        }
        return switch (two) {
            case "drop database" -> "DROP DATABASE";
            case "drop tablespace" -> "DROP TABLESPACE";
            case "drop subscription" -> "DROP SUBSCRIPTION";
            default -> null;
        };
    }

    private static String alterOutside(SqlWords words, String two) {
        if (two.equals("alter system")) {
            return "ALTER SYSTEM";
        }
        if (two.equals("alter table") && words.hasTopLevel("detach") && words.hasTopLevel("concurrently")) {
            return "DETACH PARTITION CONCURRENTLY";
        }
        if (two.equals("alter database") && words.hasTopLevel("tablespace") && words.hasTopLevel("set")) {
            return "ALTER DATABASE SET TABLESPACE";
        }
        return null;
    }

    /** Whether {@code concurrently} stands at the top level before the word {@code stop} (an index's {@code ON}). */
    private static boolean concurrentlyBefore(SqlWords words, String stop) {
        for (SqlWords.Word w : words.words()) {
            if (w.depth() == 0 && w.text().equals(stop)) {
                return false;
            }
            if (w.depth() == 0 && w.text().equals("concurrently")) {
                return true;
            }
        }
        return false;
    }

    /** Whether the statement builds or rebuilds an index concurrently: a failure leaves an INVALID index behind. */
    static boolean buildsIndexConcurrently(String reason) {
        return "CREATE INDEX CONCURRENTLY".equals(reason) || "REINDEX CONCURRENTLY".equals(reason);
    }

    /** What the file's one transaction does with {@code words} when it is transaction control. */
    static Control control(SqlWords words) {
        String first = words.leading(1);
        String two = words.leading(2);
        return switch (first) {
            case "begin", "commit", "end" -> two.endsWith(" prepared") ? Control.REFUSE : Control.FOLD;
            case "start" -> two.equals("start transaction") ? Control.FOLD : Control.NONE;
            case "rollback", "abort" -> rollbackToSavepoint(words) ? Control.NONE : Control.REFUSE;
            case "prepare" -> two.equals("prepare transaction") ? Control.REFUSE : Control.NONE;
            default -> Control.NONE;
        };
    }

    private static boolean rollbackToSavepoint(SqlWords words) {
        return words.leading(2).equals("rollback to") || words.leading(3).startsWith("rollback work to")
                || words.leading(3).startsWith("rollback transaction to");
    }
}
