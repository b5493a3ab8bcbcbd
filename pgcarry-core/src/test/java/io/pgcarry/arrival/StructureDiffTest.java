package io.pgcarry.arrival;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgcarry.arrival.StructureObject.Kind;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StructureDiffTest {
    private static StructureObject index(String name, boolean valid) {
        return new StructureObject(Kind.INDEX, "public", "m", name, Map.of("definition", "CREATE INDEX " + name + " ON public.m (v)",
                "valid", String.valueOf(valid), "ready", "true"));
    }

    @Test
    void namesEachMissingExtraAndChangedObject() {
        Structure before = new Structure(List.of(index("m_v_idx", true), index("m_eu_v_idx", true),
                new StructureObject(Kind.CONSTRAINT, "public", "m", "m_fk", Map.of("definition", "FOREIGN KEY (v) REFERENCES r(id)", "validated", "true")),
                new StructureObject(Kind.TRIGGER, "public", "m", "audit", Map.of("enabled", "O"))));
        Structure after = new Structure(List.of(index("m_v_idx", false), index("m_new", true),
                new StructureObject(Kind.CONSTRAINT, "public", "m", "m_fk", Map.of("definition", "FOREIGN KEY (v) REFERENCES r(id)", "validated", "false")),
                new StructureObject(Kind.TRIGGER, "public", "m", "audit", Map.of("enabled", "D"))));

        assertThat(StructureDiff.compare(before, after, "the move")).containsExactlyInAnyOrder(
                "index public.m_v_idx is INVALID after the move (it was valid)",
                "index public.m_eu_v_idx is missing after the move",
                "index public.m_new is there after the move but was not before",
                "constraint m_fk on public.m is NOT VALID after the move (it was validated)",
                "trigger audit on public.m is disabled after the move (it was enabled)");
    }

    @Test
    void equalStructuresPassAndWithoutARecordOnlyInvalidIndexesCount() {
        Structure same = new Structure(List.of(index("m_v_idx", true)));
        assertThat(StructureDiff.check(Optional.of(same), same, "the move").passed()).isTrue();
        SchemaCheck unrecorded = StructureDiff.check(Optional.empty(), new Structure(List.of(index("m_v_idx", false))), "the move");
        assertThat(unrecorded.verdict()).isEqualTo(SchemaCheck.Verdict.FAIL);
        assertThat(unrecorded.differences()).containsExactly("index public.m_v_idx is INVALID");
    }
}
