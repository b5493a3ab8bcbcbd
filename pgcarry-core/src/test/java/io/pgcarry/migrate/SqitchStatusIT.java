package io.pgcarry.migrate;

import static io.pgcarry.migrate.MigrationFixtures.row;
import static io.pgcarry.migrate.MigrationFixtures.sql;
import static io.pgcarry.migrate.MigrationFixtures.states;
import static io.pgcarry.migrate.MigrationFixtures.status;
import static io.pgcarry.migrate.MigrationFixtures.write;
import static io.pgcarry.migrate.MigrationState.APPLIED;
import static io.pgcarry.migrate.MigrationState.FAILED;
import static io.pgcarry.migrate.MigrationState.LINE_ENDINGS_ONLY;
import static io.pgcarry.migrate.MigrationState.MISSING;
import static io.pgcarry.migrate.MigrationState.MODIFIED;
import static io.pgcarry.migrate.MigrationState.PENDING;
import static io.pgcarry.migrate.MigrationState.SKIPPED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.pgcarry.embedded.junit.PostgresExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Sqitch project and its registry as Sqitch 1.3 leaves them: the checksum package's fixture plan (four changes, one
 * of them reworked after a tag) and deploy scripts; the registry schema {@code sqitch} with {@code changes} (a row per
 * deployed change: change id, SHA-1 of the deploy script, name, project) and {@code events} (deploy, fail, revert),
 * with the columns of Sqitch's pg.sql (checked against the tables Sqitch 1.3.1 created on PostgreSQL 15, where a failed
 * deploy left a {@code fail} event and no {@code changes} row). The change ids and script hashes are those Sqitch
 * 1.3.1 printed for the fixture ({@code sqitch plan --format 'format:%H %n'}, {@code sha1sum}; see SqitchChecksumTest),
 * and for the plan with a {@code widgets} change added, or an {@code audit} change inserted before {@code flips}.
 */
class SqitchStatusIT {
    @RegisterExtension
    static final PostgresExtension pg13 = PostgresExtension.major(13);
    @RegisterExtension
    static final PostgresExtension pg17 = PostgresExtension.major(17);

    private static final String REGISTRY = """
            CREATE SCHEMA sqitch;
            CREATE TABLE sqitch.projects (project TEXT PRIMARY KEY, uri TEXT NULL UNIQUE,
                created_at TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(), creator_name TEXT NOT NULL, creator_email TEXT NOT NULL);
            CREATE TABLE sqitch.changes (change_id TEXT PRIMARY KEY, script_hash TEXT NULL, change TEXT NOT NULL,
                project TEXT NOT NULL REFERENCES sqitch.projects(project) ON UPDATE CASCADE, note TEXT NOT NULL DEFAULT '',
                committed_at TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(), committer_name TEXT NOT NULL,
                committer_email TEXT NOT NULL, planned_at TIMESTAMPTZ NOT NULL, planner_name TEXT NOT NULL,
                planner_email TEXT NOT NULL, UNIQUE(project, script_hash));
            CREATE TABLE sqitch.events (event TEXT NOT NULL CHECK (event IN ('deploy', 'revert', 'fail', 'merge')),
                change_id TEXT NOT NULL, change TEXT NOT NULL,
                project TEXT NOT NULL REFERENCES sqitch.projects(project) ON UPDATE CASCADE, note TEXT NOT NULL DEFAULT '',
                requires TEXT[] NOT NULL DEFAULT '{}', conflicts TEXT[] NOT NULL DEFAULT '{}', tags TEXT[] NOT NULL DEFAULT '{}',
                committed_at TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(), committer_name TEXT NOT NULL,
                committer_email TEXT NOT NULL, planned_at TIMESTAMPTZ NOT NULL, planner_name TEXT NOT NULL,
                planner_email TEXT NOT NULL, PRIMARY KEY (change_id, committed_at));
            INSERT INTO sqitch.projects (project, uri, creator_name, creator_email)
                 VALUES ('flipr', 'https://github.com/sqitchers/sqitch-intro/', 'Marge N. O''Vera', 'marge@example.com'),
                        ('other', NULL, 'Homer', 'homer@example.com');
            """;
    private static final String APPSCHEMA = "90af9105cfa4b3d04cf81c826bbebb40d6584589";
    private static final String USERS_1 = "37813ae2c4ed8246ad9c954e12898c1e8f6d251e";
    private static final String FLIPS = "5a780947ec98298f1bee35675a9262057985e152";
    private static final String USERS_2 = "8600a361d3baccc330f525cd9dae1b77ad00c95f";
    private static final String WIDGETS = "427eb5d804c3a42a617f1c34808f31ebdb7dc76a";
    private static final String APPSCHEMA_SCRIPT = "1cbdd2b136e982f469ee8a17b8e1198425c6360e";
    private static final String USERS_1_SCRIPT = "564161085536888cf961d567922d4193281261ef";
    private static final String FLIPS_SCRIPT = "cbb49a35862ea683441ce892e3f9d0b760fd58a7";
    private static final String USERS_2_SCRIPT = "417273a509a4d2ae55f295af38c05e7fe1b23935";

