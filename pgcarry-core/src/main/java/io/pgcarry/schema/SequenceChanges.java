package io.pgcarry.schema;

import java.util.List;

/** ALTER SEQUENCE for the options that differ. */
final class SequenceChanges {
    private SequenceChanges() {
    }

    static String alter(SchemaObject wanted, List<AttributeChange> changes) {
        StringBuilder sql = new StringBuilder("ALTER SEQUENCE ").append(wanted.id().sqlName());
        for (AttributeChange change : changes) {
            switch (change.attribute()) {
                case "type" -> sql.append(" AS ").append(change.source());
                case "start" -> sql.append(" START WITH ").append(change.source());
                case "increment" -> sql.append(" INCREMENT BY ").append(change.source());
                case "min" -> sql.append(" MINVALUE ").append(change.source());
                case "max" -> sql.append(" MAXVALUE ").append(change.source());
                case "cache" -> sql.append(" CACHE ").append(change.source());
                case "cycle" -> sql.append(change.source() == null ? " NO CYCLE" : " CYCLE");
                case "owned_by" -> sql.append(" OWNED BY ").append(change.source() == null ? "NONE" : change.source());
                default -> { }
            }
        }
        return sql.toString();
    }
}
