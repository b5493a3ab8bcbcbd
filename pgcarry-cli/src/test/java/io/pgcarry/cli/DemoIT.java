package io.pgcarry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The README's first set-up command runs this: it must pass on a fresh machine, and catch what it plants. */
class DemoIT {
    @Test
    void demoMovesV1IntoV2ThenCatchesThePlantedProblemsAndTheChangedRow() {
        CliRun run = CliRun.of("demo", "--jobs", "2");

        assertThat(run.exitCode()).as(run.err()).isZero();
        // Stage 1: the happy path.
        assertThat(run.err()).contains("check: PASS", "public.\"LegacyNote\"", "migration history table",
                "validation (full): PASS");
        assertThat(run.out()).contains("copied 108000 rows", "validation (full): PASS");
        // Stage 2: check's own report of the planted source, with codes, tables, counts and sample keys.
        assertThat(run.err()).contains("v1_planted", "check: FAIL - 2 errors")
                .containsPattern("ERROR +ENUM_VALUE_MISSING +public\\.\"Animal\"\\.status +\\(1 row\\)\\s+.*QUARANTINED.*\\s+e\\.g\\. id=4242")
                .containsPattern("ERROR +FK_ORPHAN +public\\.\"AnimalOwner\"\\.\"AnimalOwner_animalId_fkey\" +\\(1 row\\)\\s+.*\\s+\"animalId\"=99999 missing from public\\.\"Animal\"\\.id \\(1 row\\)\\s+e\\.g\\. id=20001");
        // Stage 3: validate names the edited row by its key and column, and nothing else.
        assertThat(run.err()).containsPattern("FAIL +public\\.\"Animal\" ").contains("changed id=1234  columns: name",
                "validation (full): FAIL - 7 tables, 12 references, 7 sequences checked, 1 failed");
        assertThat(run.out()).contains("ENUM_VALUE_MISSING public.\"Animal\".status (1 row, e.g. id=4242)",
                "FK_ORPHAN public.\"AnimalOwner\".\"AnimalOwner_animalId_fkey\" (1 row, e.g. id=20001)",
                "public.\"Animal\" changed id=1234 (name)",
                "pgcarry caught exactly what was planted", "both servers are stopped");
    }

    /** With --json: one object led by "ok", saying whether pgcarry caught exactly what was planted. */
    @Test
    void jsonSaysOkAndThatWhatWasPlantedWasCaught() throws Exception {
        CliRun run = CliRun.of("--json", "demo", "--jobs", "2");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode result = new ObjectMapper().readTree(run.out());
        assertThat(result.fieldNames().next()).isEqualTo("ok");
        assertThat(result.path("ok").asBoolean()).isTrue();
        assertThat(result.path("asExpected").asBoolean()).isTrue();
        assertThat(result.path("mismatches")).isEmpty();
        assertThat(result.path("move").path("rows").asLong()).isEqualTo(108_000);
    }
}
