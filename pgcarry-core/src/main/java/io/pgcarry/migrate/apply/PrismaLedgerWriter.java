package io.pgcarry.migrate.apply;

import io.pgcarry.catalog.QualifiedName;
import io.pgcarry.catalog.SqlResource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * {@code _prisma_migrations} as Prisma writes it: a random UUID as {@code id}, {@code checksum} the SHA-256 hex of
 * {@code migration.sql}, {@code migration_name} the migration's directory name, {@code started_at} when it started; on
 * success {@code applied_steps_count} 1 (the script is one step) and {@code finished_at}; on failure the error in
 * {@code logs} and {@code finished_at} NULL, which {@code prisma migrate deploy} refuses to go past until
 * {@code prisma migrate resolve}. Prisma writes the row before the script runs, so a failure always leaves it, even
 * when the script's own changes were rolled back; pgcarry leaves the same.
 */
final class PrismaLedgerWriter implements LedgerWriter {
    private static final SqlResource SQL = SqlResource.of(PrismaLedgerWriter.class);
    private static final String TABLE = "_prisma_migrations";

    @Override
    public QualifiedName defaultTable(Connection c, String schema) {
        // Prisma's schema is the URL's ?schema=, public unless given.
        return new QualifiedName(schema == null ? "public" : schema, TABLE);
    }

    @Override
    public void create(Connection c, QualifiedName table) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(SQL.get("create").formatted(table.sql()));
        }
    }

    @Override
    public void applied(Connection c, QualifiedName table, LedgerRun run) throws SQLException {
        String id = started(c, table, run);
        finished(c, table, id, run);
    }

    @Override
    public String failedInTransaction(Connection c, QualifiedName table, LedgerRun run) throws SQLException {
        stopped(c, table, started(c, table, run), run);
        return table + " has its failed row (finished_at NULL, the error in logs), as Prisma leaves one: prisma migrate deploy "
                + "stops at it until prisma migrate resolve --rolled-back " + run.migration().id();
    }

    @Override
    public String started(Connection c, QualifiedName table, LedgerRun run) throws SQLException {
        String id = UUID.randomUUID().toString();
        try (PreparedStatement ps = c.prepareStatement(SQL.get("started").formatted(table.sql()))) {
            ps.setString(1, id);
            ps.setString(2, run.migration().checksum().shown());
            ps.setObject(3, run.startedAt());
            ps.setString(4, run.migration().id());
            ps.executeUpdate();
        }
        return id;
    }

    @Override
    public void finished(Connection c, QualifiedName table, String key, LedgerRun run) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SQL.get("finished").formatted(table.sql()))) {
            ps.setObject(1, OffsetDateTime.now(ZoneOffset.UTC));
            ps.setString(2, key);
            ps.executeUpdate();
        }
    }

    /** The error as Prisma logs a database error: its code, then its message. */
    static String logs(LedgerRun run) {
        String code = run.sqlState() == null ? "" : "Database error code: " + run.sqlState() + "\n\n";
        return code + "Database error:\nERROR: " + run.error() + "\n\n(migration applied by pgcarry migrate apply)";
    }

    @Override
    public String stopped(Connection c, QualifiedName table, String key, LedgerRun run) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SQL.get("stopped").formatted(table.sql()))) {
            ps.setString(1, logs(run));
            ps.setString(2, key);
            ps.executeUpdate();
        }
        return table + " has its failed row (finished_at NULL, the error in logs): fix the database by hand, then "
                + "prisma migrate resolve --applied or --rolled-back " + run.migration().id();
    }
}
