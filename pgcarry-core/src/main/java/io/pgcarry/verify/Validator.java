package io.pgcarry.verify;

import io.pgcarry.catalog.Catalog;
import io.pgcarry.catalog.Constraint;
import io.pgcarry.catalog.QualifiedName;
import io.pgcarry.catalog.Sequence;
import io.pgcarry.catalog.Table;
import io.pgcarry.connect.Sessions;
import io.pgcarry.error.SqlErrors;
import io.pgcarry.hash.ContentTotals;
import io.pgcarry.parallel.TaskGraph;
import io.pgcarry.plan.LogicalReference;
import io.pgcarry.plan.MovePlan;
import io.pgcarry.plan.TableMove;
import io.pgcarry.report.Severity;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Compares the tables of a plan on both sides, table by table in parallel, then checks the target's
 * references and sequences.
 */
public final class Validator {
    private final int jobs;
    private final int maxDiffs;
    private final boolean showValues;

    public Validator(int jobs) {
        this(jobs, 10, false);
    }

    /**
     * @param maxDiffs    at full level, how many differing rows to list per table
     * @param showValues  whether to show the differing values (data can be sensitive)
     */
    public Validator(int jobs, int maxDiffs, boolean showValues) {
        this.jobs = Math.max(1, jobs);
        this.maxDiffs = Math.max(1, maxDiffs);
        this.showValues = showValues;
    }

    /**
     * @param sources  opens source connections that all see the same snapshot
     * @param targets  opens target connections
     */
    public ValidationReport validate(Supplier<Connection> sources, Supplier<Connection> targets, MovePlan plan,
                                     List<LogicalReference> logical, ValidationLevel level) {
        return validate(sources, targets, plan, logical, level, Map.of(), Map.of(), Set.of());
    }

    /**
     * @param copiedSources  per target table, the source totals a move summed from the rows it copied in the same
     *                       snapshot: a table whose target matches them is not read again on the source
     * @param hashedTargets  per target table, its totals already computed on the target since its rows were loaded
     *                       (none changed since): used in place of reading the target again, when they match
     * @param validatedMeanwhile  labels ({@link Constraint#label()}) of the target's foreign keys that a move checked
     *                       with VALIDATE CONSTRAINT after loading both of their tables: PostgreSQL has just counted
     *                       their orphans (none), so they are not counted again while the target still says valid
     */
    public ValidationReport validate(Supplier<Connection> sources, Supplier<Connection> targets, MovePlan plan,
                                     List<LogicalReference> logical, ValidationLevel level, Map<QualifiedName, ContentTotals> copiedSources,
                                     Map<QualifiedName, ContentTotals> hashedTargets, Set<String> validatedMeanwhile) {
        long started = System.nanoTime();
        List<TableValidation> tables = compareTables(sources, targets, plan.tables(), level, copiedSources, hashedTargets);
        List<ReferenceValidation> references;
        List<SequenceValidation> sequences;
        try (Connection target = targets.get()) {
            references = references(target, plan, logical, validatedMeanwhile);
            sequences = SequenceChecks.run(target, sources, plan);
        } catch (SQLException e) {
            throw SqlErrors.translate("validating the target", e);
        }
        return new ValidationReport(level.name().toLowerCase(Locale.ROOT), plan.problems().stream()
                .filter(p -> p.severity() != Severity.NOTE).toList(), tables, references, sequences,
                (System.nanoTime() - started) / 1e9);
    }

    private List<TableValidation> compareTables(Supplier<Connection> sources, Supplier<Connection> targets, List<TableMove> moves,
                                                ValidationLevel level, Map<QualifiedName, ContentTotals> copiedSources,
                                                Map<QualifiedName, ContentTotals> hashedTargets) {
        TableDiffer.Encodings encodings;
        try (Connection source = sources.get(); Connection target = targets.get()) {
            encodings = new TableDiffer.Encodings(Sessions.serverEncoding(source), Sessions.serverEncoding(target));
        } catch (SQLException e) {
            throw SqlErrors.translate("reading the server encodings", e);
        }
        List<TableValidation> results = Collections.synchronizedList(new ArrayList<>());
        // Each worker holds a target connection; its source connection is opened beside it, per table.
        TaskGraph.forEach("validate", jobs, moves, targets, (target, move) -> {
            try (Connection source = sources.get()) {
                results.add(new TableDiffer(source, target, move, encodings, level, maxDiffs, showValues,
                        copiedSources.get(move.target().name()), hashedTargets.get(move.target().name())).run());
            }
        });
        return results.stream().sorted(Comparator.comparing(TableValidation::table)).toList();
    }


    private static List<ReferenceValidation> references(Connection target, MovePlan plan, List<LogicalReference> logical,
                                                        Set<String> validatedMeanwhile) throws SQLException {
        Set<QualifiedName> loaded = plan.targetTables();
        Catalog catalog = plan.target();
        List<ReferenceValidation> results = new ArrayList<>();
        for (Constraint fk : catalog.foreignKeys()) {
            if (!loaded.contains(fk.table()) && !loaded.contains(fk.references())) {
                continue;
            }
            if (validatedMeanwhile.contains(fk.label()) && stillValid(target, fk)) {
                results.add(new ReferenceValidation(fk.label(), 0, List.of(), "VALIDATE CONSTRAINT after the load"));
            } else {
                results.add(orphans(target, catalog, Reference.of(fk)));
            }
        }
        for (LogicalReference r : logical) {
            results.add(orphans(target, catalog, Reference.of(r)));
        }
        return results;
    }

    private static ReferenceValidation orphans(Connection target, Catalog catalog, Reference ref) {
        long orphans = Orphans.count(target, catalog, ref);
        List<String> samples = orphans == 0 ? List.of() : Orphans.samples(target, catalog, ref);
        return new ReferenceValidation(ref.label(), orphans, samples);
    }

    private static boolean stillValid(Connection target, Constraint fk) throws SQLException {
        try (PreparedStatement query = target.prepareStatement(
                "SELECT convalidated FROM pg_constraint WHERE conrelid = ?::regclass AND conname = ? AND contype = 'f'")) {
            query.setString(1, fk.table().sql());
            query.setString(2, fk.name());
            try (ResultSet rs = query.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }
}
