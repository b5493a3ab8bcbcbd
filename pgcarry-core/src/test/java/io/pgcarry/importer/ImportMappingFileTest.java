package io.pgcarry.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgcarry.error.ConfigurationException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Mapping files and CSV stores. */
class ImportMappingFileTest {
    private static final Path FILE = Path.of("maps", "import.yaml");

    @Test
    void readsCollectionsChildrenAndExpressions() {
        ImportMapping m = ImportMappingFile.parse("""
                strict: true
                collections:
                  posts:
                    input: posts.jsonl
                    table: app."Post"
                    id: {source: /id, key: id, generate: uuid}
                    columns:
                      title: /title
                      at: now()
                      label: {concat: [/a, "-", /b]}
                      author: {lookup: users, pointer: /by}
                      origin: {const: 7}
                    children:
                      tags: {path: /tags, table: Tag, parent: postId, columns: {tag: ""}}
                """, FILE);
        assertThat(m.strict()).isTrue();
        ImportMapping.Collection posts = m.collections().get(0);
        assertThat(posts.format()).isEqualTo(ImportMapping.Format.NDJSON);
        assertThat(posts.table().toString()).isEqualTo("app.\"Post\"");
        assertThat(posts.columns().get("at")).isInstanceOf(ValueSpec.Now.class);
        assertThat(posts.columns().get("author")).isEqualTo(new ValueSpec.Lookup("users", "/by"));
        assertThat(((ValueSpec.Concat) posts.columns().get("label")).parts()).hasSize(3);
        assertThat(posts.children().get(0).parentColumn()).isEqualTo("postId");
        assertThat(posts.children().get(0).columns().get("tag")).isEqualTo(new ValueSpec.Pointer("", ValueSpec.As.AUTO));
    }

    @Test
    void errorsNameTheFileAndTheKeyInOneLine() {
        assertError("collections:\n  u: {input: u.json, table: U, colums: {}}\n", "collection u has unknown key 'colums'");
        assertError("collections:\n  u: {input: u.json, table: U, columns: {a: title}}\n", "collection u columns a: 'title' is not a JSON pointer");
        assertError("collections:\n  u: {input: u.json, table: U, id: {key: id, generate: serial}, columns: {a: /a}}\n",
                "collection u id generate: 'serial' is none of source, sequence, uuid");
        assertError("collections:\n  u: {input: u.json, table: U, columns: {a: /a}}\n  u: {}\n", "duplicate key 'u'");
        assertError("collections:\n  u: {input: u.json, columns: {a: /a}}\n", "collection u needs table");
    }

    @Test
    void csvQuotesLineBreaksAndMissingValues() throws Exception {
        String csv = "id,name,note\r\n1,\"Smith, \"\"Jo\"\"\",\"two\nlines\"\n2,,\"\"\n";
        List<String> records = new ArrayList<>();
        CsvRecords.read(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), r -> records.add(r.toString()));
        assertThat(records).containsExactly("{\"id\":\"1\",\"name\":\"Smith, \\\"Jo\\\"\",\"note\":\"two\\nlines\"}",
                "{\"id\":\"2\",\"note\":\"\"}");
    }

    private static void assertError(String yaml, String expected) {
        assertThatThrownBy(() -> ImportMappingFile.parse(yaml, FILE)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("mapping file " + FILE).hasMessageContaining(expected)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
}
