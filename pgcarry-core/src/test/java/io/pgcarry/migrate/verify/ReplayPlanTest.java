package io.pgcarry.migrate.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgcarry.migrate.MigrationRow;
import io.pgcarry.migrate.MigrationState;
import io.pgcarry.migrate.MigrationStatus;
import io.pgcarry.migrate.MigrationTool;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which migrations are replayed, and what is said of the others. */
class ReplayPlanTest {
    private static final MigrationStatus FLYWAY = new MigrationStatus(MigrationTool.FLYWAY, "--tool", Path.of("db/migration"),
            "public.flyway_schema_history", List.of(
                    row("1", "Users", MigrationState.APPLIED, "V1__Users.sql", "1"),
                    row("1.1", "Email", MigrationState.MODIFIED, "V1_1__Email.sql", "2"),
                    row("1.2", "Crlf", MigrationState.LINE_ENDINGS_ONLY, "V1_2__Crlf.sql", "3"),
                    row("1.3", "Gone", MigrationState.MISSING, null, "4"),
                    row("1.4", "Broken", MigrationState.FAILED, "V1_4__Broken.sql", "5"),
                    row("1.5", "Late", MigrationState.SKIPPED, "V1_5__Late.sql", null),
                    row("2", "Next", MigrationState.PENDING, "V2__Next.sql", null),
                    row("R", "Views", MigrationState.PENDING, "R__Views.sql", "6"),
                    row("R", "Fresh", MigrationState.PENDING, "R__Fresh.sql", null)));

    @Test
    void whatTheLedgerSaysIsAppliedIsReplayed() {
        ReplayPlan plan = ReplayPlan.of(FLYWAY, false);
        assertThat(plan.steps()).extracting(ReplayPlan.Step::file)
                .containsExactly("V1__Users.sql", "V1_1__Email.sql", "V1_2__Crlf.sql", "R__Views.sql");
        assertThat(plan.pendingLeftOut()).isEqualTo(3);
        assertThat(plan.notes()).containsExactly(
                "1.1 Email: modified after it was applied; the file as it is now was replayed",
                "1.3 Gone: in the ledger and no file, so not replayed; what it made shows as drift",
                "1.4 Broken: failed in the ledger, so not replayed; what it did in the target shows as drift",
                "R Views: repeatable, changed since it last ran; the file as it is now was replayed");
    }

    @Test
    void withPendingEveryFileIsReplayedInOrder() {
        ReplayPlan plan = ReplayPlan.of(FLYWAY, true);
        assertThat(plan.steps()).extracting(ReplayPlan.Step::file).containsExactly("V1__Users.sql", "V1_1__Email.sql",
                "V1_2__Crlf.sql", "V1_4__Broken.sql", "V1_5__Late.sql", "V2__Next.sql", "R__Views.sql", "R__Fresh.sql");
        assertThat(plan.pendingLeftOut()).isZero();
        assertThat(plan.notes()).hasSize(3);
    }

    private static MigrationRow row(String version, String name, MigrationState state, String file, String recorded) {
        return new MigrationRow(version, name, state, null, null, file, recorded, recorded == null ? null : "x");
    }
}
