package io.pgcarry.schema;

import io.pgcarry.catalog.SqlResource;
import java.util.List;

/**
 * Base types and shell types, read by {@code BaseTypes.sql}. A base type's input and output functions take or return
 * the type itself, and so does a range type's canonical function: such a type is first declared as a shell
 * ({@code CREATE TYPE name}), then its functions are created, then the type itself, as pg_dump does.
 */
final class BaseTypes {
    static final SqlResource SQL = SqlResource.of(BaseTypes.class);
    static final List<String> QUERIES = List.of("base_types", "shell_types");

    private BaseTypes() {
    }

    /** Whether the type is created after a shell of itself. */
    static boolean needsShell(SchemaObject o) {
        return o.kind() == ObjectKind.BASE_TYPE || o.kind() == ObjectKind.RANGE && o.attribute("canonical") != null;
    }

    /** The shell the type is first declared as: an id of its own, so its functions can be ordered after it. */
    static ObjectId shellOf(ObjectId type) {
        return new ObjectId(ObjectKind.SHELL_TYPE, type.schema(), type.name(), null);
    }

    static String createShell(ObjectId type) {
        return "CREATE TYPE " + type.sqlName();
    }

    /**
     * The functions that need only the shell: those the type itself depends on (its I/O, typmod, analyze or canonical
     * functions). Every other object that uses the type needs it defined.
     */
    static List<ObjectId> ownFunctions(SchemaObject type) {
        return type.dependsOn().stream().filter(d -> d.kind() == ObjectKind.FUNCTION).toList();
    }
}
