package io.pgcarry.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.pgcarry.catalog.Column;
import io.pgcarry.catalog.QualifiedName;
import io.pgcarry.report.ProblemCode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The explicit conversion rules, value by value. */
class ValueConverterTest {
    @Test
    void numbersStayExactAndAreNeverRounded() throws Exception {
        Column money = column("numeric", "numeric(10,2)", 10, 2);
        assertThat(convert("12.50", money)).isEqualTo("12.50");
        assertThat(convert("0.1", money)).isEqualTo("0.1");
        assertThat(convert("\"99999999.99\"", money)).isEqualTo("99999999.99");
        assertThat(convert("1e2", column("numeric", "numeric", null, null))).isEqualTo("100");
        assertRejected("0.125", money, ProblemCode.NUMERIC_OUT_OF_RANGE);
        assertRejected("123456789.5", money, ProblemCode.NUMERIC_OUT_OF_RANGE);
        assertThat(convert("12345678901234567890.123456789", column("numeric", "numeric", null, null)))
                .isEqualTo("12345678901234567890.123456789");
    }

    @Test
    void integersMustBeWholeAndInRange() throws Exception {
        Column int2 = column("int2", "smallint", null, null);
        assertThat(convert("\"42\"", int2)).isEqualTo("42");
        assertThat(convert("2.0", int2)).isEqualTo("2");
        assertRejected("2.5", int2, ProblemCode.VALUE_NOT_CONVERTED);
        assertRejected("40000", int2, ProblemCode.INTEGER_OUT_OF_RANGE);
    }

    @Test
    void booleansFromTrueStringsAndOnesAndZeros() throws Exception {
        Column bool = column("bool", "boolean", null, null);
        assertThat(List.of(convert("true", bool), convert("\"false\"", bool), convert("1", bool), convert("0", bool)))
                .containsExactly("t", "f", "t", "f");
        assertRejected("\"yes please\"", bool, ProblemCode.VALUE_NOT_CONVERTED);
        assertRejected("2", bool, ProblemCode.VALUE_NOT_CONVERTED);
    }

    @Test
    void datesInThreeFormatsAndEpochNumbersWhenTheMappingSaysSo() throws Exception {
        Column ts = column("timestamptz", "timestamp with time zone", null, null);
        assertThat(convert("\"2024-01-16T08:00:00+02:00\"", ts)).isEqualTo("2024-01-16T06:00:00Z");
        assertThat(convert("\"2024-03-01\"", ts)).isEqualTo("2024-03-01T00:00:00Z");
        assertThat(convert("\"2024-03-01 10:11:12.5\"", ts)).isEqualTo("2024-03-01T10:11:12.500Z");
        assertThat(ValueConverter.convert(json("1705314600123"), ts, null, ValueSpec.As.EPOCH_MS, "/t")).isEqualTo("2024-01-15T10:30:00.123Z");
        assertThat(ValueConverter.convert(json("1600000000.5"), ts, null, ValueSpec.As.EPOCH_S, "/t")).isEqualTo("2020-09-13T12:26:40.500Z");
        assertRejected("1705314600", ts, ProblemCode.VALUE_NOT_CONVERTED);
        assertRejected("\"next tuesday\"", ts, ProblemCode.VALUE_NOT_CONVERTED);
    }

    @Test
    void enumsTextArraysAndJson() throws Exception {
        Column status = new Column("status", 1, "\"Status\"", new QualifiedName("public", "Status"), 'e', false, false, false, null, "", false,
                null, null, null);
        assertThat(ValueConverter.convert(json("\"DRAFT\""), status, List.of("DRAFT", "LIVE"), ValueSpec.As.AUTO, "/s")).isEqualTo("DRAFT");
        assertThatThrownBy(() -> ValueConverter.convert(json("\"draft\""), status, List.of("DRAFT", "LIVE"), ValueSpec.As.AUTO, "/s"))
                .isInstanceOfSatisfying(Rejected.class, r -> assertThat(r.code()).isEqualTo(ProblemCode.ENUM_VALUE_MISSING));
        Column tags = new Column("tags", 1, "text[]", new QualifiedName("pg_catalog", "_text"), 'b', true, true, false, null, "", false,
                null, null, null);
        assertThat(convert("[\"a\", \"b\\\"c\", null, \"d\\\\e\"]", tags)).isEqualTo("{\"a\",\"b\\\"c\",NULL,\"d\\\\e\"}");
        assertThat(convert("{\"n\": 0.10, \"x\": [1]}", column("jsonb", "jsonb", null, null))).isEqualTo("{\"n\":0.10,\"x\":[1]}");
        Column short5 = column("varchar", "character varying(5)", null, null, 5);
        assertThat(convert("\"🚀🚀🚀🚀🚀\"", short5)).isEqualTo("🚀🚀🚀🚀🚀");
        assertRejected("\"🚀🚀🚀🚀🚀🚀\"", short5, ProblemCode.VALUE_TOO_LONG);
        assertRejected("{\"a\": 1}", column("text", "text", null, null), ProblemCode.VALUE_NOT_CONVERTED);
        assertRejected("\"not-a-uuid\"", column("uuid", "uuid", null, null), ProblemCode.INVALID_UUID);
    }

    @Test
    void theCanonicalFormSortsKeysAndKeepsDecimalsExact() throws Exception {
        assertThat(Canonical.of(json("{\"b\": 1.50, \"a\": [true, null, \"é\\n\"]}"))).isEqualTo("{\"a\":[true,null,\"é\\n\"],\"b\":1.50}");
        assertThat(Canonical.sha256(Canonical.of(json("{\"a\":1,\"b\":2}")))).isEqualTo(Canonical.sha256(Canonical.of(json("{ \"b\": 2, \"a\": 1 }"))));
    }

    private static String convert(String value, Column column) throws Exception {
        return ValueConverter.convert(json(value), column, null, ValueSpec.As.AUTO, "/v");
    }

    private static void assertRejected(String value, Column column, ProblemCode code) {
        assertThatThrownBy(() -> convert(value, column)).isInstanceOfSatisfying(Rejected.class, r -> {
            assertThat(r.code()).isEqualTo(code);
            assertThat(r.path()).isEqualTo("/v");
        });
    }

    static JsonNode json(String text) throws Exception {
        return RecordSource.JSON.readTree(text);
    }

    private static Column column(String type, String formatted, Integer precision, Integer scale) {
        return column(type, formatted, precision, scale, null);
    }

    private static Column column(String type, String formatted, Integer precision, Integer scale, Integer length) {
        return new Column("v", 1, formatted, new QualifiedName("pg_catalog", type), 'b', true, false, false, null, "", false, length,
                precision, scale);
    }
}
