package io.pgcarry.move;

/** What a move sets aside, as the journal records it ({@link #code()} is the journal's text for it). */
public enum SetAsideKind {
    FOREIGN_KEY("fk", "foreign key"),
    KEY("key", "key"),
    INDEX("index", "index"),
    TRIGGER("trigger", "trigger"),
    /** A NOT VALID check constraint, dropped for the load and added back NOT VALID after it. */
    CHECK("check", "check");

    private final String code;
    private final String label;

    SetAsideKind(String code, String label) {
        this.code = code;
        this.label = label;
    }

    /** The journal's text for the kind. */
    public String code() {
        return code;
    }

    /** The kind in a message. */
    public String label() {
        return label;
    }

    /** The kind the journal's text names; refuses text pgcarry does not write. */
    public static SetAsideKind of(String code) {
        for (SetAsideKind kind : values()) {
            if (kind.code.equals(code)) {
                return kind;
            }
        }
        throw new UnsafeJournalException("pgcarry's journal holds a set-aside object of an unknown kind (" + code
                + "): someone changed pgcarry.move_object; delete that row and re-create the object by hand");
    }
}
