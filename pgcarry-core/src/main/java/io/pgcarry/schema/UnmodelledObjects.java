package io.pgcarry.schema;

import java.util.List;

/**
 * The guard that keeps anything from being lost silently: a command that writes a schema (backup, clone, schema
 * dump) refuses a source holding objects or attributes the model cannot carry, unless the user chose to leave
 * them out.
 */
public final class UnmodelledObjects {
    private UnmodelledObjects() {
    }

    /**
     * Refuses {@code model} when it holds anything not modelled and {@code skip} is false; otherwise returns what is
     * left out (empty when nothing is), for the caller to say and record.
     *
     * @param what the command, as the message names it ("back up", "clone", "dump")
     */
    public static List<String> require(SchemaModel model, boolean skip, String what) {
        if (!model.warnings().isEmpty() && !skip) {
            throw new UnmodelledObjectsException(what, model.warnings());
        }
        return model.warnings();
    }
}
