package io.pgcarry.migrate;

import static io.pgcarry.migrate.MigrationFixtures.row;
import static io.pgcarry.migrate.MigrationFixtures.sql;
import static io.pgcarry.migrate.MigrationFixtures.states;
import static io.pgcarry.migrate.MigrationFixtures.status;
import static io.pgcarry.migrate.MigrationFixtures.write;
import static io.pgcarry.migrate.MigrationState.APPLIED;
import static io.pgcarry.migrate.MigrationState.FAILED;
import static io.pgcarry.migrate.MigrationState.MISSING;
import static io.pgcarry.migrate.MigrationState.MODIFIED;
import static io.pgcarry.migrate.MigrationState.OUT_OF_ORDER;
import static io.pgcarry.migrate.MigrationState.PENDING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.pgcarry.embedded.junit.PostgresExtension;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Liquibase's formatted SQL changelogs and its ledger as Liquibase 4 leaves them: the table of
 * CreateDatabaseChangeLogTableGenerator (unquoted names, so lower case on PostgreSQL), one row per change set run, with
 * FILENAME the path Liquibase was given the changelog by (from the classpath under Spring Boot:
 * {@code db/changelog/...}), EXECTYPE and MD5SUM. The SQL bodies are those of the checksum package's fixture
 * changelog, whose MD5SUMs (versions 9 and 8) Liquibase 4.33.0 itself computed (see LiquibaseChecksumTest); the
 * checksum covers only the SQL without white space, so a change set copied under another id and author keeps it.
 */
class LiquibaseStatusIT {
    @RegisterExtension
    static final PostgresExtension pg13 = PostgresExtension.major(13);
    @RegisterExtension
    static final PostgresExtension pg17 = PostgresExtension.major(17);

    private static final String LEDGER = """
            CREATE TABLE public.databasechangelog (id VARCHAR(255) NOT NULL, author VARCHAR(255) NOT NULL,
                filename VARCHAR(255) NOT NULL, dateexecuted TIMESTAMP WITHOUT TIME ZONE NOT NULL, orderexecuted INTEGER NOT NULL,
                exectype VARCHAR(10) NOT NULL, md5sum VARCHAR(35), description VARCHAR(255), comments VARCHAR(255),
                tag VARCHAR(255), liquibase VARCHAR(20), contexts VARCHAR(255), labels VARCHAR(255), deployment_id VARCHAR(10));
            CREATE TABLE public.databasechangeloglock (id INTEGER NOT NULL, locked BOOLEAN NOT NULL, lockgranted TIMESTAMP WITHOUT TIME ZONE,
                lockedby VARCHAR(255), CONSTRAINT databasechangeloglock_pkey PRIMARY KEY (id));
            INSERT INTO public.databasechangeloglock VALUES (1, false, NULL, NULL);
            """;
    private static final String ALICE = "--changeset alice:1\ncreate table person (\n    id int primary key,\n    name text\n);\n"
            + "--rollback drop table person;\n\n";
    private static final String BOB = "--changeset bob:2 runOnChange:true splitStatements:false\n-- a plain comment\n"
            + "insert into person values (1, 'a  b');\n\n";
    private static final String CAROL = "--changeset \"carol\":\"3-func\" endDelimiter:/ stripComments:false context:prod labels:\"x,y\"\n"
            + "--comment: adds a function\ncreate function one() returns int language sql as $$\n\tselect 1\n$$\n/\n"
            + "--validCheckSum: 9:00000000000000000000000000000000\n\n";
    private static final String DAVE = "--changeset dave:4\nupdate person set name = 'z'\n/\n";
    private static final String ALICE_V9 = "9:b7caa911cbe374a0241ed6b951d2671a";
    private static final String BOB_V9 = "9:f5068f02b1deccac2f6899c47f9bf76b";
    private static final String CAROL_V9 = "9:f9a7db26d1e9843baaf2897de1e87207";
    private static final String DAVE_V9 = "9:c0c222e5791e5173105cf751eadb8d27";
    private static final String DAVE_V8 = "8:cb29b26212d131ab332dac37b15a24ca";

    @TempDir
    Path dir;

