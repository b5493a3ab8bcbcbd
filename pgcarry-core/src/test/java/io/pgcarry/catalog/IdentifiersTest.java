package io.pgcarry.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IdentifiersTest {
    @Test
    void quotingDoublesInnerQuotesAndSplittingReadsThemBack() {
        String name = "bazaar-vid_\"exports\".2024";
        String qualified = Identifiers.quote("Animal") + "." + Identifiers.quote(name);
        assertThat(qualified).isEqualTo("\"Animal\".\"bazaar-vid_\"\"exports\"\".2024\"");
        assertThat(Identifiers.splitQualified(qualified)).containsExactly("Animal", name);
        assertThat(Identifiers.splitQualified("public.orders")).containsExactly("public", "orders");
    }

    @Test
    void separatorsInsideQuotesDoNotSplitAndPartsKeepTheirQuotes() {
        assertThat(Identifiers.splitOutsideQuotes("\"a,b\",c", ',')).containsExactly("\"a,b\"", "c");
        assertThat(Identifiers.splitOutsideQuotes("dup=\"canon=1\"", '=')).containsExactly("dup", "\"canon=1\"");
        assertThat(Identifiers.splitOutsideQuotes("id", ',')).containsExactly("id");
        assertThat(Identifiers.splitOutsideQuotes("", ',')).containsExactly("");
    }

    @Test
    void displayQuotesOnlyWhatNeedsIt() {
        assertThat(Identifiers.display("orders")).isEqualTo("orders");
        assertThat(Identifiers.display("Orders")).isEqualTo("\"Orders\"");
        assertThat(Identifiers.display("bazaar-vid_exports")).isEqualTo("\"bazaar-vid_exports\"");
    }
}
