package io.pgcarry.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgcarry.error.Setting;
import io.pgcarry.catalog.QualifiedName;
import io.pgcarry.error.ConfigurationException;
import io.pgcarry.migrate.MigrationTool;
import io.pgcarry.migrate.tools.ToolSupports;
import java.util.List;
import org.junit.jupiter.api.Test;

class TableSelectionTest {
    private static QualifiedName t(String schema, String name) {
        return new QualifiedName(schema, name);
    }

    @Test
    void migrationHistoryTablesAreExcludedByDefault() {
        TableSelection all = TableSelection.all();
        assertThat(all.selects(t("public", "_prisma_migrations"), Mapping.EMPTY)).isFalse();
        assertThat(all.selects(t("public", "flyway_schema_history"), Mapping.EMPTY)).isFalse();
        assertThat(all.selects(t("drizzle", "__drizzle_migrations"), Mapping.EMPTY)).isFalse();
        assertThat(all.selects(t("public", "DATABASECHANGELOG"), Mapping.EMPTY)).as("patterns in lower case ignore case").isFalse();
        assertThat(all.selects(t("public", "Animal"), Mapping.EMPTY)).isTrue();
    }

    @Test
    void everyLedgerMigrateStatusReadsIsExcludedByDefaultAndCopiedByAClone() {
        List<QualifiedName> ledgers = ToolSupports.all().stream().flatMap(s -> s.ledgerTables().stream())
                .map(l -> t(l.schema() == null ? "public" : l.schema(), l.name())).toList();
        assertThat(ledgers).hasSizeGreaterThanOrEqualTo(MigrationTool.values().length);
        for (QualifiedName ledger : ledgers) {
            assertThat(TableSelection.all().isDefaultExcluded(ledger)).as(ledger.toString()).isTrue();
            assertThat(TableSelection.everything().isDefaultExcluded(ledger)).as(ledger.toString()).isFalse();
        }
        for (String beside : List.of("public.databasechangeloglock", "sqitch.events", "sqitch.tags", "sqitch.projects",
                "graphile_migrate.current", "public.ar_internal_metadata", "app.goose_db_version")) {
            assertThat(TableSelection.all().isDefaultExcluded(QualifiedName.parse(beside, "public"))).as(beside).isTrue();
        }
        assertThat(TableSelection.all().selects(t("sqitch_app", "changes"), Mapping.EMPTY)).isTrue();
        assertThat(TableSelection.all().selects(t("public", "migrations"), Mapping.EMPTY)).isTrue();
    }

    @Test
    void includeAndExcludePatternsMatchNameOrSchemaQualifiedName() {
        TableSelection selection = new TableSelection(List.of("public.*", "Party"), List.of("audit_*", "public.Tmp?"));
        assertThat(selection.selects(t("public", "Animal"), Mapping.EMPTY)).isTrue();
        assertThat(selection.selects(t("sales", "Party"), Mapping.EMPTY)).isTrue();
        assertThat(selection.selects(t("sales", "Order"), Mapping.EMPTY)).isFalse();
        assertThat(selection.selects(t("public", "audit_2024"), Mapping.EMPTY)).isFalse();
        assertThat(selection.selects(t("public", "Tmp1"), Mapping.EMPTY)).isFalse();
        assertThat(selection.selects(t("public", "tmp1"), Mapping.EMPTY)).as("mixed-case patterns are case-sensitive").isTrue();
    }

    @Test
    void patternsThatMatchNoTableAreRefusedNamingEach() {
        List<QualifiedName> tables = List.of(t("public", "Animal"), t("public", "we\"ird"));
        new TableSelection(List.of("Animal", "\"we\"\"ird\""), List.of()).requireEveryPatternMatches(tables, Mapping.EMPTY);
        assertThatThrownBy(() -> new TableSelection(List.of("Animal", "Anmial"), List.of("nope*"))
                .requireEveryPatternMatches(tables, MappingFile.parse("exclude: [Legacy]", "test")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(Setting.INCLUDE.mention() + " pattern 'Anmial' matches no table")
                .hasMessageContaining(Setting.EXCLUDE.mention() + " pattern 'nope*' matches no table")
                .hasMessageContaining("the mapping file's exclude: pattern 'Legacy' matches no table")
                .hasMessageNotContaining("'Animal'");
        assertThatThrownBy(() -> TableSelection.everythingBut(List.of("audit_*")).requireEveryPatternMatches(tables, Mapping.EMPTY))
                .hasMessageContaining(Setting.EXCLUDE_TABLE_DATA.mention() + " pattern 'audit_*' matches no table");
        TableSelection.all().requireEveryPatternMatches(List.of(), Mapping.EMPTY);
    }

    @Test
    void mappingExcludesCount() {
        Mapping mapping = MappingFile.parse("exclude: [LegacyNote]", "test");
        assertThat(TableSelection.all().selects(t("public", "LegacyNote"), mapping)).isFalse();
    }
}
