package io.pgcarry.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgcarry.schema.ObjectId;
import io.pgcarry.schema.ObjectKind;
import io.pgcarry.schema.ScriptStatement;
import io.pgcarry.schema.Section;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyInTwoStepsTest {
    private static final ObjectId KEY = new ObjectId(ObjectKind.CONSTRAINT, "bazaar-vid", "Animal_pkey", "Animal");

    private static List<String> split(String definition) {
        ScriptStatement add = new ScriptStatement("ALTER TABLE \"bazaar-vid\".\"Animal\" ADD CONSTRAINT \"Animal_pkey\" " + definition,
                Section.POST_DATA, KEY);
        return KeyInTwoSteps.of(add).stream().map(ScriptStatement::sql).toList();
    }

    @Test
    void aPrimaryKeyBecomesAUniqueIndexThenTheKeyUsingIt() {
        assertThat(split("PRIMARY KEY (\"Id\", \"order\")")).containsExactly(
                "CREATE UNIQUE INDEX \"Animal_pkey\" ON \"bazaar-vid\".\"Animal\" (\"Id\", \"order\")",
                "ALTER TABLE \"bazaar-vid\".\"Animal\" ADD CONSTRAINT \"Animal_pkey\" PRIMARY KEY USING INDEX \"Animal_pkey\"");
    }

    @Test
    void aDeferrableUniqueKeyKeepsItsDeferrability() {
        assertThat(split("UNIQUE (code) DEFERRABLE INITIALLY DEFERRED")).containsExactly(
                "CREATE UNIQUE INDEX \"Animal_pkey\" ON \"bazaar-vid\".\"Animal\" (code)",
                "ALTER TABLE \"bazaar-vid\".\"Animal\" ADD CONSTRAINT \"Animal_pkey\" UNIQUE USING INDEX \"Animal_pkey\" DEFERRABLE INITIALLY DEFERRED");
    }

    @Test
    void keysAnIndexCannotStandForStayOneStatement() {
        for (String definition : List.of("PRIMARY KEY (id) INCLUDE (name)", "UNIQUE (id) WITH (fillfactor='70')",
                "PRIMARY KEY (id) USING INDEX TABLESPACE fast", "UNIQUE NULLS NOT DISTINCT (code)",
                "EXCLUDE USING gist (during WITH &&)", "CHECK ((id > 0))")) {
            assertThat(split(definition)).as(definition).hasSize(1).first().asString().endsWith(definition);
        }
    }
}
