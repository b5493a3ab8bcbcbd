package io.pgcarry.schema;

import io.pgcarry.catalog.Identifiers;
import io.pgcarry.catalog.QualifiedName;
import io.pgcarry.error.ConfigurationException;
import io.pgcarry.error.Setting;
import io.pgcarry.report.Counts;
import io.pgcarry.schema.GuardedDrops.Contents;
import io.pgcarry.schema.Hazard.Kind;
import io.pgcarry.schema.PlanOptions.Drops;
import io.pgcarry.schema.TableMerge.Preference;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Plans {@code --merge}: before a duplicate table is dropped, its rows go into the canonical table. The plan counts on
 * TARGET the rows to insert, the identical ones and the conflicts (same key, other values), and the merge statement
 * checks at run time that the duplicate's count and content hash and those three counts are still the same, or stops.
 * It runs before every other change of the plan (after only the drops of dependents), on the tables as they were
 * measured; the canonical table's changes then apply to the merged rows too. Foreign keys into the duplicate are moved
 * to the canonical table ({@link ForeignKeyMoves}), and the duplicate is dropped under a guard unless conflicts remain
 * that no preference settles, or it has columns the canonical table lacks.
 */
final class DuplicateMerges {
    /** What the plan found: rows to insert, identical rows, conflicting rows with up to ten of their keys. */
    record Found(long insert, long identical, LostValues conflicts) {
    }

    private final StatementWriter writer;
    private final SchemaModel source;
    private final SchemaModel target;
    private final TargetProbe probe;
    private final Drops drops;

    DuplicateMerges(StatementWriter writer, TargetProbe probe, Drops drops) {
        this.writer = writer;
        this.source = writer.source();
        this.target = writer.target();
        this.probe = probe;
        this.drops = drops;
    }

    /** Plans every merge; returns the duplicates, whose drops are planned here. */
    Set<ObjectId> plan(List<TableMerge> merges, SchemaDifferences differences) {
        if (!merges.isEmpty() && !probe.measures()) {
            throw new ConfigurationException(Setting.MERGE.mention() + " needs TARGET as a live database: the plan counts the rows it merges");
        }
        Set<ObjectId> duplicates = new HashSet<>();
        for (TableMerge merge : merges) {
            ObjectId duplicate = duplicate(merge);
            plan(merge, duplicate, canonical(merge), differences);
            duplicates.add(duplicate);
        }
        return duplicates;
    }

    private void plan(TableMerge merge, ObjectId duplicate, ObjectId canonical, SchemaDifferences differences) {
        MergeSql sql = MergeSql.of(target, duplicate, canonical, key(merge, duplicate, canonical));
        String what = "the merge of " + duplicate + " into " + Identifiers.display(canonical.schema()) + "." + Identifiers.display(canonical.name());
        Contents contents = writer.drops().measureTable(duplicate).orElseThrow(() -> new ConfigurationException(
                "cannot measure " + duplicate + " on TARGET for " + Setting.MERGE.mention()));
        Found found = measure(sql, what);
        List<Hazard> hazards = new ArrayList<>(List.of(new Hazard(Kind.MERGES_ROWS, "into " + name(canonical) + " by "
                + String.join(", ", sql.keyDisplay()) + ": " + Counts.of(found.insert(), "row") + " to insert, " + found.identical()
                + " identical, " + found.conflicts().rows() + " conflicting; guard: stops unless the duplicate still has "
                + Counts.of(contents.rows(), "row") + " of content hash " + ContentHash.shortForm(contents.hash()) + "... and these counts hold"),
                new Hazard(Kind.WRITE_LOCK, "on both tables while rows are compared and merged")));
        conflictHazard(merge, canonical, found).ifPresent(hazards::add);
        missingColumns(sql, canonical).ifPresent(hazards::add);
        writer.plan().addLast(Step.DROP_DEPENDENTS, new PlannedStatement(new MergeStatement(sql, what, contents, found,
                merge.prefer() == Preference.DUPLICATE, sequences(sql, canonical)).statement(), duplicate, hazards, false));
        new ForeignKeyMoves(writer, target, differences).move(duplicate, canonical);
        List<String> unplaced = unplacedColumns(sql, duplicate);
        String refusal = refusal(merge, found, unplaced, canonical);
        List<Hazard> notes = unplaced.isEmpty() ? List.of() : List.of(new Hazard(Kind.DELETES_DATA, "columns " + String.join(", ", unplaced)
                + " have no place in " + name(canonical) + ": their values go with the duplicate"));
        writer.drops().dropMerged(duplicate, contents, notes, refusal);
    }

    private Optional<Hazard> conflictHazard(TableMerge merge, ObjectId canonical, Found found) {
        LostValues conflicts = found.conflicts();
        if (conflicts.rows() == 0) {
            return Optional.empty();
        }
        String rows = Counts.of(conflicts.rows(), "conflicting row") + " (" + conflicts.samples() + ")";
        return Optional.of(switch (merge.prefer()) {
            case NONE -> new Hazard(Kind.MANUAL, rows + ": same key, other values; left as they are in " + name(canonical)
                    + ", and the duplicate is kept: resolve them or plan with " + Setting.MERGE_PREFER.mention() + " duplicate|canonical");
            case DUPLICATE -> new Hazard(Kind.LOSES_DATA, rows + ": the values of " + name(canonical) + " are replaced by the duplicate's ("
                    + Setting.MERGE_PREFER.mention() + " duplicate)");
            case CANONICAL -> new Hazard(Kind.LOSES_DATA, rows + ": the duplicate's values go with it (" + Setting.MERGE_PREFER.mention()
                    + " canonical)");
        });
    }

