package io.pgcarry.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgcarry.error.Setting;
import io.pgcarry.catalog.QualifiedName;
import io.pgcarry.error.ConfigurationException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MappingFileTest {
    @TempDir
    Path dir;

    @Test
    void readsEveryPartOfTheFormat() {
        Mapping mapping = MappingFile.parse("""
                exclude: [LegacyNote, "audit_*"]
                tables:
                  Animal:
                    to: Pet
                    columns: {nickname: callName}
                    exclude_columns: [legacyCode]
                    values: {origin: "'v1'"}
                  "sales.Order Items":
                    columns: {qty: quantity}
                references:
                  - {from: WaitlistEntry.clientPartyId, to: Party.id}
                """, "test");
        assertThat(mapping.excludes()).containsExactly("LegacyNote", "audit_*");
        TableMapping animal = mapping.forSource(new QualifiedName("public", "Animal"));
        assertThat(animal.target()).isEqualTo(new QualifiedName("public", "Pet"));
        assertThat(animal.columnRenames()).isEqualTo(Map.of("nickname", "callName"));
        assertThat(animal.excludedColumns()).isEqualTo(Set.of("legacyCode"));
        assertThat(animal.values()).isEqualTo(Map.of("origin", "'v1'"));
        assertThat(mapping.forSource(new QualifiedName("sales", "Order Items")).columnRenames()).containsEntry("qty", "quantity");
        assertThat(mapping.forSource(new QualifiedName("public", "Other")).target()).isEqualTo(new QualifiedName("public", "Other"));
        assertThat(mapping.references()).singleElement().satisfies(r -> {
            assertThat(r.fromTable()).isEqualTo(new QualifiedName("public", "WaitlistEntry"));
            assertThat(r.fromColumn()).isEqualTo("clientPartyId");
            assertThat(r.toTable()).isEqualTo(new QualifiedName("public", "Party"));
            assertThat(r.toColumn()).isEqualTo("id");
        });
    }

    @Test
    void emptyOrAbsentFileIsTheEmptyMapping() {
        assertThat(MappingFile.parse("", "test")).isEqualTo(Mapping.EMPTY);
        assertThat(MappingFile.load(null)).isEqualTo(Mapping.EMPTY);
    }

    @Test
    void mistakesAreNamed() {
        assertThatThrownBy(() -> MappingFile.parse("tabels: {}", "map.yaml"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("map.yaml has unknown key 'tabels'; allowed: exclude, references, tables");
        assertThatThrownBy(() -> MappingFile.parse("tables: {Animal: {colums: {a: b}}}", "map.yaml"))
                .hasMessage("map.yaml table Animal has unknown key 'colums'; allowed: columns, exclude_columns, to, values");
        assertThatThrownBy(() -> MappingFile.parse("references: [{from: Animal, to: Party.id}]", "map.yaml"))
                .hasMessage("map.yaml: 'Animal' is not Table.column");
        assertThatThrownBy(() -> MappingFile.parse("exclude: LegacyNote", "map.yaml"))
                .hasMessage("map.yaml exclude must be a list");
        assertThatThrownBy(() -> MappingFile.parse("tables: [unclosed", "map.yaml"))
                .hasMessageStartingWith("map.yaml is not valid YAML at line");
        Path missing = dir.resolve("nope.yaml");
        assertThatThrownBy(() -> MappingFile.load(missing))
                .hasMessage("mapping file " + missing + " not found; check the path given with " + Setting.MAP.mention());
    }
}
