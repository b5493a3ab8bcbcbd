package io.pgcarry.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class QualifiedNameTest {
    @Test
    void quotesEveryIdentifierForSqlAndOnlyWhenNeededForPeople() {
        QualifiedName name = new QualifiedName("public", "bazaar-vid_exports");
        assertThat(name.sql()).isEqualTo("\"public\".\"bazaar-vid_exports\"");
        assertThat(name.toString()).isEqualTo("public.\"bazaar-vid_exports\"");
        assertThat(new QualifiedName("My\"Schema", "order").sql()).isEqualTo("\"My\"\"Schema\".\"order\"");
        assertThat(Identifiers.display("Animal")).isEqualTo("\"Animal\"");
        assertThat(Identifiers.display("animal_id")).isEqualTo("animal_id");
        assertThat(Identifiers.literal("it's")).isEqualTo("'it''s'");
    }

    @Test
    void parsesPlainQualifiedAndQuotedNames() {
        assertThat(QualifiedName.parse("Animal", "public")).isEqualTo(new QualifiedName("public", "Animal"));
        assertThat(QualifiedName.parse("sales.Order", "public")).isEqualTo(new QualifiedName("sales", "Order"));
        assertThat(QualifiedName.parse("\"my.schema\".\"Odd \"\"Name\"\"\"", "public"))
                .isEqualTo(new QualifiedName("my.schema", "Odd \"Name\""));
        assertThatThrownBy(() -> QualifiedName.parse("a.b.c", "public")).hasMessageContaining("write table or schema.table");
    }
}
