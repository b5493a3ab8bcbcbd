package io.pgcarry.verify;

import io.pgcarry.catalog.Identifiers;
import io.pgcarry.catalog.QualifiedName;
import io.pgcarry.catalog.Sequence;
import io.pgcarry.plan.MovePlan;
import io.pgcarry.plan.TableMove;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Whether the target's sequences are past the values of the columns they feed, so the next insert does not collide.
 * A target sequence behind its column is a failure unless the source's sequence of the same name is behind its own
 * column too: then the copy is as the source was (PostgreSQL's own regression database leaves such sequences), and
 * reporting it as a difference would make two equal databases compare unequal.
 */
final class SequenceChecks {
    private SequenceChecks() {
    }

    static List<SequenceValidation> run(Connection target, Supplier<Connection> sources, MovePlan plan) throws SQLException {
        List<SequenceValidation> results = new ArrayList<>();
        List<Sequence> behind = new ArrayList<>();
        for (Sequence seq : plan.target().sequences()) {
            if (seq.ownerTable() == null || !plan.targetTables().contains(seq.ownerTable())) {
                continue;
            }
            long[] state = state(target, seq);
            Long max = state[2] == 1 ? null : state[1];
            SequenceValidation result = new SequenceValidation(seq.name().toString(), seq.ownerTable() + "."
                    + Identifiers.display(seq.ownerColumn()), state[0], max, false);
            results.add(result);
            if (!result.passed()) {
                behind.add(seq);
            }
        }
        if (!behind.isEmpty()) {
            excuseThoseBehindInTheSource(results, behind, sources, plan);
        }
        return results;
    }

    private static void excuseThoseBehindInTheSource(List<SequenceValidation> results, List<Sequence> behind, Supplier<Connection> sources,
                                                     MovePlan plan) throws SQLException {
        try (Connection source = sources.get()) {
            for (Sequence seq : behind) {
                Optional<Sequence> original = sourceSequence(plan, seq);
                if (original.isEmpty()) {
                    continue;
                }
                long[] state = state(source, original.get());
                if (state[2] == 0 && state[0] <= state[1]) {
                    int i = results.indexOf(results.stream().filter(r -> r.sequence().equals(seq.name().toString())).findFirst().orElseThrow());
                    SequenceValidation r = results.get(i);
                    results.set(i, new SequenceValidation(r.sequence(), r.column(), r.nextValue(), r.maxValue(), true));
                }
            }
        }
    }

    /** The source's sequence of the same name, feeding the source table of the target's table. */
    private static Optional<Sequence> sourceSequence(MovePlan plan, Sequence targetSequence) {
        Optional<QualifiedName> sourceTable = plan.tables().stream().filter(t -> t.target().name().equals(targetSequence.ownerTable()))
                .map(TableMove::source).map(t -> t.name()).findFirst();
        return sourceTable.flatMap(table -> plan.source().sequences().stream()
                .filter(s -> s.name().equals(targetSequence.name()) && table.equals(s.ownerTable())).findFirst());
    }

    /** {@code [next value, column max, 1 when the column is empty]}. */
    private static long[] state(Connection c, Sequence seq) throws SQLException {
        String column = Identifiers.quote(seq.ownerColumn());
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT CASE WHEN is_called THEN last_value + 1 ELSE last_value END, (SELECT pg_catalog.max("
                     + column + ")::bigint FROM " + seq.ownerTable().sql() + ") FROM " + seq.name().sql())) {
            rs.next();
            long next = rs.getLong(1);
            long max = rs.getLong(2);
            return new long[] {next, max, rs.wasNull() ? 1 : 0};
        }
    }
}
