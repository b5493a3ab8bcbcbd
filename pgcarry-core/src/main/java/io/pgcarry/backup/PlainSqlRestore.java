package io.pgcarry.backup;

import io.pgcarry.arrival.SchemaArrival;
import io.pgcarry.catalog.ExtensionConfig;
import io.pgcarry.catalog.QualifiedName;
import io.pgcarry.catalog.Table;
import io.pgcarry.connect.Connector;
import io.pgcarry.connect.Sessions;
import io.pgcarry.copy.CopyProgress;
import io.pgcarry.error.ConfigurationException;
import io.pgcarry.error.DatabaseException;
import io.pgcarry.error.ErrorCode;
import io.pgcarry.error.PgCarryException;
import io.pgcarry.error.Setting;
import io.pgcarry.error.SqlErrors;
import io.pgcarry.schema.SchemaSource;
import io.pgcarry.schema.ScriptRunner;
import io.pgcarry.script.CopyStatement;
import io.pgcarry.script.MetaCommand;
import io.pgcarry.script.ScriptItem;
import io.pgcarry.script.SqlScriptReader;
import io.pgcarry.script.SqlStatement;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.postgresql.PGConnection;

/**
 * Restores a plain-format pg_dump SQL file (what {@code pg_dump > backup.sql} writes) without psql: statements,
 * {@code COPY ... FROM stdin} blocks streamed as they are read, and the meta-commands pg_dump emits. The whole
 * file runs in one transaction, so an error anywhere leaves the target as it was: the file's own transaction control is
 * folded into it or refused ({@link PlainSqlGuard}), as are statements that run programs unless allowed. Without a manifest, the
 * validation compares each table's rows with the rows its COPY block loaded.
 */
final class PlainSqlRestore {
    private static final Pattern COPY_TABLE = Pattern.compile("(?is)^COPY\\s+(.+?)\\s*(\\(.*\\))?\\s+FROM\\s+stdin.*");
    private static final Pattern CLIENT_ENCODING = Pattern.compile("(?is)^SET\\s+client_encoding\\s*(=|TO)\\s*'?([^';\\s]+)'?\\s*$");

    private static final String ORIGIN = "origin: not checked (a plain SQL file runs as written; restore only files you trust)";

    private final Connector connector;
    private final RestoreRequest request;
    private final CopyProgress progress;

    PlainSqlRestore(Connector connector, RestoreRequest request, CopyProgress progress) {
        this.connector = connector;
        this.request = request;
        this.progress = progress;
    }

    RestoreResult run(Path file) {
        long started = System.nanoTime();
        if (request.clean()) {
            throw new ConfigurationException(Setting.CLEAN.mention() + " needs a pgcarry archive, which lists its objects; restore " + file
                    + " into an empty database instead");
        }
        String source = file.getFileName().toString();
        try (Connection target = Sessions.prepare(connector.open(request.to()))) {
            SchemaSource.read(target, false).requireEmpty("restore " + source + " into an empty database");
            progress.phase("running " + source + " in one transaction");
            target.setAutoCommit(false);
            Replay replay = new Replay(source, new PlainSqlGuard(source, request.allowProgram()), progress);
            replay.readAll(target, file);
            replay.finish(file);
            target.commit();
            target.setAutoCommit(true);
            // The file may have set its own search_path (public first, even): pgcarry's queries below run in pg_catalog's.
            Connector.pinSearchPath(target);
            progress.phase("validating");
            List<RestoredTable> tables = count(target, replay.copied);
            List<SmokeResult> smoke = request.smoke() == null ? List.of() : SmokeQueries.run(target, request.smoke());
            return new RestoreResult(file, "plain-sql", null, 0, replay.statements, tables, 0, 0, smoke, replay.warnings,
                    (System.nanoTime() - started) / 1e9, ORIGIN, SchemaArrival.ofPlainSql(target));
        } catch (SQLException e) {
            throw SqlErrors.translate("restoring " + file, e);
        }
    }

    /**
     * One pass over the file inside the open transaction, keeping the tallies the result and the validation need:
     * statements sent, transaction control folded, rows each COPY block loaded, and the warnings met on the way.
     */
    private static final class Replay {
        private final String source;
        private final PlainSqlGuard guard;
        private final CopyProgress progress;
        final List<String> warnings = new ArrayList<>();
        final Map<String, Long> copied = new LinkedHashMap<>();
        int statements;
        int folded;

        Replay(String source, PlainSqlGuard guard, CopyProgress progress) {
            this.source = source;
            this.guard = guard;
            this.progress = progress;
        }