    @Test
    void aSpringBootMasterChangelogWithItsLedgerIsUpToDate() {
        for (PostgresExtension pg : List.of(pg13, pg17)) {
            Path project = dir.resolve(pg.database());
            Path changelog = project.resolve("src/main/resources/db/changelog");
            write(changelog, "db.changelog-master.yaml", """
                    databaseChangeLog:
                      - include:
                          file: changes/001-people.sql
                          relativeToChangelogFile: true
                      - include:
                          file: db/changelog/changes/002-more.sql
                      - changeSet:
                          id: tag-1
                          author: ops
                          changes:
                            - tagDatabase:
                                tag: v1
                    """);
            write(changelog, "changes/001-people.sql", "--liquibase formatted sql\n\n" + ALICE + BOB + CAROL + DAVE);
            // under another id and author, dave's SQL keeps its checksum; CRLF line endings do not change it either
            write(changelog, "changes/002-more.sql", "--liquibase formatted sql\n\n" + DAVE.replace("dave:4", "erin:5"), true);
            String people = "db/changelog/changes/001-people.sql";
            sql(pg, LEDGER + ran("1", "alice", people, 1, "EXECUTED", ALICE_V9) + ran("2", "bob", people, 2, "EXECUTED", BOB_V9)
                    // a value its --validCheckSum accepts
                    + ran("3-func", "carol", people, 3, "EXECUTED", "9:00000000000000000000000000000000")
                    // written by Liquibase 4.23 and earlier: version 8
                    + ran("4", "dave", people, 4, "EXECUTED", DAVE_V8)
                    + ran("5", "erin", "db/changelog/changes/002-more.sql", 5, "EXECUTED", DAVE_V9)
                    + ran("tag-1", "ops", "db/changelog/db.changelog-master.yaml", 6, "EXECUTED", "9:5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a"));
            MigrationStatus status = status(pg, project, null);
            assertThat(status.tool()).isEqualTo(MigrationTool.LIQUIBASE);
            assertThat(status.directory()).isEqualTo(changelog);
            assertThat(status.detectedBy()).isEqualTo("master changelog db.changelog-master.yaml");
            assertThat(status.ledger()).isEqualTo("public.databasechangelog");
            assertThat(states(status)).containsExactly(entry("changes/001-people.sql::1::alice", APPLIED),
                    entry("changes/001-people.sql::2::bob", APPLIED), entry("changes/001-people.sql::3-func::carol", APPLIED),
                    entry("changes/001-people.sql::4::dave", APPLIED), entry("db/changelog/changes/002-more.sql::5::erin", APPLIED),
                    entry("db.changelog-master.yaml::tag-1::ops", APPLIED));
            assertThat(row(status, "changes/001-people.sql::3-func::carol").name()).isEqualTo("adds a function");
            assertThat(row(status, "changes/001-people.sql::1::alice").fileChecksum()).isEqualTo(ALICE_V9);
            assertThat(row(status, "db.changelog-master.yaml::tag-1::ops").note())
                    .isEqualTo("a change set written in YAML: pgcarry recomputes the checksums of formatted SQL only");
            assertThat(status.upToDate()).isTrue();
        }
    }

    /** A formatted SQL file named like a master ({@code changelog.sql}) is one changelog among the others, not their master. */
    @Test
    void aFormattedSqlChangelogIsNeverTheMaster() {
        for (PostgresExtension pg : List.of(pg13, pg17)) {
            Path changelogs = dir.resolve(pg.database());
            write(changelogs, "changelog.sql", "--liquibase formatted sql\n\n" + ALICE);
            write(changelogs, "more.sql", "--liquibase formatted sql\n\n" + DAVE);
            sql(pg, LEDGER + ran("1", "alice", "changelog.sql", 1, "EXECUTED", ALICE_V9)
                    + ran("4", "dave", "more.sql", 2, "EXECUTED", DAVE_V9));
            MigrationStatus status = status(pg, changelogs, null);
            assertThat(status.tool()).isEqualTo(MigrationTool.LIQUIBASE);
            assertThat(status.detectedBy()).isEqualTo("2 --liquibase formatted sql changelogs");
            assertThat(states(status)).containsExactly(entry("changelog.sql::1::alice", APPLIED), entry("more.sql::4::dave", APPLIED));
            assertThat(status.upToDate()).isTrue();
        }
    }

    /** An XML master including formatted SQL changelogs is the master, even beside a {@code changelog.sql} sorting first. */
    @Test
    void anXmlMasterIncludesTheFormattedSqlChangelogs() {
        for (PostgresExtension pg : List.of(pg13, pg17)) {
            Path changelogs = dir.resolve(pg.database());
            write(changelogs, "db.changelog-master.xml", """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog">
                        <include file="changelog.sql" relativeToChangelogFile="true"/>
                        <includeAll path="changes/" relativeToChangelogFile="true"/>
                    </databaseChangeLog>
                    """);
            write(changelogs, "changelog.sql", "--liquibase formatted sql\n\n" + ALICE);
            write(changelogs, "changes/002-more.sql", "--liquibase formatted sql\n\n" + DAVE);
            sql(pg, LEDGER + ran("1", "alice", "changelog.sql", 1, "EXECUTED", ALICE_V9));
            MigrationStatus status = status(pg, changelogs, null);
            assertThat(status.detectedBy()).isEqualTo("master changelog db.changelog-master.xml");
            assertThat(states(status)).containsExactly(entry("changelog.sql::1::alice", APPLIED),
                    entry("changes/002-more.sql::4::dave", PENDING));
        }
    }

