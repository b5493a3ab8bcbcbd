package io.pgcarry.largeobject;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The comparison of two sides' large objects, and the statements that describe one. */
class LargeObjectComparisonTest {
    private static final LargeObject.Grant READER = new LargeObject.Grant("reader", "SELECT", false);
    private static final LargeObject.Grant WRITER = new LargeObject.Grant("writer", "UPDATE", true);

    @Test
    void namesMissingExtraAndChangedObjectsByOidWithWhatDiffers() {
        LargeObjectComparison.Side source = new LargeObjectComparison.Side(List.of(object(1, "a"), object(2, null), object(3, null),
                object(4, "note")), Map.of(1L, "1:aa", 2L, "2:bb", 3L, "3:cc", 4L, "4:dd"));
        LargeObjectComparison.Side target = new LargeObjectComparison.Side(List.of(object(1, "a"), object(3, null), object(4, "other"),
                object(5, null)), Map.of(1L, "1:aa", 3L, "3:cX", 4L, "4:dd", 5L, "5:ee"));

        LargeObjectValidation compared = LargeObjectComparison.compare(source, target, true, false, true, 10);

        assertThat(compared.passed()).isFalse();
        assertThat(compared.differences()).map(Object::toString)
                .containsExactly("missing 2", "changed 3 (content)", "changed 4 (comment)", "extra 5");
        assertThat(compared.sourceObjects()).isEqualTo(4);
        assertThat(compared.targetObjects()).isEqualTo(4);
    }

    @Test
    void withoutExtrasTheTargetsOwnObjectsAreNotCountedAndWithoutContentHashesAreNotCompared() {
        LargeObjectComparison.Side source = new LargeObjectComparison.Side(List.of(object(1, null)), Map.of(1L, "1:aa"));
        LargeObjectComparison.Side target = new LargeObjectComparison.Side(List.of(object(1, null), object(9, null)), Map.of(1L, "1:ZZ"));

        LargeObjectValidation onlySource = LargeObjectComparison.compare(source, target, false, false, false, 10);

        assertThat(onlySource.passed()).isTrue();
        assertThat(onlySource.targetObjects()).isEqualTo(1);
        assertThat(LargeObjectComparison.compare(source, target, true, false, false, 10).differences()).map(Object::toString)
                .containsExactly("changed 1 (content)");
    }

    @Test
    void ownersAndGrantsCountOnlyWithPrivilegesAndGrantsInAnyOrder() {
        LargeObject a = new LargeObject(7, "alice", null, List.of(READER, WRITER));
        LargeObject b = new LargeObject(7, "bob", null, List.of(WRITER, READER));
        LargeObject c = new LargeObject(7, "alice", null, List.of(READER));
        LargeObjectComparison.Side one = new LargeObjectComparison.Side(List.of(a), Map.of());

        assertThat(LargeObjectComparison.compare(one, new LargeObjectComparison.Side(List.of(b), Map.of()), false, false, true, 10).passed())
                .isTrue();
        assertThat(LargeObjectComparison.compare(one, new LargeObjectComparison.Side(List.of(b), Map.of()), false, true, true, 10)
                .differences()).map(Object::toString).containsExactly("changed 7 (owner)");
        assertThat(LargeObjectComparison.compare(one, new LargeObjectComparison.Side(List.of(c), Map.of()), false, true, true, 10)
                .differences()).map(Object::toString).containsExactly("changed 7 (grants)");
    }

    @Test
    void namesTheFirstDifferencesAndCountsTheRest() {
        List<LargeObject> many = java.util.stream.LongStream.rangeClosed(1, 25).mapToObj(oid -> object(oid, null)).toList();
        LargeObjectValidation compared = LargeObjectComparison.compare(new LargeObjectComparison.Side(many, Map.of()),
                new LargeObjectComparison.Side(List.of(), Map.of()), false, false, true, 3);

        assertThat(compared.differing()).isEqualTo(25);
        assertThat(compared.truncated()).isTrue();
        assertThat(compared.differences()).map(Object::toString).containsExactly("missing 1", "missing 2", "missing 3");
    }

    @Test
    void statementsQuoteNamesAndCommentsAndReplaceTheDefaultGrants() {
        LargeObject object = new LargeObject(16402, "App \"Owner\"", "it's", List.of(new LargeObject.Grant(null, "SELECT", false), WRITER));

        assertThat(object.statements()).containsExactly(
                "COMMENT ON LARGE OBJECT 16402 IS 'it''s'",
                "ALTER LARGE OBJECT 16402 OWNER TO \"App \"\"Owner\"\"\"",
                "REVOKE ALL ON LARGE OBJECT 16402 FROM PUBLIC",
                "REVOKE ALL ON LARGE OBJECT 16402 FROM \"App \"\"Owner\"\"\"",
                "GRANT SELECT ON LARGE OBJECT 16402 TO PUBLIC",
                "GRANT UPDATE ON LARGE OBJECT 16402 TO \"writer\" WITH GRANT OPTION");
        assertThat(object.withoutPrivileges().statements()).containsExactly("COMMENT ON LARGE OBJECT 16402 IS 'it''s'");
        assertThat(new LargeObject(1, null, null, null).statements()).isEmpty();
    }

    @Test
    void anOidOrPrivilegeNoLargeObjectHasIsRefused() {
        assertThatThrownBy(() -> new LargeObject(0, null, null, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LargeObject(LargeObject.MAX_OID + 1, null, null, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LargeObject.Grant("x", "SELECT; DROP TABLE t", false)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new LargeObject(LargeObject.MAX_OID, null, null, null).oid()).isEqualTo(4294967295L);
    }

    private static LargeObject object(long oid, String comment) {
        return new LargeObject(oid, "owner", comment, null);
    }
}
