package io.pgcarry.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Objects;

/**
 * One finding.
 *
 * @param severity      error, warning or note
 * @param code          a stable identifier, such as {@code ENUM_VALUE_MISSING}
 * @param object        the table, column or constraint concerned, as a person would write it
 * @param message       what is wrong and what to do
 * @param affectedRows  how many rows are affected, or null when not about rows
 * @param samples       up to 10 sample keys or values
 * @param missing       for a reference whose rows point at nothing ({@code FK_ORPHAN}), up to 10 distinct missing values,
 *                      most frequent first; empty otherwise (and then left out of JSON)
 */
public record Problem(Severity severity, ProblemCode code, String object, String message, Long affectedRows, List<String> samples,
                      @JsonInclude(JsonInclude.Include.NON_EMPTY) List<MissingValue> missing) {
    public static final int MAX_SAMPLES = 10;

    public Problem {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(code, "code");
        samples = samples == null ? List.of() : List.copyOf(samples.subList(0, Math.min(samples.size(), MAX_SAMPLES)));
        missing = missing == null ? List.of() : List.copyOf(missing.subList(0, Math.min(missing.size(), MAX_SAMPLES)));
    }

    /** A problem that names no missing referenced values. */
    public Problem(Severity severity, ProblemCode code, String object, String message, Long affectedRows, List<String> samples) {
        this(severity, code, object, message, affectedRows, samples, List.of());
    }

    public static Problem error(ProblemCode code, String object, String message) {
        return new Problem(Severity.ERROR, code, object, message, null, List.of());
    }

    public static Problem warning(ProblemCode code, String object, String message) {
        return new Problem(Severity.WARNING, code, object, message, null, List.of());
    }

    public static Problem note(ProblemCode code, String object, String message) {
        return new Problem(Severity.NOTE, code, object, message, null, List.of());
    }

    public Problem withRows(long rows, List<String> sampleKeys) {
        return new Problem(severity, code, object, message, rows, sampleKeys, missing);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }
}
