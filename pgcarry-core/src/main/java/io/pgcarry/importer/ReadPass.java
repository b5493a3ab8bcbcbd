package io.pgcarry.importer;

import io.pgcarry.report.Problem;
import io.pgcarry.report.ProblemCode;
import io.pgcarry.report.Severity;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One pass over every input: each record numbered (its ordinal, the same on every pass), converted and spilled, or
 * rejected with its reason, or skipped as imported before; with the inputs' snapshot and the unknown fields met.
 */
final class ReadPass {
    private final TreeMap<Long, String> files = new TreeMap<>();
    private final Map<Long, Rejection> rejections = new LinkedHashMap<>();
    private final Map<String, long[]> unknown = new LinkedHashMap<>();
    private final List<FileSnapshot> snapshot = new ArrayList<>();
    private long records;
    private long skipped;

    /** Reads every collection of {@code targets} (top-level ones) through {@code converter} into {@code spill}. */
    static ReadPass run(List<Target> targets, Path base, RecordConverter converter, Spill spill) {
        ReadPass pass = new ReadPass();
        for (Target t : targets) {
            pass.snapshot.addAll(ReadAhead.read(t.collection(), base, record -> pass.record(t, record, converter, spill)));
        }
        spill.flush();
        return pass;
    }

    private void record(Target t, SourceRecord record, RecordConverter converter, Spill spill) {
        long ordinal = records++;
        if (record.index() == 0) {
            files.put(ordinal, record.file());
        }
        try {
            RecordConverter.Converted converted = converter.convert(t, record);
            if (converted.skipped()) {
                skipped++;
                return;
            }
            converted.unknown().forEach(path -> unknown.computeIfAbsent(t.qualified() + " " + path.replaceAll("/\\d+(/|$)", "/*$1"),
                    k -> new long[1])[0]++);
            spill.add(converted, ordinal);
        } catch (Rejected r) {
            rejections.put(ordinal, new Rejection(record.file(), record.index(), r.path(), r.code(),
                    r.object() == null ? t.name().toString() : r.object(), r.getMessage()));
        }
    }

    /** A rejection found in the staged rows, by ordinal; the record's first one is the one kept. */
    void reject(Staging.Broken broken) {
        Parity.SourceRecordRef ref = locate(broken.ordinal());
        rejections.putIfAbsent(broken.ordinal(), new Rejection(ref.file(), ref.index(), broken.path(), broken.code(), broken.object(),
                broken.reason()));
    }

    Parity.SourceRecordRef locate(long ordinal) {
        Map.Entry<Long, String> file = files.floorEntry(ordinal);
        return new Parity.SourceRecordRef(file.getValue(), ordinal - file.getKey());
    }

    Map<Long, Rejection> rejections() {
        return rejections;
    }

    List<FileSnapshot> snapshot() {
        return snapshot;
    }

    long records() {
        return records;
    }

    long skipped() {
        return skipped;
    }

    /** Each unknown field path as a warning (or, with strict, the rejections say it). */
    List<Problem> warnings() {
        List<Problem> result = new ArrayList<>();
        unknown.forEach((where, count) -> result.add(new Problem(Severity.WARNING, ProblemCode.UNKNOWN_FIELD, where,
                "records hold a field the mapping file neither reads nor ignores; it is not imported: map it, list it under ignore, "
                        + "or set strict: true to refuse such records", count[0], List.of())));
        return result;
    }
}
