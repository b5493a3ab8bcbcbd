package io.pgcarry.schema;

import io.pgcarry.error.Setting;
import io.pgcarry.report.Counts;
import io.pgcarry.schema.Hazard.Kind;
import io.pgcarry.schema.PlanOptions.Drops;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Plans the drops of tables and columns TARGET has and SOURCE lacks, each guarded at run time ({@link GuardedDrop}).
 * What was found empty (or could not be measured) is dropped only if it is empty when the plan runs; what holds data
 * is dropped only with {@link Drops#DATA}, and only if its count and content hash are those measured now. A plain
 * allowance ({@link Drops#EMPTY}) leaves a drop of data commented out, naming the setting that would allow it.
 */
final class GuardedDrops {
    /** The measure of a table or column on TARGET at plan time: rows (or non-null values) and their content hash. */
    record Contents(long rows, String hash) {
    }

    private final StatementWriter writer;
    private final SchemaModel target;
    private final Drops drops;
    private final TargetProbe probe;

    GuardedDrops(StatementWriter writer, SchemaModel target, Drops drops, TargetProbe probe) {
        this.writer = writer;
        this.target = target;
        this.drops = drops;
        this.probe = probe;
    }

    /** The drop of a table or column, with its guard, as far as the plan's options allow it. */
    void drop(ObjectId id, List<Hazard> notes) {
        GuardedDrop drop = subject(id);
        OptionalLong found = id.kind() == ObjectKind.TABLE ? probe.rows(id) : probe.nonNulls(id);
        if (found.isEmpty() || found.getAsLong() == 0) {
            String measured = found.isEmpty() ? drop.unit() + "s not measured" : "0 " + drop.unit() + "s found at plan time";
            boolean allowed = drops != Drops.NONE;
            emit(id, allowed ? drop.statement(0, null) : Ddl.drop(id), hazards(new Hazard(Kind.DELETES_DATA, measured
                    + (allowed ? "; guard: dropped only if still empty when the plan runs" : "")), notes),
                    allowed ? null : "pass " + Setting.ALLOW_DROPS.mention() + " to drop it under a guard");
            return;
        }
        long rows = found.getAsLong();
        String counted = Counts.of(rows, drop.unit()) + " found at plan time";
        Optional<Contents> contents = drops == Drops.DATA ? measure(drop).filter(c -> c.rows() == rows) : Optional.empty();
        if (contents.isPresent()) {
            List<Hazard> hazards = hazards(dataHazard(counted, drop.unit(), contents.get()), notes);
            if (id.kind() == ObjectKind.COLUMN) {
                hazards.add(new Hazard(Kind.WRITE_LOCK, "while the guard hashes the values"));
            }
            emit(id, drop.statement(rows, contents.get().hash()), hazards, null);
        } else if (drops == Drops.DATA) {
            // rows written between the count and the hash, or a hash that cannot be computed: nothing to guard with
            emit(id, Ddl.drop(id), hazards(new Hazard(Kind.DELETES_DATA, counted + "; content not measured"), notes), "plan again to measure it");
        } else {
            emit(id, Ddl.drop(id), hazards(new Hazard(Kind.DELETES_DATA, counted), notes),
                    "it holds data: pass " + dataAllowance() + " to drop it under a guard");
        }
    }

    /** The drop of a duplicate merged away: always guarded by its count and hash; commented out with {@code refusal}. */
    void dropMerged(ObjectId table, Contents planned, List<Hazard> notes, String refusal) {
        String counted = Counts.of(planned.rows(), "row") + " found at plan time";
        Hazard deletes = refusal != null ? new Hazard(Kind.DELETES_DATA, counted)
                : planned.rows() == 0 ? new Hazard(Kind.DELETES_DATA, counted + "; guard: dropped only if still empty")
                : dataHazard(counted, "row", planned);
        String sql = refusal != null ? Ddl.drop(table)
                : GuardedDrop.table(table).statement(planned.rows(), planned.rows() == 0 ? null : planned.hash());
        emit(table, sql, hazards(deletes, notes), refusal);
    }

    /** The count and content hash of a table on TARGET now; empty when not measured. */
    Optional<Contents> measureTable(ObjectId table) {
        return measure(GuardedDrop.table(table));
    }

    /** {@code --allow-drops=data}, as the user sets it. */
    static String dataAllowance() {
        return Setting.ALLOW_DROPS.mention() + "=data";
    }

    private static Hazard dataHazard(String counted, String unit, Contents contents) {
        return new Hazard(Kind.DELETES_DATA, counted + "; guard: dropped only if still " + Counts.of(contents.rows(), unit)
                + " of content hash " + ContentHash.shortForm(contents.hash()) + "...");
    }

    private static List<Hazard> hazards(Hazard first, List<Hazard> more) {
        List<Hazard> all = new ArrayList<>(List.of(first));
        all.addAll(more);
        return all;
    }

    private Optional<Contents> measure(GuardedDrop drop) {
        return probe.firstRow(drop.measure()).map(row -> new Contents(Long.parseLong(row.get(0)), row.get(1)));
    }

    private GuardedDrop subject(ObjectId id) {
        return id.kind() == ObjectKind.TABLE ? GuardedDrop.table(id) : GuardedDrop.column(id, TableKeys.primaryKey(target, id.table()));
    }

    private void emit(ObjectId id, String sql, List<Hazard> hazards, String refusal) {
        if (refusal == null) {
            writer.emit(Step.DROP_OBJECTS, id, sql, hazards);
        } else {
            writer.emitCommented(Step.DROP_OBJECTS, id, sql + "  -- commented out: " + refusal, hazards);
        }
    }
}