    @TempDir
    Path dir;

    @Test
    void aDeployedProjectIsUpToDateAndAnotherProjectsRowsAreNotItsOwn() {
        for (PostgresExtension pg : List.of(pg13, pg17)) {
            Path project = project(pg.database());
            sql(pg, REGISTRY + deployed(APPSCHEMA, APPSCHEMA_SCRIPT, "appschema", "flipr", 1)
                    + deployed(USERS_1, USERS_1_SCRIPT, "users", "flipr", 2) + deployed(FLIPS, FLIPS_SCRIPT, "flips", "flipr", 3)
                    + deployed(USERS_2, USERS_2_SCRIPT, "users", "flipr", 4)
                    + deployed("0123456789012345678901234567890123456789", "ab", "elsewhere", "other", 5));
            MigrationStatus status = status(pg, project, null);
            assertThat(status.tool()).isEqualTo(MigrationTool.SQITCH);
            assertThat(status.detectedBy()).isEqualTo("sqitch.plan");
            assertThat(status.ledger()).isEqualTo("sqitch.changes");
            assertThat(states(status)).containsExactly(entry("appschema", APPLIED), entry("users@v1.0.0-dev1", APPLIED),
                    entry("flips", APPLIED), entry("users", APPLIED));
            assertThat(row(status, "appschema").name()).isEqualTo("App schema for all flipr objects.");
            assertThat(row(status, "users@v1.0.0-dev1").file()).isEqualTo("deploy/users@v1.0.0-dev1.sql");
            assertThat(status.upToDate()).isTrue();
        }
    }

    @Test
    void everyPlantedFaultIsReported() {
        for (PostgresExtension pg : List.of(pg13, pg17)) {
            Path project = project(pg.database());
            write(project, "sqitch.plan", read(project.resolve("sqitch.plan"))
                    + "widgets 2012-07-16T17:31:00Z Marge N. O'Vera <marge@example.com> # Widgets.\n");
            write(project, "deploy/widgets.sql", "CREATE TABLE flipr.widgets (id int);\n");
            write(project, "deploy/appschema.sql", read(project.resolve("deploy/appschema.sql")), true);
            write(project, "deploy/flips.sql", read(project.resolve("deploy/flips.sql")).replace("TEXT NOT NULL", "TEXT"));
            // users@v1.0.0-dev1's row deleted by hand: sqitch deploy starts after users, so it never comes back
            sql(pg, REGISTRY + deployed(APPSCHEMA, APPSCHEMA_SCRIPT, "appschema", "flipr", 1)
                    + deployed(FLIPS, FLIPS_SCRIPT, "flips", "flipr", 3) + deployed(USERS_2, USERS_2_SCRIPT, "users", "flipr", 4)
                    + event("fail", WIDGETS, "widgets", 5)
                    + deployed("fedcba9876543210fedcba9876543210fedcba98", "cd", "dropped", "flipr", 6));
            MigrationStatus status = status(pg, project, MigrationTool.SQITCH);
            assertThat(states(status)).containsExactly(entry("appschema", LINE_ENDINGS_ONLY), entry("users@v1.0.0-dev1", SKIPPED),
                    entry("flips", MODIFIED), entry("users", APPLIED), entry("dropped", MISSING), entry("widgets", FAILED));
            assertThat(row(status, "appschema").note()).isEqualTo("line endings only (LF→CRLF)");
            assertThat(row(status, "users@v1.0.0-dev1").note()).isEqualTo("sqitch deploy never deploys it: it starts after "
                    + "the last deployed change (newest applied: dropped)");
            assertThat(row(status, "flips").note()).startsWith("checksum cbb49a35… recorded, file has ");
            assertThat(row(status, "widgets").note()).isEqualTo("started, not finished; its last deploy failed (sqitch.events); "
                    + "sqitch reverted the rest of that run and deploys it again");
            assertThat(row(status, "dropped").note()).isEqualTo("in the ledger as applied, and no file; change id fedcba98… is "
                    + "not in sqitch.plan: the change was removed from the plan; it is the last one deployed, so sqitch deploy "
                    + "stops: it cannot find it in the plan");
            assertThat(status.upToDate()).isFalse();
        }
    }

