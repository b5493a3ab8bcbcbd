package io.pgcarry.migrate.checksum;

import java.util.List;
import java.util.Objects;

/**
 * One change set of a Liquibase formatted SQL changelog, as Liquibase's parser leaves it.
 *
 * @param id             the id after {@code --changeset author:}, enclosing quotes removed
 * @param author         the author, enclosing quotes removed
 * @param filePath       the FILENAME Liquibase records: the change set's {@code logicalFilePath}, else the changelog
 *                       header's, else the path the changelog was given to Liquibase with
 * @param sql            the SQL body: the change set's lines that are no directive, joined with LF and trimmed
 *                       (Java's {@link String#trim()}); empty only for a last change set without SQL
 * @param splitStatements {@code splitStatements:} (default true)
 * @param stripComments  {@code stripComments:} (default true in formatted SQL)
 * @param endDelimiter   {@code endDelimiter:}, or {@code null} when absent (the last change set's body ending in a line
 *                       {@code /} gets {@code \n/$}, as Liquibase sets it)
 * @param runOnChange    {@code runOnChange:} (default false)
 * @param runAlways      {@code runAlways:} (default false)
 * @param comments       the last {@code --comment:} line's text, or {@code null}
 * @param contexts       {@code contextFilter:} or {@code context:}, quotes removed, or {@code null}
 * @param labels         {@code labels:}, quotes removed, or {@code null}
 * @param dbms           {@code dbms:}, or {@code null}
 * @param validCheckSums the {@code --validCheckSum:} values (a recorded MD5SUM among them, or {@code ANY}, is accepted)
 * @param rollbackSql    the {@code --rollback} lines joined with LF, or empty
 * @param line           the 1-based line of the {@code --changeset} line
 * @param usesProperties whether the SQL holds {@code ${...}}: Liquibase substitutes changelog properties before
 *                       hashing, which pgcarry cannot know, so such a body is hashed as written
 */
public record LiquibaseChangeSet(String id, String author, String filePath, String sql, boolean splitStatements,
        boolean stripComments, String endDelimiter, boolean runOnChange, boolean runAlways, String comments,
        String contexts, String labels, String dbms, List<String> validCheckSums, String rollbackSql, int line,
        boolean usesProperties) {

    public LiquibaseChangeSet {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(filePath, "filePath");
        Objects.requireNonNull(sql, "sql");
        validCheckSums = List.copyOf(validCheckSums);
        Objects.requireNonNull(rollbackSql, "rollbackSql");
    }

    /** Liquibase's identity of a change set: path, id and author, as {@code calculate-checksum} names it. */
    public String key() {
        return filePath + "::" + id + "::" + author;
    }
}
