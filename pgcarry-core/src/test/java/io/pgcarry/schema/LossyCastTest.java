package io.pgcarry.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgcarry.schema.LossyCast.Loss;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LossyCastTest {
    @Test
    void narrowerLengthsTruncate() {
        assertThat(loss("character varying(60)", "character varying(10)")).contains(Loss.TRUNCATED);
        assertThat(loss("text", "character varying(10)")).contains(Loss.TRUNCATED);
        assertThat(loss("character(12)", "character(4)")).contains(Loss.TRUNCATED);
        assertThat(loss("bit(8)", "bit(4)")).contains(Loss.TRUNCATED);
        assertThat(loss("bit varying", "bit varying(4)")).contains(Loss.TRUNCATED);
        assertThat(loss("character varying(60)[]", "character varying(10)[]")).contains(Loss.TRUNCATED);
    }

    @Test
    void lowerScalePrecisionAndIntegersRound() {
        assertThat(loss("numeric(10,4)", "numeric(10,2)")).contains(Loss.ROUNDED);
        assertThat(loss("numeric", "numeric(6,2)")).contains(Loss.ROUNDED);
        assertThat(loss("double precision", "numeric(8,2)")).contains(Loss.ROUNDED);
        assertThat(loss("double precision", "integer")).contains(Loss.ROUNDED);
        assertThat(loss("numeric", "bigint")).contains(Loss.ROUNDED);
        assertThat(loss("double precision", "real")).contains(Loss.ROUNDED);
        assertThat(loss("timestamp without time zone", "timestamp(0) without time zone")).contains(Loss.ROUNDED);
        assertThat(loss("timestamp(3) with time zone", "timestamp(1) with time zone")).contains(Loss.ROUNDED);
        assertThat(loss("time without time zone", "time(1) without time zone")).contains(Loss.ROUNDED);
        assertThat(loss("interval", "interval(0)")).contains(Loss.ROUNDED);
        assertThat(loss("timestamp with time zone", "date")).contains(Loss.TRUNCATED);
    }

    @Test
    void textToAnotherTypeKeepsOnlyWhatThatTypeHolds() {
        assertThat(loss("text", "integer")).contains(Loss.CHANGED);
        assertThat(loss("character varying(20)", "uuid")).contains(Loss.CHANGED);
    }

    @Test
    void wideningAndCastsThatFailByThemselvesAreNotLossy() {
        assertThat(loss("character varying(10)", "character varying(60)")).isEmpty();
        assertThat(loss("character varying(10)", "text")).isEmpty();
        assertThat(loss("numeric(10,2)", "numeric(12,2)")).isEmpty();
        assertThat(loss("numeric(8,2)", "numeric")).isEmpty();
        assertThat(loss("integer", "bigint")).isEmpty();
        assertThat(loss("bigint", "integer")).isEmpty();
        assertThat(loss("integer", "text")).isEmpty();
        assertThat(loss("timestamp(0) without time zone", "timestamp(3) without time zone")).isEmpty();
        assertThat(loss("text", "text[]")).isEmpty();
    }

    @Test
    void theConditionComparesStringsAsTextAndOtherTypesInTheirOwnType() {
        assertThat(LossyCast.of("character(12)", "character(4)").orElseThrow().changedCondition("\"v\""))
                .isEqualTo("((\"v\")::character(4))::text IS DISTINCT FROM (\"v\")::text");
        assertThat(LossyCast.of("numeric(10,4)", "numeric(10,2)").orElseThrow().changedCondition("\"v\""))
                .isEqualTo("((\"v\")::numeric(10,2))::numeric(10,4) IS DISTINCT FROM (\"v\")::numeric(10,4)");
    }

    private static Optional<Loss> loss(String from, String to) {
        return LossyCast.of(from, to).map(LossyCast::loss);
    }
}
