package io.pgcarry.migrate.checksum;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * Sqitch's registry table of deployed changes, {@code sqitch.changes} by default (registry schema {@code sqitch}),
 * as {@code App/Sqitch/Engine/pg.sql} of Sqitch 1.3 creates it: {@code change_id} text primary key (the change id,
 * see {@link SqitchChecksum#changeId}), {@code script_hash} text NULL (SHA-1 of the deploy script; NULL when deployed
 * by a Sqitch older than script hashes), {@code change}, {@code project}, {@code note} (default empty),
 * {@code committed_at} timestamptz, {@code committer_name}, {@code committer_email}, {@code planned_at}
 * timestamptz, {@code planner_name}, {@code planner_email}; unique {@code (project, script_hash)}. A row exists
 * only while the change is deployed: a revert deletes it, and {@code sqitch.events} keeps the history
 * ({@code deploy}, {@code revert}, {@code fail}, {@code merge}).
 */
public final class SqitchLedger {
    /** The table's columns in Sqitch's order. */
    public static final List<String> COLUMNS = List.of("change_id", "script_hash", "change", "project", "note",
            "committed_at", "committer_name", "committer_email", "planned_at", "planner_name", "planner_email");

    private SqitchLedger() {
    }

    /** One row of {@code sqitch.changes}. */
    public record ChangeRow(String changeId, String scriptHash, String change, String project, String note,
            OffsetDateTime committedAt, String committerName, String committerEmail, OffsetDateTime plannedAt,
            String plannerName, String plannerEmail) {
    }
}
