package io.pgcarry.arrival;

import io.pgcarry.schema.AttributeChange;
import io.pgcarry.schema.ObjectDifference;
import io.pgcarry.schema.SchemaDifferences;
import java.util.ArrayList;
import java.util.List;

/** The differences {@code diff} finds between two schema models, as the sentences of a schema check. */
public final class ModelDifferences {
    private ModelDifferences() {
    }

    /**
     * One sentence per object: {@code index public.m_v_idx is missing from the target}.
     *
     * @param expected what the first model is ({@code the source})
     */
    public static List<String> sentences(SchemaDifferences differences, String expected) {
        List<String> result = new ArrayList<>();
        for (ObjectDifference d : differences.differences()) {
            result.add(switch (d.change()) {
                case MISSING -> d.id() + " is missing from the target";
                case EXTRA -> d.id() + " is in the target but not in " + expected;
                case CHANGED -> d.id() + " differs from " + expected + ": " + String.join("; ",
                        d.changes().stream().map(ModelDifferences::change).toList());
            });
        }
        return result;
    }

    private static String change(AttributeChange c) {
        return c.attribute() + " " + shown(c.target()) + " (expected " + shown(c.source()) + ")";
    }

    private static String shown(String value) {
        return value == null ? "none" : value;
    }
}
