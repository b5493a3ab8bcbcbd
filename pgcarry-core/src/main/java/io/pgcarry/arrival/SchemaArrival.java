package io.pgcarry.arrival;

import io.pgcarry.schema.ObjectId;
import io.pgcarry.schema.SchemaDiff;
import io.pgcarry.schema.SchemaModel;
import io.pgcarry.schema.SchemaScript;
import io.pgcarry.schema.SchemaSource;
import io.pgcarry.schema.ScriptStatement;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The schema checks of clone and restore, each a read of the target's model (the reader of {@code schema dump}
 * and {@code diff}) and of its indexes' state, on the caller's connection.
 */
public final class SchemaArrival {
    private SchemaArrival() {
    }

    /** After a clone: the target's model equals the source's, and no index is INVALID. */
    public static SchemaCheck ofClone(Connection target, SchemaModel source) throws SQLException {
        SchemaModel cloned = SchemaSource.read(target, source.withPrivileges());
        List<String> differences = new ArrayList<>(ModelDifferences.sentences(SchemaDiff.compare(SchemaScript.asCreated(source), cloned),
                "the source"));
        differences.addAll(usable(StructureReader.readAll(target), true));
        return SchemaCheck.of("the target's schema against the source's; every index valid", differences);
    }

    /**
     * After the restore of a pgcarry archive: the statements pgcarry writes from the target's model are the archive's,
     * and no index is INVALID.
     *
     * @param sourceVersionNum {@code server_version_num} of the archive's source
     * @param amongOthers      whether the target may hold objects of its own besides the archive's ({@code --clean}):
     *                         those are not counted as extra
     */
    public static SchemaCheck ofArchive(Connection target, List<ScriptStatement> archived, boolean withPrivileges,
                                        int sourceVersionNum, boolean amongOthers) throws SQLException {
        SchemaModel restored = SchemaSource.read(target, withPrivileges);
        boolean sameMajor = sourceVersionNum / 10000 == target.getMetaData().getDatabaseMajorVersion();
        List<ScriptStatement> written = SchemaScript.of(restored).statements();
        if (amongOthers) {
            Set<ObjectId> known = archived.stream().filter(s -> s.object() != null).map(s -> owner(s.object())).collect(Collectors.toSet());
            written = written.stream().filter(s -> s.object() == null || known.contains(owner(s.object()))).toList();
        }
        List<String> differences = new ArrayList<>(ScriptDifferences.compare(archived, written, sameMajor));
        differences.addAll(usable(StructureReader.readAll(target), true));
        return SchemaCheck.of("the target's schema, written as pgcarry writes it, against the archive's statements; every index valid",
                differences);
    }

    /** After the restore of a plain SQL file, which holds no model to compare with: no index is INVALID or not ready. */
    public static SchemaCheck ofPlainSql(Connection target) throws SQLException {
        return SchemaCheck.of("every index valid (a SQL file holds no schema model to compare with)",
                usable(StructureReader.readAll(target), false));
    }

    /**
     * What no copy should hold: unusable indexes (but for partitioned indexes INVALID by design, when {@code treesCompared}
     * says the model comparison checks them against the source's), and constraint pieces left NOT VALID under a valid key.
     */
    private static List<String> usable(Structure structure, boolean treesCompared) {
        List<String> problems = new ArrayList<>(structure.unusableIndexes(treesCompared));
        problems.addAll(structure.notValidPieces());
        return problems;
    }

    /** The top-level object a statement is about: the table, for what lives in one. */
    private static ObjectId owner(ObjectId id) {
        return id.kind().belongsToTable() ? id.table() : id;
    }
}
