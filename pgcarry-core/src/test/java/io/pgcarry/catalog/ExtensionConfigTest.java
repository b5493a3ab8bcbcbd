package io.pgcarry.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgcarry.error.DatabaseException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExtensionConfigTest {
    private static final QualifiedName CFG = new QualifiedName("Geo Data", "spatial_ref_sys");

    @Test
    void aWhereClauseBecomesAParenthesisedCondition() {
        assertThat(ExtensionConfig.condition(CFG, "WHERE id >= 1000 OR id = 7")).isEqualTo("(id >= 1000 OR id = 7)");
        assertThat(ExtensionConfig.condition(CFG, "  where\n NOT (srid BETWEEN 2000 AND 2217)")).isEqualTo("(NOT (srid BETWEEN 2000 AND 2217))");
    }

    @Test
    void anEmptyFilterMeansEveryRow() {
        assertThat(ExtensionConfig.condition(CFG, "")).isNull();
        assertThat(Table.rowsSql(CFG, false, "")).isEqualTo("ONLY \"Geo Data\".\"spatial_ref_sys\"");
        assertThat(ExtensionConfig.deleteSql(CFG, "")).isEqualTo("DELETE FROM \"Geo Data\".\"spatial_ref_sys\"");
    }

    @Test
    void theUserRowsAreAFromItemNamedLikeTheTableThatKeepsTheRowIdentity() {
        assertThat(Table.rowsSql(CFG, false, "WHERE id >= 1000")).isEqualTo(
                "(SELECT *, tableoid, ctid FROM ONLY \"Geo Data\".\"spatial_ref_sys\" WHERE (id >= 1000)) AS \"spatial_ref_sys\"");
        assertThat(ExtensionConfig.deleteSql(CFG, "WHERE id >= 1000")).isEqualTo("DELETE FROM \"Geo Data\".\"spatial_ref_sys\" WHERE (id >= 1000)");
        Table table = new Table(CFG, false, "postgres", List.of(), List.of("id"), 0, 0, "WHERE id >= 1000");
        assertThat(table.extensionConfig()).isTrue();
        assertThat(table.rowsSql()).startsWith("(SELECT *");
    }

    @Test
    void anOrdinaryTableIsReadWhole() {
        Table table = new Table(CFG, false, "postgres", List.of(), List.of("id"), 0, 0);
        assertThat(table.extensionConfig()).isFalse();
        assertThat(table.rowsSql()).isEqualTo("ONLY \"Geo Data\".\"spatial_ref_sys\"");
    }

    @Test
    void aFilterThatIsNoWhereClauseIsRefusedNamingTheTable() {
        for (String filter : new String[] {"id >= 1000", "WHERE", "WHEREVER x", "ORDER BY id"}) {
            assertThatThrownBy(() -> ExtensionConfig.condition(CFG, filter)).as(filter).isInstanceOf(DatabaseException.class)
                    .hasMessageContaining("\"Geo Data\".spatial_ref_sys").hasMessageContaining("no WHERE clause");
        }
    }
}
