package io.pgcarry.schema;

import io.pgcarry.connect.ConnectionSpec;
import io.pgcarry.connect.Connector;
import io.pgcarry.connect.Sessions;
import io.pgcarry.error.SqlErrors;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** {@code pgcarry diff} as a service: compare two schemas and, when asked, plan the alignment. */
public final class Alignment {
    private final Connector connector;

    public Alignment(Connector connector) {
        this.connector = connector;
    }

    /**
     * The tables only TARGET has that look like duplicates of tables both have ({@link DuplicateSuggestion}), their rows
     * measured on TARGET's live database when there is one and when there is anything to measure.
     */
    public List<DuplicateSuggestion> suggest(SchemaModel source, SchemaModel target, SchemaDifferences differences,
                                             Optional<ConnectionSpec> liveTarget) {
        List<DuplicateSuggestion> unmeasured = DuplicateSuggestions.find(source, target, differences, TargetProbe.none(), Set.of());
        if (unmeasured.isEmpty() || liveTarget.isEmpty()) {
            return unmeasured;
        }
        try (Connection connection = Sessions.prepare(connector.open(liveTarget.get()))) {
            return DuplicateSuggestions.find(source, target, differences, TargetProbe.live(connection), Set.of());
        } catch (SQLException e) {
            throw SqlErrors.translate("measuring possible duplicates on TARGET", e);
        }
    }

    /**
     * Plans on TARGET's live database when there is one (to measure the rows behind each hazard),
     * otherwise from the models alone.
     */
    public AlignmentPlan plan(SchemaModel source, SchemaModel target, SchemaDifferences differences, PlanOptions options,
                              Optional<ConnectionSpec> liveTarget) {
        if (liveTarget.isEmpty()) {
            return new AlignmentPlanner(source, target, options, TargetProbe.none()).plan(differences);
        }
        try (Connection connection = Sessions.prepare(connector.open(liveTarget.get()))) {
            return new AlignmentPlanner(source, target, options, TargetProbe.live(connection)).plan(differences);
        } catch (SQLException e) {
            throw SqlErrors.translate("measuring the plan on TARGET", e);
        }
    }
}
