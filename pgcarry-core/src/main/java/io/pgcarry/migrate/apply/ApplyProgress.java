package io.pgcarry.migrate.apply;

/** Where {@code migrate apply} says what it is doing while it does it (a front end prints it on stderr). */
@FunctionalInterface
public interface ApplyProgress {
    /** Says nothing. */
    ApplyProgress NONE = message -> { };

    /** One line of progress: {@code applying 0002_add_email.sql (transaction, 1 statement)}. */
    void note(String message);
}
