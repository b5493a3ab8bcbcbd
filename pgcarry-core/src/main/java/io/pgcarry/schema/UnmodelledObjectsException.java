package io.pgcarry.schema;

import io.pgcarry.error.ErrorCode;
import io.pgcarry.error.PgCarryException;
import io.pgcarry.error.Setting;
import java.util.List;

/** The source holds objects pgcarry cannot carry; nothing was written. */
public final class UnmodelledObjectsException extends PgCarryException {
    private final List<String> objects;

    public UnmodelledObjectsException(String what, List<String> objects) {
        super(ErrorCode.PROBLEMS_FOUND, "cannot " + what + " without loss: the source has " + objects.size()
                + " object" + (objects.size() == 1 ? "" : "s") + " pgcarry does not carry (" + String.join("; ", objects)
                + "); nothing was written. Drop or change them, or pass " + Setting.SKIP_UNMODELLED.mention() + " to leave them out knowingly");
        this.objects = List.copyOf(objects);
    }

    /** Each object left out, as "kind name". */
    public List<String> objects() {
        return objects;
    }
}
