package io.pgcarry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The README's first set-up command runs this: it must pass on a fresh machine. */
class DemoIT {
    @Test
    void demoMovesV1IntoV2AndValidates() {
        CliRun run = CliRun.of("demo", "--jobs", "2");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("check: PASS", "public.\"LegacyNote\"", "migration history table");
        assertThat(run.out()).contains("copied 108000 rows", "validation (full): PASS", "both servers are stopped");
    }
}
