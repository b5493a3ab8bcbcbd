package io.pgcarry.schema;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProcedureArgumentsTest {
    @Test
    void everyArgumentWithoutAModeIsSaidIn() {
        assertThat(ProcedureArguments.withModes("p(OUT a integer, b integer, c numeric(10,2))"))
                .isEqualTo("p(OUT a integer, IN b integer, IN c numeric(10,2))");
        assertThat(ProcedureArguments.withModes("p(a integer, INOUT b text[], VARIADIC c integer[])"))
                .isEqualTo("p(IN a integer, INOUT b text[], VARIADIC c integer[])");
    }

    @Test
    void quotedNamesAndEmptyListsAreKept() {
        assertThat(ProcedureArguments.withModes("p()")).isEqualTo("p()");
        assertThat(ProcedureArguments.withModes("p(\"a, OUT b\" integer, \"IN\" text)")).isEqualTo("p(IN \"a, OUT b\" integer, IN \"IN\" text)");
    }

    @Test
    void aProcedureIsNamedWithModesAndAFunctionAsRead() {
        assertThat(Ddl.signature(new ObjectId(ObjectKind.PROCEDURE, "s", "p(a integer)", null))).isEqualTo("\"s\".\"p\"(IN a integer)");
        assertThat(Ddl.signature(new ObjectId(ObjectKind.FUNCTION, "s", "f(a integer)", null))).isEqualTo("\"s\".\"f\"(a integer)");
    }
}
