package io.pgcarry.migrate.verify;

import io.pgcarry.catalog.Identifiers;
import io.pgcarry.catalog.QualifiedName;
import io.pgcarry.migrate.MigrationTool;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Makes the throw-away server's session what the tool's was: the target's roles exist (as NOLOGIN roles, so that
 * {@code GRANT ... TO app} and {@code OWNER TO app} run), and, when the tool keeps its ledger in the schema it migrates
 * (Prisma's {@code ?schema=}, Flyway's default schema...) and that is not {@code public}, that schema exists and comes
 * first in the search path.
 */
final class ScratchSetup {
    /** Tools whose ledger sits in the schema they migrate (Drizzle and pgcarry keep theirs apart). */
    private static final Set<MigrationTool> LEDGER_IN_MIGRATED_SCHEMA = Set.of(MigrationTool.PRISMA, MigrationTool.FLYWAY,
            MigrationTool.DBMATE, MigrationTool.GOOSE, MigrationTool.GOLANG_MIGRATE);

    private ScratchSetup() {
    }

    /** The schema the migrations ran in, when it is not {@code public}: the ledger's, for tools that keep it there. */
    static Optional<String> migratedSchema(MigrationTool tool, QualifiedName ledger) {
        if (ledger == null || !LEDGER_IN_MIGRATED_SCHEMA.contains(tool) || ledger.schema().equals("public")) {
            return Optional.empty();
        }
        return Optional.of(ledger.schema());
    }

    static void prepare(Connection scratch, List<String> roles, Optional<String> schema) throws SQLException {
        try (Statement s = scratch.createStatement()) {
            Set<String> present = new HashSet<>();
            try (ResultSet rs = s.executeQuery("SELECT rolname FROM pg_catalog.pg_roles")) {
                while (rs.next()) {
                    present.add(rs.getString(1));
                }
            }
            for (String role : roles) {
                if (!present.contains(role)) {
                    s.addBatch("CREATE ROLE " + Identifiers.quote(role) + " NOLOGIN");
                }
            }
            s.executeBatch();
            if (schema.isPresent()) {
                s.execute("CREATE SCHEMA IF NOT EXISTS " + Identifiers.quote(schema.get()));
                s.execute("SET search_path TO " + Identifiers.quote(schema.get()) + ", public");
            }
        }
    }
}
