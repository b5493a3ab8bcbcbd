package io.pgcarry.verify;

import io.pgcarry.catalog.Catalog;
import io.pgcarry.catalog.CatalogReader;
import io.pgcarry.catalog.RowSecurity;
import io.pgcarry.catalog.SnapshotLocks;
import io.pgcarry.connect.Connector;
import io.pgcarry.connect.SharedSnapshot;
import io.pgcarry.largeobject.LargeObjectComparison;
import io.pgcarry.plan.MovePlan;
import io.pgcarry.plan.MovePlanner;

/**
 * {@code pgcarry validate} as a service: each side read in one consistent snapshot shared by its workers, the
 * tables paired as a move would pair them (same mapping and exclusions), then compared by {@link Validator}; then,
 * unless {@code --include} limits it to some tables, the large objects of both sides ({@link LargeObjectComparison}).
 */
public final class Validate {
    private final Connector connector;

    public Validate(Connector connector) {
        this.connector = connector;
    }

    public ValidationReport run(ValidateRequest request) {
        return SnapshotLocks.retried(() -> execute(request));
    }

    private ValidationReport execute(ValidateRequest request) {
        try (SharedSnapshot source = SharedSnapshot.open(connector, request.from());
             SharedSnapshot target = SharedSnapshot.open(connector, request.to())) {
            SnapshotLocks.awaitExclusive(source.coordinator(), connector.lockWait(), "the source");
            SnapshotLocks.awaitExclusive(target.coordinator(), connector.lockWait(), "the target");
            Catalog sourceCatalog = CatalogReader.read(source.coordinator());
            Catalog targetCatalog = CatalogReader.read(target.coordinator());
            // Columns the target lacks are reported as warnings, not refused: validation compares what both hold.
            MovePlan plan = new MovePlanner(request.mapping(), request.selection(), true).plan(sourceCatalog, targetCatalog);
            // Two sides filtered alike by row-level security would compare equal: refuse before comparing.
            RowSecurity.require(source.coordinator(), plan.tables().stream().map(t -> t.source().name()).toList(), "the source");
            RowSecurity.require(target.coordinator(), plan.targetTables(), "the target");
            SnapshotLocks.protect(source, plan.tables().stream().map(t -> t.source().name()).toList(),
                    connector.lockWait(), "the source");
            SnapshotLocks.protect(target, plan.targetTables(), connector.lockWait(), "the target");
            ValidationReport report = new Validator(request.jobs(), request.maxDiffs(), request.showValues())
                    .validate(source::reader, target::reader, plan, request.mapping().references(), request.level());
            if (!request.selection().withLargeObjects()) {
                return report;
            }
            long started = System.nanoTime();
            return report.withLargeObjects(LargeObjectComparison.between(source.coordinator(), target.coordinator(),
                    request.level() != ValidationLevel.COUNT, false, true, request.maxDiffs()), (System.nanoTime() - started) / 1e9);
        }
    }
}
