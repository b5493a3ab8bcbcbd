package io.pgcarry.rehearse;

import io.pgcarry.catalog.Identifiers;
import io.pgcarry.catalog.SqlResource;
import io.pgcarry.clone.Clone;
import io.pgcarry.clone.CloneRequest;
import io.pgcarry.connect.ConnectionSpec;
import io.pgcarry.connect.Connector;
import io.pgcarry.copy.CopyProgress;
import io.pgcarry.error.ConfigurationException;
import io.pgcarry.error.DatabaseException;
import io.pgcarry.error.SqlErrors;
import io.pgcarry.parallel.Outcome;
import io.pgcarry.verify.ValidationLevel;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The database a rehearsal runs on: one the user gave ({@code --scratch}), left in place, or a copy of the live database
 * pgcarry makes: {@code CREATE DATABASE ... TEMPLATE} when the server allows it (the role owns the database and no
 * other session is connected to it), else an empty database filled by {@link Clone}. A copy pgcarry made is dropped when
 * closed unless it is to be kept, also on Ctrl-C (a shutdown hook) and on failure.
 */
final class ScratchDatabase implements AutoCloseable {
    private static final SqlResource SQL = SqlResource.of(ScratchDatabase.class);
    private static final String MAINTENANCE = "postgres";

    private final Connector connector;
    private final ConnectionSpec spec;
    private final ScratchMethod method;
    private final boolean drop;
    private final Thread hook;

    private ScratchDatabase(Connector connector, ConnectionSpec spec, ScratchMethod method, boolean drop) {
        this.connector = connector;
        this.spec = spec;
        this.method = method;
        this.drop = drop;
        this.hook = drop ? new Thread(this::dropQuietly, "pgcarry-rehearse-drop-scratch") : null;
        if (hook != null) {
            Runtime.getRuntime().addShutdownHook(hook);
        }
    }

    /** The database the user gave; refused when it is the live database itself. */
    static ScratchDatabase provided(Connector connector, ConnectionSpec on, ConnectionSpec scratch) {
        // both read at once: each is a connection of its own, and a rehearsal should cost little more than the migration
        CompletableFuture<String> live = CompletableFuture.supplyAsync(() -> identity(connector, on));
        String given = identity(connector, scratch);
        if (Outcome.of(live).equals(given)) {
            throw new ConfigurationException("--scratch is the database given with --on; rehearse never writes to --on, give a copy of it");
        }
        return new ScratchDatabase(connector, scratch, ScratchMethod.PROVIDED, false);
    }

    /** A copy of {@code on} made by pgcarry, dropped on close unless {@code keep}. */
    static ScratchDatabase copy(Connector connector, ConnectionSpec on, boolean keep, CopyProgress progress) {
        String name = name(on.database());
        ConnectionSpec maintenance = on.withDatabase(MAINTENANCE);
        try {
            createFrom(connector, maintenance, name, on.database());
            return new ScratchDatabase(connector, on.withDatabase(name), ScratchMethod.TEMPLATE, !keep);
        } catch (DatabaseException e) {
            if (!"55006".equals(e.sqlState()) && !"42501".equals(e.sqlState())) {
                throw e;
            }
            progress.phase("CREATE DATABASE ... TEMPLATE is not possible (" + e.getMessage() + "); cloning instead");
        }
        try {
            execute(connector, maintenance, "CREATE DATABASE " + Identifiers.quote(name) + " TEMPLATE template0");
        } catch (DatabaseException e) {
            if ("42501".equals(e.sqlState())) {
                throw new ConfigurationException("rehearse makes its scratch copy with CREATE DATABASE, which role " + on.user()
                        + " may not run; grant it CREATEDB or give a copy with --scratch URL", e);
            }
            throw e;
        }
        ScratchDatabase scratch = new ScratchDatabase(connector, on.withDatabase(name), ScratchMethod.CLONE, !keep);
        try {
            new Clone(connector).run(new CloneRequest(on, scratch.spec, 2, ValidationLevel.COUNT, false), progress);
            return scratch;
        } catch (RuntimeException e) {
            scratch.close();
            throw e;
        }
    }

    /**
     * {@code CREATE DATABASE name TEMPLATE template}. From 15 on, PostgreSQL copies a template by writing every page of
     * it to the WAL unless told to copy its files, as older servers always do: a copy of a large database would flood
     * the WAL (and every replica) with it.
     */
    private static void createFrom(Connector connector, ConnectionSpec maintenance, String name, String template) {
        String sql = "CREATE DATABASE " + Identifiers.quote(name) + " TEMPLATE " + Identifiers.quote(template);
        try (Connection c = connector.open(maintenance); Statement s = c.createStatement()) {
            long others = otherSessions(c, template);
            if (others > 0) {
                throw new SQLException(others + " other session(s) are connected to " + template, "55006");
            }
            try (ResultSet rs = s.executeQuery("SELECT pg_catalog.current_setting('server_version_num')::int >= 150000")) {
                rs.next();
                sql += rs.getBoolean(1) ? " STRATEGY FILE_COPY" : "";
            }
            s.execute(sql);
        } catch (SQLException e) {
            throw SqlErrors.translate("running CREATE DATABASE ... TEMPLATE on " + maintenance.address(), e);
        }
    }

    private static long otherSessions(Connection c, String database) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SQL.get("other-sessions"))) {
            ps.setString(1, database);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    ConnectionSpec spec() {
        return spec;
    }

    ScratchMethod method() {
        return method;
    }

    /** Whether it is dropped when closed. */
    boolean dropped() {
        return drop;
    }

    @Override
    public void close() {
        if (hook == null) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            return; // the hook drops it
        }
        execute(connector, spec.withDatabase(MAINTENANCE), dropSql());
    }

    private void dropQuietly() {
        try {
            execute(connector, spec.withDatabase(MAINTENANCE), dropSql());
        } catch (RuntimeException e) {
            System.err.println("pgcarry rehearse could not drop the scratch database " + spec.database() + ": " + e.getMessage());
        }
    }

    private String dropSql() {
        return "DROP DATABASE IF EXISTS " + Identifiers.quote(spec.database()) + " WITH (FORCE)";
    }

    /** {@code pgcarry_rehearse_<db>_<random>}, within PostgreSQL's 63 bytes. */
    static String name(String database) {
        String base = database.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        String suffix = "_" + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 24, Integer.MAX_VALUE), 36);
        String prefix = "pgcarry_rehearse_";
        return prefix + base.substring(0, Math.min(base.length(), 63 - prefix.length() - suffix.length())) + suffix;
    }

    private static String identity(Connector connector, ConnectionSpec spec) {
        try (Connection c = connector.open(spec); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(SQL.get("identity"))) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw SqlErrors.translate("reading the identity of " + spec.address(), e);
        }
    }

    private static void execute(Connector connector, ConnectionSpec spec, String sql) {
        try (Connection c = connector.open(spec); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw SqlErrors.translate("running " + sql.replaceFirst(" TEMPLATE .*", "") + " on " + spec.address(), e);
        }
    }
}
