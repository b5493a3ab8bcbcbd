package io.pgcarry.migrate.checksum;

import java.time.LocalDateTime;
import java.util.List;

/**
 * Liquibase's ledger table {@code databasechangelog}, as Liquibase 4.x creates it (read in
 * {@code liquibase-standard/.../sqlgenerator/core/CreateDatabaseChangeLogTableGenerator.java} and
 * {@code changelog/ChangeSet.java}): ID, AUTHOR and FILENAME varchar(255) NOT NULL; DATEEXECUTED timestamp NOT NULL;
 * ORDEREXECUTED int NOT NULL; EXECTYPE varchar(10) NOT NULL; MD5SUM varchar(35) (NULL after
 * {@code clear-checksums}); DESCRIPTION, COMMENTS, TAG varchar(255); LIQUIBASE varchar(20) (the version that ran it);
 * CONTEXTS, LABELS varchar(255); DEPLOYMENT_ID varchar(10). On PostgreSQL the names are unquoted, so lower case. A
 * change set of a formatted SQL changelog has DESCRIPTION {@code sql}.
 */
public final class LiquibaseLedger {
    /** The table's columns in Liquibase's order. */
    public static final List<String> COLUMNS = List.of("id", "author", "filename", "dateexecuted", "orderexecuted",
            "exectype", "md5sum", "description", "comments", "tag", "liquibase", "contexts", "labels",
            "deployment_id");

    private LiquibaseLedger() {
    }

    /** EXECTYPE values ({@code ChangeSet.ExecType}); {@code ran} is Liquibase's own flag of a change set that ran. */
    public enum ExecType {
        EXECUTED(true), FAILED(false), SKIPPED(false), RERAN(true), MARK_RAN(true);

        private final boolean ran;

        ExecType(boolean ran) {
            this.ran = ran;
        }

        public boolean ran() {
            return ran;
        }
    }

    /** One row of {@code databasechangelog}. */
    public record Row(String id, String author, String filename, LocalDateTime dateExecuted, int orderExecuted,
            ExecType execType, String md5sum, String description, String comments, String tag, String liquibase,
            String contexts, String labels, String deploymentId) {
    }
}