    /** Why the duplicate's drop is commented out, or null. */
    private String refusal(TableMerge merge, Found found, List<String> unplaced, ObjectId canonical) {
        if (found.conflicts().rows() > 0 && merge.prefer() == Preference.NONE) {
            return Counts.of(found.conflicts().rows(), "conflicting row") + " (" + found.conflicts().samples() + ") not merged: resolve them or plan with "
                    + Setting.MERGE_PREFER.mention() + " duplicate|canonical";
        }
        if (!unplaced.isEmpty() && drops != Drops.DATA) {
            return "columns " + String.join(", ", unplaced) + " have no place in " + name(canonical) + ": pass "
                    + GuardedDrops.dataAllowance() + " to drop their values";
        }
        return null;
    }

    private Found measure(MergeSql sql, String what) {
        List<String> counts = probe.rows(sql.counts(""), 1, what).get(0);
        long conflicting = Long.parseLong(counts.get(2));
        List<String> samples = new ArrayList<>();
        if (conflicting > 0) {
            for (List<String> key : probe.rows(sql.conflictKeys(), LostValues.SAMPLES, what)) {
                samples.add(key.size() == 1 ? key.get(0) : "(" + String.join(", ", key) + ")");
            }
        }
        return new Found(Long.parseLong(counts.get(0)), Long.parseLong(counts.get(1)), new LostValues(conflicting, sql.keyDisplay(), samples));
    }

    private ObjectId duplicate(TableMerge merge) {
        ObjectId id = table(merge.duplicate());
        if (target.find(id).isEmpty()) {
            throw new ConfigurationException(Setting.MERGE.mention() + ": TARGET has no table " + merge.duplicate());
        }
        if (source.find(id).isPresent()) {
            throw new ConfigurationException(Setting.MERGE.mention() + ": " + merge.duplicate()
                    + " is in SOURCE too; only a table TARGET has and SOURCE lacks is merged away");
        }
        return id;
    }

    private ObjectId canonical(TableMerge merge) {
        ObjectId id = table(merge.canonical());
        if (target.find(id).isEmpty()) {
            throw new ConfigurationException(Setting.MERGE.mention() + ": TARGET has no table " + merge.canonical() + " to merge " + merge.duplicate() + " into");
        }
        if (source.find(id).isEmpty()) {
            throw new ConfigurationException(Setting.MERGE.mention() + ": " + merge.canonical()
                    + " is not in SOURCE, so the plan drops it too: merge into a table both have");
        }
        return id;
    }

    /** The key rows are matched by: as given, or the canonical table's primary key; both tables must have it. */
    private List<String> key(TableMerge merge, ObjectId duplicate, ObjectId canonical) {
        List<String> key = merge.key().isEmpty() ? TableKeys.primaryKey(target, canonical) : merge.key();
        if (key.isEmpty()) {
            throw new ConfigurationException(merge.canonical() + " has no primary key: name the columns rows are matched by with "
                    + Setting.MERGE_KEY.mention());
        }
        List<String> merged = MergeSql.of(target, duplicate, canonical, List.of()).columns().stream().map(MergeSql.Column::name).toList();
        for (String column : key) {
            if (!merged.contains(column)) {
                throw new ConfigurationException(Setting.MERGE_KEY.mention() + ": column " + Identifiers.display(column) + " is not in both "
                        + merge.duplicate() + " and " + merge.canonical());
            }
        }
        if (!TableKeys.unique(target, canonical, key)) {
            throw new ConfigurationException(Setting.MERGE_KEY.mention() + " (" + String.join(", ", key.stream().map(Identifiers::display).toList())
                    + ") is no primary key or unique constraint of " + merge.canonical() + ": a row could match several");
        }
        return key;
    }

    /** NOT NULL columns of the canonical table without a default that the duplicate cannot fill. */
    private Optional<Hazard> missingColumns(MergeSql sql, ObjectId canonical) {
        List<String> merged = sql.columns().stream().map(MergeSql.Column::name).toList();
        List<String> unfilled = target.childrenOf(canonical, ObjectKind.COLUMN).stream()
                .filter(c -> c.flag("not_null") && c.attribute("default") == null && c.attribute("identity") == null && c.attribute("generated") == null)
                .map(c -> c.id().name()).filter(name -> !merged.contains(name)).map(Identifiers::display).toList();
        return unfilled.isEmpty() ? Optional.empty() : Optional.of(new Hazard(Kind.MAY_FAIL,
                "the duplicate has no " + String.join(", ", unfilled) + " for the rows it inserts, which " + name(canonical) + " requires"));
    }

    private List<String> unplacedColumns(MergeSql sql, ObjectId duplicate) {
        List<String> merged = sql.columns().stream().map(MergeSql.Column::name).toList();
        return TableKeys.columnNames(target, duplicate).stream().filter(n -> !merged.contains(n)).map(Identifiers::display).toList();
    }

    /** Merged columns of the canonical table that take their values from a sequence, which must not hand out merged values. */
    private List<String> sequences(MergeSql sql, ObjectId canonical) {
        List<String> merged = sql.columns().stream().map(MergeSql.Column::name).toList();
        return target.childrenOf(canonical, ObjectKind.COLUMN).stream()
                .filter(c -> c.attribute("identity") != null || (c.attribute("default") != null && c.attribute("default").startsWith("nextval(")))
                .map(c -> c.id().name()).filter(merged::contains).toList();
    }

    private static ObjectId table(QualifiedName name) {
        return new ObjectId(ObjectKind.TABLE, name.schema(), name.name(), null);
    }

    private static QualifiedName qualified(ObjectId table) {
        return new QualifiedName(table.schema(), table.name());
    }

    private static String name(ObjectId table) {
        return qualified(table).toString();
    }
}
