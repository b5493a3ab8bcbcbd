package io.pgcarry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.TemporalAccessor;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a command's words go. Results go to stdout (as JSON with {@code --json}, the human text then moving
 * to stderr); progress and warnings go to stderr. Text is printed exactly as given: passwords never reach it,
 * since they are held as {@link io.pgcarry.connect.Secret}s and URLs are printed redacted where they are built.
 */
public final class Console {
    /**
     * The JSON writer, made on first use: building it (Jackson's classes, its modules found on the class path) is a
     * fifth of a second of every start, which a command printing text never needs.
     */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .findAndRegisterModules().registerModule(plainValues());
    }

    private final PrintWriter out;
    private final PrintWriter err;
    private final GlobalOptions options;

    Console(PrintWriter out, PrintWriter err, GlobalOptions options) {
        this.out = out;
        this.err = err;
        this.options = options;
    }

    /**
     * Prints a command's result and returns its exit code: with --json, {@code json} on stdout as one object whose
     * first field {@code "ok"} says whether the command succeeded (exit code 0); otherwise {@code human}.
     */
    public int finish(Object json, String human, int exitCode) {
        // The tree only with --json: it walks the whole result, an archive's manifest with every schema object for a
        // verify or restore (0.03 s of a cold JVM's CPU for the benchmark's five tables, more for larger schemas).
        result(options.json ? withOk(json, exitCode == ExitCodes.OK) : null, human);
        return exitCode;
    }

    /**
     * The result as one JSON object led by {@code "ok"}: an object's fields follow it; a list or a plain value
     * becomes its {@code "result"} field.
     */
    static ObjectNode withOk(Object value, boolean ok) {
        ObjectNode result = Json.MAPPER.createObjectNode().put("ok", ok);
        JsonNode tree = Json.MAPPER.valueToTree(value);
        if (tree instanceof ObjectNode fields) {
            fields.remove("ok");
            result.setAll(fields);
        } else {
            result.set("result", tree);
        }
        return result;
    }

    /** A report printed before the command fails: as text only, since with --json it goes into the error's object. */
    public void reportBeforeFailure(String human) {
        if (!options.json) {
            out.println(human);
            out.flush();
        }
    }

    private void result(Object json, String human) {
        if (options.json) {
            out.println(toJson(json));
            if (!options.quiet && human != null && !human.isEmpty()) {
                err.println(human);
            }
        } else if (human != null) {
            out.println(human);
        }
        out.flush();
        err.flush();
    }

    /** Raw output meant for a file (a SQL script, a JSON snapshot), on stdout whatever the output mode. */
    public void raw(String text) {
        out.print(text);
        out.flush();
    }

    /** Progress or information, on stderr; silent with --quiet. */
    public void info(String message) {
        if (!options.quiet) {
            err.println(message);
            err.flush();
        }
    }

    /** A warning, on stderr, even with --quiet. */
    public void warn(String message) {
        err.println(paint("warning: ", "33") + message);
        err.flush();
    }

    /** A one-line error, on stderr; with --json also as an object on stdout. */
    public void error(String message, int exitCode) {
        error(message, exitCode, List.of());
    }

    /** The error, then what other parallel workers failed on meanwhile ({@code alsoFailed}), one line each. */
    public void error(String message, int exitCode, List<String> alsoFailed) {
        error(message, exitCode, alsoFailed, null);
    }

    /**
     * The same; with --json, {@code report} (what the command found before it stopped, the check report of a move
     * refused by its checks, say) goes into the one JSON object beside the error.
     */
    public void error(String message, int exitCode, List<String> alsoFailed, Object report) {
        err.println(paint("error: ", "31") + message);
        alsoFailed.forEach(other -> err.println("  also failed meanwhile: " + other));
        err.flush();
        if (options.json) {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("message", message);
            error.put("exitCode", exitCode);
            if (!alsoFailed.isEmpty()) {
                error.put("alsoFailed", alsoFailed);
            }
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("ok", false);
            result.put("error", error);
            if (report != null) {
                result.put("report", report);
            }
            out.println(toJson(result));
            out.flush();
        }
    }

    public boolean json() {
        return options.json;
    }

    public boolean quiet() {
        return options.quiet;
    }

    public boolean verbose() {
        return options.verbose;
    }

    public PrintWriter err() {
        return err;
    }

    private String paint(String text, String ansi) {
        boolean color = !options.noColor && System.getenv("NO_COLOR") == null && System.console() != null;
        return color ? "\u001b[" + ansi + "m" + text + "\u001b[0m" : text;
    }

    /**
     * Paths as plain file names (Jackson writes {@code file:///...} URIs) and dates and times as ISO-8601 text
     * (without the java.time module Jackson refuses them), so every result can be written.
     */
    private static SimpleModule plainValues() {
        SimpleModule module = new SimpleModule("pgcarry-plain-values");
        module.addSerializer(Path.class, new ToStringSerializer(Path.class));
        module.addSerializer(TemporalAccessor.class, new ToStringSerializer(TemporalAccessor.class));
        module.addSerializer(Duration.class, new ToStringSerializer(Duration.class));
        return module;
    }

    /** JSON text pgcarry wrote itself (a schema snapshot) as a tree, to be a field of a result. */
    static JsonNode tree(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("pgcarry's own JSON cannot be read back: " + e.getMessage(), e);
        }
    }

    static String toJson(Object value) {
        try {
            return Json.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("result cannot be written as JSON: " + e.getMessage(), e);
        }
    }
}