    @Test
    void everyPlantedFaultIsReported() {
        for (PostgresExtension pg : List.of(pg13, pg17)) {
            Path changelogs = dir.resolve(pg.database());
            String frank = "--changeset frank:3b\nselect 1;\n\n";
            write(changelogs, "001-people.sql", "--liquibase formatted sql\n\n" + ALICE.replace("name text", "name varchar")
                    + BOB.replace("'a  b'", "'c'") + CAROL + frank + DAVE);
            write(changelogs, "002-more.sql", "--liquibase formatted sql\n\n" + DAVE.replace("dave:4", "erin:5")
                    + "\n--changeset erin:6\nselect 6;\n", true);
            sql(pg, LEDGER + ran("1", "alice", "001-people.sql", 1, "EXECUTED", ALICE_V9)
                    + ran("2", "bob", "001-people.sql", 2, "EXECUTED", BOB_V9)
                    + ran("3-func", "carol", "001-people.sql", 3, "FAILED", CAROL_V9)
                    + ran("4", "dave", "001-people.sql", 4, "EXECUTED", "7:c0c222e5791e5173105cf751eadb8d27")
                    + ran("gone", "zed", "001-people.sql", 5, "EXECUTED", "9:0123456789abcdef0123456789abcdef")
                    + ran("5", "erin", "002-more.sql", 6, "EXECUTED", DAVE_V9));
            MigrationStatus status = status(pg, changelogs, MigrationTool.LIQUIBASE);
            assertThat(states(status)).containsExactly(entry("001-people.sql::1::alice", MODIFIED),
                    entry("001-people.sql::2::bob", PENDING), entry("001-people.sql::3-func::carol", FAILED),
                    entry("001-people.sql::3b::frank", OUT_OF_ORDER), entry("001-people.sql::4::dave", APPLIED),
                    entry("001-people.sql::gone::zed", MISSING), entry("002-more.sql::5::erin", APPLIED),
                    entry("002-more.sql::6::erin", PENDING));
            assertThat(row(status, "001-people.sql::1::alice").note()).startsWith("checksum 9:b7caa9… recorded, file has 9:");
            assertThat(row(status, "001-people.sql::2::bob").note()).startsWith("changed since it last ran, and it runs again "
                    + "when changed; checksum 9:f5068f… recorded, file has 9:");
            assertThat(row(status, "001-people.sql::3-func::carol").note()).isEqualTo("started, not finished; exectype FAILED");
            assertThat(row(status, "001-people.sql::3b::frank").note()).isEqualTo("liquibase update runs it after change sets "
                    + "that follow it in the changelog (newest applied: 002-more.sql::5::erin)");
            assertThat(row(status, "001-people.sql::4::dave").note()).isEqualTo("md5sum of checksum version 7 (before "
                    + "Liquibase 4): not compared; liquibase updates it at its next update");
            assertThat(row(status, "001-people.sql::gone::zed").note()).isEqualTo("in the ledger as applied, and no file");
            assertThat(status.upToDate()).isFalse();
        }
    }

    @Test
    void aChangeSetThatUsesPropertiesOrAcceptsAnyChecksumIsNotCompared() {
        for (PostgresExtension pg : List.of(pg13, pg17)) {
            Path changelogs = dir.resolve(pg.database());
            write(changelogs, "001-props.sql", "--liquibase formatted sql\n\n--changeset a:1\ncreate table ${prefix}_t (id int);\n\n"
                    + "--changeset a:2\nselect 2;\n--validCheckSum: ANY\n");
            sql(pg, LEDGER + ran("1", "a", "001-props.sql", 1, "EXECUTED", "9:11111111111111111111111111111111")
                    + ran("2", "a", "001-props.sql", 2, "MARK_RAN", "9:22222222222222222222222222222222"));
            MigrationStatus status = status(pg, changelogs, null);
            assertThat(states(status)).containsExactly(entry("001-props.sql::1::a", APPLIED), entry("001-props.sql::2::a", APPLIED));
            assertThat(row(status, "001-props.sql::1::a").note()).isEqualTo("its SQL uses changelog properties (${...}), whose "
                    + "values pgcarry does not know: checksum not compared");
            assertThat(row(status, "001-props.sql::2::a").note()).isEqualTo("MARK_RAN: recorded as run without running "
                    + "(changelog-sync, or a precondition's onFail); --validCheckSum: ANY, so liquibase accepts any checksum");
        }
    }

    private static String ran(String id, String author, String filename, int order, String exectype, String md5sum) {
        return "INSERT INTO public.databasechangelog VALUES ('" + id + "', '" + author + "', '" + filename + "', "
                + "TIMESTAMP '2024-01-02 10:00:00' + interval '" + order + " seconds', " + order + ", '" + exectype + "', '"
                + md5sum + "', 'sql', '', NULL, '4.29.2', NULL, NULL, '4567890123');\n";
    }
}
