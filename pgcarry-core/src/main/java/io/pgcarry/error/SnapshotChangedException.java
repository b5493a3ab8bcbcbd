package io.pgcarry.error;

import java.util.List;

/**
 * Tables were truncated or rewritten between the moment a snapshot was taken and the moment pgcarry locked them, so the
 * snapshot would read them as empty. Nothing has been read from them: the work can start again with a fresh snapshot.
 */
public class SnapshotChangedException extends DatabaseException {
    private final List<String> tables;

    public SnapshotChangedException(String message, List<String> tables) {
        super(message, null, null);
        this.tables = List.copyOf(tables);
    }

    /** The tables found changed, as displayed. */
    public List<String> tables() {
        return tables;
    }
}
