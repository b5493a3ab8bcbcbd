package io.pgcarry.importer;

import io.pgcarry.report.Problem;
import java.util.List;
import java.util.Map;

/**
 * What an import, a dry run or a verify found and did.
 *
 * @param mode         {@code dry-run}, {@code apply} or {@code verify}
 * @param run          the journal's run id of an apply that committed, else null
 * @param records      records read
 * @param skipped      records an earlier import holds already (an apply leaves them as they are)
 * @param rejected     records refused
 * @param rejections   why, for the first {@link #MAX_LISTED} refusals
 * @param warnings     fields no column reads (without {@code strict}), counted per path
 * @param rowsWritten  rows COPYed per table ({@code schema.table})
 * @param snapshot     the input files' hashes
 * @param parity       the strict parity check (an apply's, after commit, or a verify's); null for a dry run or a refused apply
 * @param passed       whether nothing was refused beyond what was allowed and parity found no difference
 */
public record ImportResult(String mode, Long run, long records, long skipped, long rejected, List<Rejection> rejections,
                           List<Problem> warnings, Map<String, Long> rowsWritten, List<FileSnapshot> snapshot, ParityResult parity,
                           boolean passed) {
    public static final int MAX_LISTED = 1000;

    public ImportResult {
        rejections = List.copyOf(rejections);
        warnings = List.copyOf(warnings);
        rowsWritten = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(rowsWritten));
        snapshot = List.copyOf(snapshot);
    }

    /**
     * Strict parity: {@code differences} is empty when every record is in the target as converted and nothing else is;
     * {@code unexplained} counts the target's rows no record explains, of {@code differenceCount}. {@code provedByRun}
     * names the run whose proof stood in for reading the records again (the files and the tables unchanged since it
     * found parity), or is null when the records were compared one by one.
     */
    public record ParityResult(long records, long differenceCount, long unexplained, List<Difference> differences, Long provedByRun) {
        public ParityResult {
            differences = List.copyOf(differences);
        }

        /** Parity found record by record. */
        public ParityResult(long records, long differenceCount, long unexplained, List<Difference> differences) {
            this(records, differenceCount, unexplained, differences, null);
        }

        public boolean ok() {
            return differenceCount == 0;
        }
    }
}
