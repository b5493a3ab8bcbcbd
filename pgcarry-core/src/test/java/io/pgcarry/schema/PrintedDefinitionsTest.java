package io.pgcarry.schema;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrintedDefinitionsTest {
    @Test
    void viewsPrintedBy13And17CompareEqualAndARealChangeStillShows() {
        String by13 = " SELECT keeper.id,\n    keeper.\"Badge\"\n   FROM \"Zoo\".keeper\n  WHERE keeper.active AND keeper.pay > 1.5;";
        String by17 = " SELECT id,\n    \"Badge\"\n   FROM \"Zoo\".keeper\n  WHERE active AND pay > 1.5;";
        assertThat(PrintedDefinitions.comparable(ObjectKind.VIEW, "definition", by13))
                .isEqualTo(PrintedDefinitions.comparable(ObjectKind.VIEW, "definition", by17));
        assertThat(PrintedDefinitions.comparable(ObjectKind.VIEW, "definition", by13.replace("1.5", "2.5")))
                .isNotEqualTo(PrintedDefinitions.comparable(ObjectKind.VIEW, "definition", by17));
    }

    @Test
    void procedureArgumentModesAreIgnoredOnlyInTheHeader() {
        String by13 = "CREATE OR REPLACE PROCEDURE s.p(keep interval, OUT n integer)\n AS $$ SELECT 'IN x' $$";
        String by17 = "CREATE OR REPLACE PROCEDURE s.p(IN keep interval, OUT n integer)\n AS $$ SELECT 'IN x' $$";
        assertThat(PrintedDefinitions.comparable(ObjectKind.PROCEDURE, "definition", by17))
                .isEqualTo(PrintedDefinitions.comparable(ObjectKind.PROCEDURE, "definition", by13));
        assertThat(PrintedDefinitions.comparable(ObjectKind.FUNCTION, "definition", by17)).isEqualTo(by17);
    }

    @Test
    void onlyWideningLengthLimitsKeepTheStorage() {
        assertThat(BinaryCoercion.keepsStorage("character varying(40)", "character varying(255)")).isTrue();
        assertThat(BinaryCoercion.keepsStorage("character varying(255)", "text")).isTrue();
        assertThat(BinaryCoercion.keepsStorage("numeric(10,2)", "numeric(12,2)")).isTrue();
        assertThat(BinaryCoercion.keepsStorage("character varying(255)", "character varying(40)")).isFalse();
        assertThat(BinaryCoercion.keepsStorage("numeric(10,2)", "numeric(12,4)")).isFalse();
        assertThat(BinaryCoercion.keepsStorage("text", "uuid")).isFalse();
    }

    @Test
    void identifierListsSplitOnlyOutsideQuotes() {
        assertThat(ConstraintAdds.splitList("a, \"b, c\", \"D\"")).containsExactly("a", "\"b, c\"", "\"D\"");
    }
}
