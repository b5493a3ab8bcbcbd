package io.pgcarry.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.pgcarry.catalog.Column;
import io.pgcarry.report.ProblemCode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns one record into the rows of its table and its child tables, with their keys: all of a record's rows or, when a
 * value does not fit, none (a {@link Rejected} names the value's path).
 */
final class RecordConverter {
    /** What a run does with keys: a dry run counts them, an apply draws them, a verify reads them from the id map. */
    enum Mode { DRY_RUN, APPLY, VERIFY }

    /**
     * One row ready for COPY; {@code path} is where its values sit in the record ({@code ""} or {@code /comments/2});
     * the source ids of the row and of its parent row let a verify find keys in the journal's id map.
     */
    record Row(Target target, String[] values, String path, String sourceId, String parentSourceId) {
    }

    /** One id-map entry of the record: its collection, source id, target key (null when none) and record hash. */
    record Id(String collection, String sourceId, String key, String sha256) {
    }

    /** A record converted: its rows and ids, or {@code skipped} when an earlier import holds it already. */
    record Converted(List<Row> rows, List<Id> ids, List<String> unknown, boolean skipped) {
    }

    private final Mode mode;
    private final IdMap ids;
    private final Keys keys;
    private final boolean strict;
    private final String now;
    private final Map<Integer, FieldTree> fields = new HashMap<>();

    RecordConverter(Mode mode, IdMap ids, Keys keys, boolean strict, String now) {
        this.mode = mode;
        this.ids = ids;
        this.keys = keys;
        this.strict = strict;
        this.now = now;
    }

    Converted convert(Target t, SourceRecord record) {
        String sourceId = sourceId(t, record.record(), record.file() + "#" + record.index(), "");
        if (mode != Mode.VERIFY && ids.contains(t.qualified(), sourceId)) {
            return new Converted(List.of(), List.of(), List.of(), true);
        }
        Converted out = new Converted(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), false);
        row(t, record.record(), sourceId, null, null, "", record.sha256(), out);
        if (strict && !out.unknown().isEmpty()) {
            throw new Rejected(ProblemCode.UNKNOWN_FIELD, out.unknown().get(0), "a field the mapping file neither reads nor ignores"
                    + " (strict: true); map it to a column, or list it under ignore");
        }
        if (mode != Mode.VERIFY) {
            // Only top-level ids are looked up (and skipped on a re-run); children's stay on disk, sparing memory.
            out.ids().stream().filter(id -> id.collection().indexOf('.') < 0).forEach(id -> ids.put(id.collection(), id.sourceId(), id.key()));
        }
        return out;
    }

    private void row(Target t, JsonNode node, String sourceId, String parentId, String parentKey, String base, String sha,
                     Converted out) {
        try {
            values(t, node, sourceId, parentId, parentKey, base, sha, out);
        } catch (Rejected r) {
            throw r.in(t.name().toString());
        }
    }

    private void values(Target t, JsonNode node, String sourceId, String parentId, String parentKey, String base, String sha,
                        Converted out) {
        String[] values = new String[t.columns().size()];
        String key = t.keyIndex() < 0 ? null : key(t, node, sourceId, base);
        if (t.keyIndex() >= 0) {
            values[t.keyIndex()] = key;
        }
        if (t.parentIndex() >= 0) {
            values[t.parentIndex()] = parentKey;
        }
        for (int i = 0; i < values.length; i++) {
            if (t.specs().get(i) != null && !(i == t.keyIndex() && key != null)) {
                values[i] = value(t, i, node, base);
            }
            Column column = t.columns().get(i);
            if (values[i] == null && column.notNull() && !(mode == Mode.VERIFY && (i == t.keyIndex() || i == t.parentIndex()))) {
                throw new Rejected(ProblemCode.NULL_INTO_NOT_NULL, base + t.pointerOf(i), "missing or null, but " + t.name() + "."
                        + column.name() + " is NOT NULL");
            }
        }
        fields.computeIfAbsent(t.number(), n -> fieldTree(t)).unknown(node, base, out.unknown());
        out.rows().add(new Row(t, values, base, sourceId, parentId));
        out.ids().add(new Id(t.qualified(), sourceId, key, sha));
        for (Target child : t.children()) {
            children(child, node, sourceId, key, base, out);
        }
    }

    private void children(Target child, JsonNode node, String parentId, String parentKey, String base, Converted out) {
        String path = child.collection().path();
        JsonNode array = Pointers.at(node, path);
        if (array.isMissingNode() || array.isNull()) {
            return;
        }
        if (!array.isArray()) {
            throw new Rejected(ProblemCode.VALUE_NOT_CONVERTED, base + path, "a " + ValueConverter.kind(array)
                    + " where child table " + child.name() + " needs a JSON array");
        }
        for (int i = 0; i < array.size(); i++) {
            String at = base + path + "/" + i;
            String id = sourceId(child, array.get(i), parentId + path + "/" + i, at);
            row(child, array.get(i), id, parentId, parentKey, at, null, out);
        }
    }

    private String key(Target t, JsonNode node, String sourceId, String base) {
        if (t.collection().id().generate() == ImportMapping.KeySource.SOURCE) {
            String pointer = t.collection().id().source();
            return ValueConverter.convert(Pointers.at(node, pointer), t.columns().get(t.keyIndex()), t.labels().get(t.keyIndex()),
                    ValueSpec.As.AUTO, base + pointer);
        }
        String known = ids.key(t.qualified(), sourceId);
        if (known != null || mode == Mode.VERIFY) {
            return known;
        }
        return keys.next(t);
    }

    /** The record's source id as text: the value at the id pointer, or its position when the mapping gives none. */
    private static String sourceId(Target t, JsonNode node, String position, String base) {
        String pointer = t.collection().id().source();
        if (pointer == null) {
            return position;
        }
        JsonNode id = Pointers.at(node, pointer);
        if (id.isMissingNode() || id.isNull() || id.isContainerNode()) {
            throw new Rejected(ProblemCode.NULL_INTO_NOT_NULL, base + pointer, "the record has no id here");
        }
        return id.isNumber() ? id.decimalValue().toPlainString() : id.asText();
    }

    private String value(Target t, int i, JsonNode node, String base) {
        Column column = t.columns().get(i);
        List<String> labels = t.labels().get(i);
        ValueSpec spec = t.specs().get(i);
        if (spec instanceof ValueSpec.Pointer p) {
            return ValueConverter.convert(Pointers.at(node, p.pointer()), column, labels, p.as(), base + p.pointer());
        }
        if (spec instanceof ValueSpec.Const c) {
            return ValueConverter.convert(c.value(), column, labels, ValueSpec.As.AUTO, base);
        }
        if (spec instanceof ValueSpec.Concat c) {
            return concat(c, node, column, labels, base);
        }
        if (spec instanceof ValueSpec.Lookup l) {
            return lookup(l, node, base);
        }
        return mode == Mode.VERIFY ? null : ValueConverter.convert(TextNode.valueOf(now), column, labels, ValueSpec.As.AUTO, base);
    }

    private static String concat(ValueSpec.Concat concat, JsonNode node, Column column, List<String> labels, String base) {
        StringBuilder sb = new StringBuilder();
        for (ValueSpec part : concat.parts()) {
            JsonNode value = part instanceof ValueSpec.Pointer p ? Pointers.at(node, p.pointer()) : ((ValueSpec.Const) part).value();
            if (value.isMissingNode() || value.isNull()) {
                return null;
            }
            sb.append(value.isNumber() ? value.decimalValue().toPlainString() : value.asText());
        }
        return ValueConverter.convert(TextNode.valueOf(sb.toString()), column, labels, ValueSpec.As.AUTO, base);
    }

    private String lookup(ValueSpec.Lookup lookup, JsonNode node, String base) {
        JsonNode id = Pointers.at(node, lookup.pointer());
        if (id.isMissingNode() || id.isNull()) {
            return null;
        }
        String text = id.isNumber() ? id.decimalValue().toPlainString() : id.asText();
        String key = ids.key(lookup.collection(), text);
        if (key == null) {
            throw new Rejected(ProblemCode.FK_ORPHAN, base + lookup.pointer(), "no record of collection " + lookup.collection()
                    + " has id '" + text + "'");
        }
        return key;
    }

    private static FieldTree fieldTree(Target t) {
        List<String> pointers = new ArrayList<>(t.collection().ignore());
        if (t.collection().id().source() != null) {
            pointers.add(t.collection().id().source());
        }
        for (ValueSpec spec : t.specs()) {
            if (spec instanceof ValueSpec.Pointer p) {
                pointers.add(p.pointer());
            } else if (spec instanceof ValueSpec.Lookup l) {
                pointers.add(l.pointer());
            } else if (spec instanceof ValueSpec.Concat c) {
                c.parts().stream().filter(ValueSpec.Pointer.class::isInstance).forEach(p -> pointers.add(((ValueSpec.Pointer) p).pointer()));
            }
        }
        t.children().forEach(c -> pointers.add(c.collection().path()));
        return FieldTree.of(pointers);
    }
}
