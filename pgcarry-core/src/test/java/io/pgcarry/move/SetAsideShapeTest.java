package io.pgcarry.move;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgcarry.catalog.QualifiedName;
import org.junit.jupiter.api.Test;

class SetAsideShapeTest {
    private static final QualifiedName TABLE = new QualifiedName("public", "Animal");

    private static JournalObject of(SetAsideKind kind, String name, String definition, String indexDefinition) {
        return new JournalObject(kind, TABLE, name, definition, true, SetAsideState.DROPPED, null, indexDefinition, null, null, null);
    }

    @Test
    void acceptsWhatTheServerPrints() {
        assertThatCode(() -> {
            SetAsideShape.check(of(SetAsideKind.INDEX, "Animal_name_idx",
                    "CREATE INDEX \"Animal_name_idx\" ON public.\"Animal\" USING btree (lower(name), ((id + 1))) INCLUDE (kind) "
                            + "WITH (fillfactor='70') WHERE (name <> E'a\\\\'';b'::text)", null));
            SetAsideShape.check(of(SetAsideKind.KEY, "Animal_pkey", "PRIMARY KEY (id, kind) DEFERRABLE",
                    "CREATE UNIQUE INDEX \"Animal_pkey\" ON ONLY public.\"Animal\" USING btree (id, kind)"));
            SetAsideShape.check(of(SetAsideKind.KEY, "u", "UNIQUE NULLS NOT DISTINCT (a)", null));
            SetAsideShape.check(of(SetAsideKind.FOREIGN_KEY, "fk", "FOREIGN KEY (a, b) REFERENCES \"x;y\".\"T\"(a, b) "
                    + "ON DELETE SET NULL (a) DEFERRABLE INITIALLY DEFERRED", null));
            SetAsideShape.check(of(SetAsideKind.TRIGGER, "t", "R", null));
        }).doesNotThrowAnyException();
    }

    @Test
    void refusesChainedStatementsAndActions() {
        refused(of(SetAsideKind.FOREIGN_KEY, "fk", "FOREIGN KEY (a) REFERENCES public.p(id); ALTER ROLE mallory SUPERUSER", null),
                "a second statement");
        refused(of(SetAsideKind.FOREIGN_KEY, "fk", "FOREIGN KEY (a) REFERENCES public.p(id), OWNER TO mallory", null), "a second clause");
        refused(of(SetAsideKind.KEY, "k", "CHECK (public.evil())", null), "does not start with PRIMARY KEY (");
        refused(of(SetAsideKind.KEY, "k", "PRIMARY KEY (id) -- ", null), "a comment");
        refused(of(SetAsideKind.FOREIGN_KEY, "fk", "FOREIGN KEY (a) REFERENCES public.p(id) $$", null), "a dollar quote");
        refused(of(SetAsideKind.FOREIGN_KEY, "fk", "FOREIGN KEY (a) REFERENCES public.p(id) '", null), "an unclosed quoted string");
        refused(of(SetAsideKind.FOREIGN_KEY, "fk", "FOREIGN KEY (a)) REFERENCES public.p(id)", null), "an unbalanced parenthesis");
        refused(of(SetAsideKind.TRIGGER, "t", "O; DROP TABLE x", null), "is not a trigger state");
    }

    @Test
    void refusesIndexesOfAnotherNameTableOrKind() {
        refused(of(SetAsideKind.INDEX, "i", "CREATE INDEX j ON public.\"Animal\" USING btree (a)", null), "another name");
        refused(of(SetAsideKind.INDEX, "i", "CREATE INDEX i ON public.animal USING btree (a)", null), "is not on table");
        refused(of(SetAsideKind.INDEX, "i", "ALTER ROLE mallory SUPERUSER", null), "is not a CREATE INDEX");
        refused(of(SetAsideKind.KEY, "k", "PRIMARY KEY (id)", "CREATE INDEX k ON public.\"Animal\" USING btree (id)"),
                "is not a CREATE UNIQUE INDEX");
        refused(of(SetAsideKind.INDEX, "i", "CREATE INDEX i ON public.\"Animal\" USING btree (a); SELECT 1", null), "a second statement");
    }

    @Test
    void refusesKindsAndStatesPgcarryDoesNotWrite() {
        assertThatThrownBy(() -> SetAsideKind.of("fk; DROP TABLE x")).isInstanceOf(UnsafeJournalException.class).hasMessageContaining("unknown kind");
        assertThatThrownBy(() -> SetAsideState.of("gone")).isInstanceOf(UnsafeJournalException.class).hasMessageContaining("unknown state");
        assertThatCode(() -> SetAsideKind.of(SetAsideKind.CHECK.code())).doesNotThrowAnyException();
    }

    private static void refused(JournalObject o, String problem) {
        assertThatThrownBy(() -> SetAsideShape.check(o)).isInstanceOf(UnsafeJournalException.class)
                .hasMessageContaining(problem).hasMessageContaining(o.name());
    }
}
