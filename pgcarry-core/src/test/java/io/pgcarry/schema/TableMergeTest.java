package io.pgcarry.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgcarry.catalog.QualifiedName;
import io.pgcarry.error.ConfigurationException;
import io.pgcarry.schema.TableMerge.Preference;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading {@code --merge} and {@code --merge-key}, and which names and types look like a duplicate's. */
class TableMergeTest {
    @Test
    void mergesAreReadWithHyphensQuotesAndSchemas() {
        TableMerge merge = TableMerge.parse("api_usage_metric=bazaar-vid_api_usage_metric", List.of(), Preference.NONE);
        assertThat(merge.duplicate()).isEqualTo(new QualifiedName("public", "api_usage_metric"));
        assertThat(merge.canonical()).isEqualTo(new QualifiedName("public", "bazaar-vid_api_usage_metric"));
        TableMerge quoted = TableMerge.parse("legacy.\"Old=Metric\" = \"bazaar-vid\".\"Metric\"", List.of("id"), Preference.DUPLICATE);
        assertThat(quoted.duplicate()).isEqualTo(new QualifiedName("legacy", "Old=Metric"));
        assertThat(quoted.canonical()).isEqualTo(new QualifiedName("bazaar-vid", "Metric"));
        assertThat(TableMerge.parseKey("tenant, \"Id\"")).containsExactly("tenant", "Id");
    }

    @Test
    void badMergesAreRefusedInOneLine() {
        for (String bad : List.of("api_usage_metric", "a=b=c", "=b", "a=")) {
            assertThatThrownBy(() -> TableMerge.parse(bad, List.of(), Preference.NONE)).isInstanceOf(ConfigurationException.class)
                    .hasMessage("merge '" + bad + "' is not DUPLICATE=CANONICAL (for example api_usage_metric=bazaar-vid_api_usage_metric)");
        }
        assertThatThrownBy(() -> TableMerge.parse("a.b.c=d", List.of(), Preference.NONE)).hasMessageContaining("is not a table name");
        assertThatThrownBy(() -> TableMerge.parse("metric=public.metric", List.of(), Preference.NONE)).hasMessageContaining("into itself");
        assertThatThrownBy(() -> TableMerge.parseKey("a,,b")).hasMessageContaining("is not a list of column names");
    }

    @Test
    void duplicatesDifferByCaseOrAPrefixAndHaveCompatibleTypes() {
        assertThat(DuplicateSuggestions.namesMatch("api_usage_metric", "bazaar-vid_api_usage_metric")).isTrue();
        assertThat(DuplicateSuggestions.namesMatch("WaitlistEntry", "waitlistentry")).isTrue();
        assertThat(DuplicateSuggestions.namesMatch("metric", "api_usage_metric")).isTrue();
        assertThat(DuplicateSuggestions.namesMatch("usage_metric", "usagemetric")).isFalse();
        assertThat(DuplicateSuggestions.namesMatch("metrics", "metric")).isFalse();
        assertThat(DuplicateSuggestions.compatible("bigint", "integer")).isTrue();
        assertThat(DuplicateSuggestions.compatible("text", "uuid")).isTrue();
        assertThat(DuplicateSuggestions.compatible("character varying(255)", "text")).isTrue();
        assertThat(DuplicateSuggestions.compatible("timestamp(3) without time zone", "timestamp with time zone")).isTrue();
        assertThat(DuplicateSuggestions.compatible("integer", "boolean")).isFalse();
        assertThat(DuplicateSuggestions.compatible("integer[]", "integer")).isFalse();
    }
}
