package io.pgcarry.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgcarry.error.ConfigurationException;
import io.pgcarry.migrate.LedgerEntry.Outcome;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusClassifierTest {
    private static final StatusClassifier HIGH_WATER = new StatusClassifier(OrderPolicy.HIGH_WATER_MARK, "never runs");
    private static final StatusClassifier SET = new StatusClassifier(OrderPolicy.SET_BASED, "runs late");

    @Test
    void aCleanLedgerIsAllApplied() {
        List<MigrationRow> rows = SET.classify(List.of(file(1, "aaa"), file(2, "bbb")), List.of(applied(1, "aaa"), applied(2, "bbb")));
        assertThat(rows).extracting(MigrationRow::state).containsExactly(MigrationState.APPLIED, MigrationState.APPLIED);
        assertThat(rows).extracting(MigrationRow::note).containsOnlyNulls();
    }

    @Test
    void noLedgerMeansEverythingPending() {
        assertThat(HIGH_WATER.classify(List.of(file(1, "aaa"), file(2, "bbb")), List.of()))
                .extracting(MigrationRow::state).containsExactly(MigrationState.PENDING, MigrationState.PENDING);
    }

    @Test
    void anEditedFileIsModifiedWithBothChecksumsShort() {
        MigrationRow row = SET.classify(List.of(file(1, "c3d4e5f6a7b8c9d0e1f2")), List.of(applied(1, "a1b2c3d4e5f6a7b8c9d0"))).get(0);
        assertThat(row.state()).isEqualTo(MigrationState.MODIFIED);
        assertThat(row.note()).isEqualTo("checksum a1b2c3d4… recorded, file has c3d4e5f6…");
        assertThat(row.recordedChecksum()).isEqualTo("a1b2c3d4e5f6a7b8c9d0");
        assertThat(row.fileChecksum()).isEqualTo("c3d4e5f6a7b8c9d0e1f2");
    }

    @Test
    void lineEndingChangesAreToldApartAndAreNoFault() {
        LocalMigration nowCrlf = new LocalMigration("1", "1", "m1", List.of("1.sql"), key(1),
                FileChecksum.of("crlf-sum", "lf-sum", "crlf-sum"), null);
        LocalMigration nowLf = new LocalMigration("2", "2", "m2", List.of("2.sql"), key(2),
                FileChecksum.of("lf-sum", "lf-sum", "crlf-sum"), null);
        List<MigrationRow> rows = SET.classify(List.of(nowCrlf, nowLf), List.of(applied(1, "lf-sum"), applied(2, "crlf-sum")));
        assertThat(rows).extracting(MigrationRow::state).containsOnly(MigrationState.LINE_ENDINGS_ONLY);
        assertThat(rows).extracting(MigrationRow::note).containsExactly("line endings only (LF→CRLF)", "line endings only (CRLF→LF)");
        assertThat(MigrationState.LINE_ENDINGS_ONLY.fault()).isFalse();
    }

    @Test
    void aRecordedLfChecksumTellsMixedLineEndingsApart() {
        LocalMigration mixed = new LocalMigration("1", "1", "m", List.of("1.sql"), key(1), FileChecksum.of("now", "lf", "crlf"), "lf");
        LedgerEntry entry = new LedgerEntry("1", "1", "m", key(1), Outcome.APPLIED, "then", "lf", null, null);
        assertThat(SET.classify(List.of(mixed), List.of(entry)).get(0).state()).isEqualTo(MigrationState.LINE_ENDINGS_ONLY);
    }

    @Test
    void aPendingMigrationOlderThanTheNewestAppliedIsSkippedOrOutOfOrderByPolicy() {
        List<LocalMigration> files = List.of(file(1, "a"), file(2, "b"), file(3, "c"), file(4, "d"));
        List<LedgerEntry> ledger = List.of(applied(1, "a"), applied(3, "c"));
        assertThat(HIGH_WATER.classify(files, ledger)).extracting(MigrationRow::state).containsExactly(MigrationState.APPLIED,
                MigrationState.SKIPPED, MigrationState.APPLIED, MigrationState.PENDING);
        MigrationRow late = SET.classify(files, ledger).get(1);
        assertThat(late.state()).isEqualTo(MigrationState.OUT_OF_ORDER);
        assertThat(late.note()).isEqualTo("runs late (newest applied: 3)");
    }

    @Test
    void aLedgerRowWithoutItsFileIsMissingInItsPlace() {
        List<MigrationRow> rows = SET.classify(List.of(file(1, "a"), file(3, "c")), List.of(applied(1, "a"), applied(2, "b"), applied(3, "c")));
        assertThat(rows).extracting(MigrationRow::version).containsExactly("1", "2", "3");
        assertThat(rows.get(1).state()).isEqualTo(MigrationState.MISSING);
        assertThat(rows.get(1).file()).isNull();
        assertThat(rows.get(1).note()).isEqualTo("in the ledger as applied, and no file");
    }

    @Test
    void failedRolledBackAndBaselineEntries() {
        LedgerEntry failed = new LedgerEntry("1", "1", "a", key(1), Outcome.FAILED, "a", null, null, "dirty");
        LedgerEntry rolledBack = new LedgerEntry("2", "2", "b", key(2), Outcome.ROLLED_BACK, "b", null, null, null);
        LedgerEntry goneRolledBack = new LedgerEntry("3", "3", "c", key(3), Outcome.ROLLED_BACK, "c", null, null, null);
        LedgerEntry baseline = new LedgerEntry("4", "4", "base", key(4), Outcome.BASELINE, null, null, null, null);
        List<MigrationRow> rows = SET.classify(List.of(file(1, "a"), file(2, "b")), List.of(failed, rolledBack, goneRolledBack, baseline));
        assertThat(rows).extracting(MigrationRow::version).containsExactly("1", "2", "4");
        assertThat(rows).extracting(MigrationRow::state).containsExactly(MigrationState.FAILED, MigrationState.PENDING,
                MigrationState.APPLIED);
        assertThat(rows.get(0).note()).isEqualTo("started, not finished; dirty");
        assertThat(rows.get(1).note()).isEqualTo("rolled back; runs again");
    }

    @Test
    void aChangedRepeatableRunsAgainAndIsNotOlderThanAnything() {
        LocalMigration views = new LocalMigration("R:views", "R", "views", List.of("R__views.sql"), VersionKey.repeatable("views"),
                FileChecksum.of("22", "22", "22"), null);
        LocalMigration fresh = new LocalMigration("R:fresh", "R", "fresh", List.of("R__fresh.sql"), VersionKey.repeatable("fresh"),
                FileChecksum.of("33", "33", "33"), null);
        LedgerEntry ran = new LedgerEntry("R:views", "R", "views", VersionKey.repeatable("views"), Outcome.APPLIED, "11", null, null, null);
        List<MigrationRow> rows = HIGH_WATER.classify(List.of(views, fresh, file(1, "a")), List.of(ran, applied(1, "a")));
        assertThat(rows).extracting(MigrationRow::name).containsExactly("m1", "fresh", "views");
        assertThat(rows).extracting(MigrationRow::state).containsExactly(MigrationState.APPLIED, MigrationState.PENDING,
                MigrationState.PENDING);
        assertThat(rows.get(2).note()).startsWith("repeatable, changed since it last ran: runs again");
    }

    @Test
    void aMigrationThatRunsAgainWhenChangedIsPendingAndAFileNoteComesLast() {
        LocalMigration onChange = new LocalMigration("1", "1", "m1", List.of("1.sql"), key(1), FileChecksum.of("new", "new", "new"),
                null, true, null);
        LocalMigration noted = new LocalMigration("2", "2", "m2", List.of("2.sql"), key(2), FileChecksum.of("b", "b", "b"), null,
                false, "said by the file");
        List<MigrationRow> rows = SET.classify(List.of(onChange, noted), List.of(applied(1, "old"), applied(2, "b")));
        assertThat(rows).extracting(MigrationRow::state).containsExactly(MigrationState.PENDING, MigrationState.APPLIED);
        assertThat(rows.get(0).note()).isEqualTo("changed since it last ran, and it runs again when changed; checksum old "
                + "recorded, file has new");
        assertThat(rows.get(1).note()).isEqualTo("said by the file");
        assertThat(SET.classify(List.of(new LocalMigration("2", "2", "m2", List.of("2.sql"), key(2), FileChecksum.of("c", "c", "c"),
                null, false, "said by the file")), List.of(applied(2, "b"))).get(0).note())
                .isEqualTo("checksum b recorded, file has c; said by the file");
    }

    @Test
    void aFailedMigrationIsNoHighWaterMark() {
        LedgerEntry failed = new LedgerEntry("3", "3", "m3", key(3), Outcome.FAILED, "c", null, null, null);
        List<MigrationRow> rows = HIGH_WATER.classify(List.of(file(1, "a"), file(2, "b"), file(3, "c")), List.of(applied(1, "a"), failed));
        assertThat(rows).extracting(MigrationRow::state).containsExactly(MigrationState.APPLIED, MigrationState.PENDING,
                MigrationState.FAILED);
    }

    @Test
    void toolsWithoutChecksumsAreAppliedByName() {
        LocalMigration plain = LocalMigration.unchecked("1", "1", "a", "1_a.sql", key(1));
        assertThat(SET.classify(List.of(plain), List.of(LedgerEntry.applied("1", "1", key(1), null))).get(0).state())
                .isEqualTo(MigrationState.APPLIED);
    }

    @Test
    void twoFilesOfOneVersionAreRefused() {
        assertThatThrownBy(() -> SET.classify(List.of(file(1, "a"), file(1, "b")), List.of()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("two migrations have version 1: 1.sql and 1.sql; the tool refuses such a directory, so rename one");
    }

    private static VersionKey key(int n) {
        return VersionKey.number(BigInteger.valueOf(n), "");
    }

    private static LocalMigration file(int n, String checksum) {
        return new LocalMigration(String.valueOf(n), String.valueOf(n), "m" + n, List.of(n + ".sql"), key(n),
                FileChecksum.of(checksum, checksum, checksum), null);
    }

    private static LedgerEntry applied(int n, String checksum) {
        return new LedgerEntry(String.valueOf(n), String.valueOf(n), "m" + n, key(n), Outcome.APPLIED, checksum, null, null, null);
    }
}