        void readAll(Connection target, Path file) throws SQLException {
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8); SqlScriptReader script = new SqlScriptReader(in, source);
                 Statement s = target.createStatement()) {
                ScriptItem item;
                while ((item = script.next()) != null) {
                    take(item, target, s);
                }
            } catch (IOException e) {
                throw new PgCarryException(ErrorCode.IO, "cannot read " + file + ": " + e.getMessage(), e);
            }
        }

        private void take(ScriptItem item, Connection target, Statement s) {
            if (item instanceof MetaCommand meta) {
                if (meta.name().startsWith("!")) {
                    guard.refuseShell(meta);
                }
                metaCommand(meta, source, warnings);
            } else if (item instanceof CopyStatement copy) {
                statements++;
                long rows = copy(target, copy, source);
                copied.merge(tableOf(copy.sql()), rows, Long::sum);
                progress.streamed(null, rows, 0);
            } else if (item instanceof SqlStatement statement) {
                statement(statement, s);
            }
        }

        private void statement(SqlStatement statement, Statement s) {
            if (skipEncoding(statement, source)) {
                return;
            }
            if (guard.check(statement) == PlainSqlGuard.Action.FOLD) {
                folded++;
                return;
            }
            statements++;
            execute(s, statement, source);
        }

        /** Refuses a file that restored nothing (it is probably not a dump at all) before anything is committed. */
        void finish(Path file) {
            if (statements == 0) {
                throw new ConfigurationException(file + " holds no SQL statement: it is neither a pgcarry archive nor a SQL dump "
                        + "(nothing was restored)");
            }
            if (folded > 0) {
                warnings.add(source + ": " + folded + " transaction control statement(s) (BEGIN, COMMIT, ...) folded into restore's "
                        + "one transaction");
            }
        }
    }

    private static void metaCommand(MetaCommand meta, String source, List<String> warnings) {
        switch (meta.name()) {
            // Guards against meta-commands smuggled in data; there is no psql here to guard.
            case "restrict", "unrestrict" -> { }
            case "connect", "c" -> warnings.add(source + " line " + meta.line() + ": \\" + meta.name() + " "
                    + String.join(" ", meta.arguments()) + " ignored; everything is restored into the " + Setting.TO.mention() + " database");
            default -> throw new ConfigurationException(source + " line " + meta.line() + ": psql meta-command \\" + meta.name()
                    + " is not supported; pgcarry restores what pg_dump writes");
        }
    }

    /** pgjdbc always talks UTF-8; a dump in another encoding must be written again. */
    private static boolean skipEncoding(SqlStatement statement, String source) {
        Matcher m = CLIENT_ENCODING.matcher(statement.sql());
        if (!m.matches()) {
            return false;
        }
        String encoding = m.group(2).toUpperCase(Locale.ROOT).replace("-", "");
        if (!encoding.equals("UTF8") && !encoding.equals("SQL_ASCII")) {
            throw new ConfigurationException(source + " line " + statement.line() + " is written in encoding " + m.group(2)
                    + "; pgcarry restores UTF8 dumps: write it again with pg_dump -E UTF8");
        }
        return true;
    }

    private static void execute(Statement s, SqlStatement statement, String source) {
        try {
            s.execute(statement.sql());
        } catch (SQLException e) {
            throw new DatabaseException(source + " line " + statement.line() + " failed: " + SqlErrors.describe(e) + "; statement: "
                    + ScriptRunner.firstLine(statement.sql()) + " (nothing was restored)", e.getSQLState(), e);
        }
    }

    private static long copy(Connection target, CopyStatement copy, String source) {
        try {
            return target.unwrap(PGConnection.class).getCopyAPI().copyIn(copy.sql(), copy.data());
        } catch (SQLException e) {
            throw new DatabaseException(source + " line " + copy.line() + " failed: " + SqlErrors.describe(e) + "; statement: "
                    + ScriptRunner.firstLine(copy.sql()) + " (nothing was restored)", e.getSQLState(), e);
        } catch (IOException e) {
            throw new PgCarryException(ErrorCode.IO, source + " line " + copy.line() + ": " + e.getMessage(), e);
        }
    }

    private static String tableOf(String copySql) {
        Matcher m = COPY_TABLE.matcher(copySql.strip());
        return m.matches() ? m.group(1).strip() : copySql;
    }

    /**
     * Each table's rows against the rows its COPY blocks loaded. An extension's configuration table also holds the rows
     * its {@code CREATE EXTENSION} inserted, and pg_dump wrote only those its filter picks: those are counted.
     */
    private static List<RestoredTable> count(Connection target, Map<String, Long> copied) throws SQLException {
        List<RestoredTable> tables = new ArrayList<>();
        Map<QualifiedName, String> configs = ExtensionConfig.tables(target);
        try (Statement s = target.createStatement()) {
            for (Map.Entry<String, Long> table : copied.entrySet()) {
                String from = configs.isEmpty() ? "ONLY " + table.getKey() : rowsSql(target, table.getKey(), configs);
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + from)) {
                    rs.next();
                    long rows = rs.getLong(1);
                    tables.add(new RestoredTable(table.getKey(), table.getValue(), rows, null, null, rows == table.getValue()));
                }
            }
        }
        return tables;
    }

    /** The rows of a table named as the file names it, filtered when it is an extension's configuration table. */
    private static String rowsSql(Connection target, String written, Map<QualifiedName, String> configs) throws SQLException {
        try (PreparedStatement p = target.prepareStatement("""
                SELECT n.nspname, c.relname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                 WHERE c.oid = ?::pg_catalog.regclass""")) {
            p.setString(1, written);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                QualifiedName name = new QualifiedName(rs.getString(1), rs.getString(2));
                return Table.rowsSql(name, false, configs.get(name));
            }
        }
    }
}
