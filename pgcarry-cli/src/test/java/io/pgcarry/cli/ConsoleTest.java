package io.pgcarry.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ConsoleTest {
    /** A result whose JSON cannot be made: any attempt to build its tree fails. */
    record Unwritable(String name) {
        public String getBroken() {
            throw new IllegalStateException("serialized");
        }
    }

    private final StringWriter out = new StringWriter();
    private final GlobalOptions options = new GlobalOptions();
    private final Console console = new Console(new PrintWriter(out), new PrintWriter(new StringWriter()), options);

    @Test
    void withoutJsonTheResultIsNotSerialized() {
        int code = console.finish(new Unwritable("x"), "all done", ExitCodes.OK);
        assertThat(code).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).isEqualTo("all done" + System.lineSeparator());
    }

    @Test
    void withJsonTheResultIsSerializedLedByOk() {
        options.json = true;
        assertThat(console.finish(new Plain("x"), "all done", ExitCodes.PROBLEMS_FOUND)).isEqualTo(ExitCodes.PROBLEMS_FOUND);
        assertThat(out.toString()).startsWith("{").contains("\"ok\" : false", "\"name\" : \"x\"");
        assertThatThrownBy(() -> console.finish(new Unwritable("x"), "all done", ExitCodes.OK)).hasMessageContaining("serialized");
    }

    record Plain(String name) {
    }
}