    @Test
    void aChangeInsertedBeforeDeployedOnesChangesTheirIdsAndSqitchCannotGoOn() {
        for (PostgresExtension pg : List.of(pg13, pg17)) {
            Path project = project(pg.database());
            String plan = read(project.resolve("sqitch.plan"));
            write(project, "sqitch.plan", plan.replace("flips [", "audit [users] 2012-07-16T17:27:50Z Marge N. O'Vera "
                    + "<marge@example.com> # Audit log.\nflips ["));
            write(project, "deploy/audit.sql", "CREATE TABLE flipr.audit (id int);\n");
            sql(pg, REGISTRY + deployed(APPSCHEMA, APPSCHEMA_SCRIPT, "appschema", "flipr", 1)
                    + deployed(USERS_1, USERS_1_SCRIPT, "users", "flipr", 2) + deployed(FLIPS, FLIPS_SCRIPT, "flips", "flipr", 3)
                    + deployed(USERS_2, USERS_2_SCRIPT, "users", "flipr", 4));
            MigrationStatus status = status(pg, project, null);
            assertThat(status.migrations()).extracting(m -> m.version() + " " + m.state()).containsExactly(
                    // the deployed rows the plan no longer has are listed where they ran
                    "appschema applied", "users@v1.0.0-dev1 applied", "flips missing", "users missing", "audit pending",
                    "flips pending", "users pending");
            assertThat(status.migrations().get(2).note()).isEqualTo("in the ledger as applied, and no file; change id 5a780947… "
                    + "is not in sqitch.plan: the plan's flips has id 758854d8…, so its line or one before it changed (each "
                    + "change id chains its parent's)");
            assertThat(status.migrations().get(3).note()).endsWith("; it is the last one deployed, so sqitch deploy stops: "
                    + "it cannot find it in the plan");
        }
    }

    /** The checksum package's fixture project, copied. */
    private Path project(String name) {
        Path project = dir.resolve(name);
        try {
            Path fixture = Path.of(SqitchStatusIT.class.getResource("/io/pgcarry/migrate/checksum/sqitch").toURI());
            write(project, "sqitch.plan", read(fixture.resolve("sqitch.plan")));
            for (String script : List.of("appschema", "users", "users@v1.0.0-dev1", "flips")) {
                write(project, "deploy/" + script + ".sql", read(fixture.resolve("deploy/" + script + ".sql")));
            }
            return project;
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String deployed(String changeId, String scriptHash, String change, String project, int second) {
        return "INSERT INTO sqitch.changes VALUES ('" + changeId + "', '" + scriptHash + "', '" + change + "', '" + project
                + "', '', TIMESTAMPTZ '2024-03-01 12:00:00+00' + interval '" + second + " s', 'Marge N. O''Vera', "
                + "'marge@example.com', TIMESTAMPTZ '2012-07-16 17:25:07+00', 'Marge N. O''Vera', 'marge@example.com');\n"
                + event("deploy", changeId, change, second).replace("'flipr'", "'" + project + "'");
    }

    private static String event(String event, String changeId, String change, int second) {
        return "INSERT INTO sqitch.events (event, change_id, change, project, committed_at, committer_name, committer_email, "
                + "planned_at, planner_name, planner_email) VALUES ('" + event + "', '" + changeId + "', '" + change + "', 'flipr', "
                + "TIMESTAMPTZ '2024-03-01 12:00:00+00' + interval '" + second + " s', 'Marge', 'marge@example.com', "
                + "TIMESTAMPTZ '2012-07-16 17:25:07+00', 'Marge', 'marge@example.com');\n";
    }
}
