package io.pgcarry.schema;

/**
 * What running a statement can do to a live database.
 *
 * @param kind   the sort of hazard
 * @param detail what exactly, for example the number of rows that would make it fail
 */
public record Hazard(Kind kind, String detail) {
    public enum Kind {
        ACCESS_EXCLUSIVE_LOCK("ACCESS EXCLUSIVE lock", "blocks reads and writes of the table while it runs"),
        WRITE_LOCK("write lock", "blocks writes to the table while it runs"),
        TABLE_REWRITE("table rewrite", "rewrites the whole table"),
        FULL_SCAN("full scan", "reads the whole table"),
        DELETES_DATA("deletes data", "deletes data"),
        LOSES_DATA("loses data", "changes values to fit the new type"),
        MERGES_ROWS("merges rows", "copies the rows of a duplicate table into its canonical table"),
        MAY_FAIL("may fail on existing data", "may fail on existing data"),
        NOT_IN_TRANSACTION("outside a transaction", "cannot run inside a transaction block"),
        MANUAL("needs a person", "cannot be done safely in place: needs a decision");

        private final String label;
        private final String meaning;

        Kind(String label, String meaning) {
            this.label = label;
            this.meaning = meaning;
        }

        public String label() {
            return label;
        }

        public String meaning() {
            return meaning;
        }
    }

    public static Hazard of(Kind kind) {
        return new Hazard(kind, kind.meaning());
    }

    @Override
    public String toString() {
        return kind.label() + (detail == null || detail.equals(kind.meaning()) ? "" : " (" + detail + ")");
    }
}
