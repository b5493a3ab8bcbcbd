package io.pgcarry.move;

/** How far a set-aside object has come back ({@link #code()} is the journal's text for it). */
public enum SetAsideState {
    /** Dropped (or disabled) for the load. */
    DROPPED("dropped"),
    /** A foreign key added back NOT VALID, to be validated. */
    RESTORED("restored"),
    /** Back as it was. */
    DONE("done");

    private final String code;

    SetAsideState(String code) {
        this.code = code;
    }

    /** The journal's text for the state. */
    public String code() {
        return code;
    }

    /** The state the journal's text names; refuses text pgcarry does not write. */
    public static SetAsideState of(String code) {
        for (SetAsideState state : values()) {
            if (state.code.equals(code)) {
                return state;
            }
        }
        throw new UnsafeJournalException("pgcarry's journal holds a set-aside object in an unknown state (" + code
                + "): someone changed pgcarry.move_object; delete that row and re-create the object by hand");
    }
}
