package io.pgcarry.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgcarry.schema.ObjectId;
import io.pgcarry.schema.ObjectKind;
import io.pgcarry.schema.ScriptStatement;
import io.pgcarry.schema.Section;
import org.junit.jupiter.api.Test;

class ForeignKeyAddTest {
    private static ScriptStatement add(String schema, String table, String name, String definition) {
        String sql = "ALTER TABLE \"" + schema + "\".\"" + table + "\" ADD CONSTRAINT \"" + name + "\" " + definition;
        return new ScriptStatement(sql, Section.POST_DATA, new ObjectId(ObjectKind.CONSTRAINT, schema, name, table));
    }

    @Test
    void readsBothTablesOfAForeignKey() {
        assertThat(ForeignKeyAdd.of(add("public", "pgbench_accounts", "fk", "FOREIGN KEY (bid) REFERENCES public.pgbench_branches(bid)")))
                .contains(new ForeignKeyAdd("\"public\".\"pgbench_accounts\"", "\"public\".\"pgbench_branches\""));
    }

    @Test
    void quotedNamesMayHoldParenthesesDotsAndQuotes() {
        ScriptStatement odd = add("bazaar-vid", "Animal", "Animal_ownerId_fkey",
                "FOREIGN KEY (\"owner(Id)\", x) REFERENCES \"my.schema\".\"Own\"\"er(\"(\"id)\", y) ON DELETE CASCADE DEFERRABLE");
        assertThat(ForeignKeyAdd.of(odd)).contains(new ForeignKeyAdd("\"bazaar-vid\".\"Animal\"", "\"my.schema\".\"Own\"\"er(\""));
    }

    @Test
    void otherStatementsAndUnqualifiedReferencesAreNotRecognised() {
        assertThat(ForeignKeyAdd.of(add("public", "t", "t_pkey", "PRIMARY KEY (id)"))).isEmpty();
        assertThat(ForeignKeyAdd.of(add("public", "t", "t_c", "CHECK ((id > 0))"))).isEmpty();
        assertThat(ForeignKeyAdd.of(add("public", "t", "fk", "FOREIGN KEY (a) REFERENCES other(a)"))).isEmpty();
        assertThat(ForeignKeyAdd.of(new ScriptStatement("CREATE INDEX i ON public.t (a)", Section.POST_DATA,
                new ObjectId(ObjectKind.INDEX, "public", "i", "t")))).isEmpty();
    }
}
