package io.pgcarry.lint;

import io.pgcarry.connect.Connector;
import io.pgcarry.error.ConfigurationException;
import io.pgcarry.error.PgCarryException;
import io.pgcarry.error.ErrorCode;
import io.pgcarry.error.SqlErrors;
import io.pgcarry.migrate.MigrationSql;
import io.pgcarry.migrate.MigrationTool;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code pgcarry lint} as a service: reads the files (or the migration directory, through {@link MigrationDirectory}),
 * and with a target reads its version and sizes in one read-only session, then runs {@link Lint#check}.
 */
public final class LintRunner {
    private final Connector connector;

    public LintRunner(Connector connector) {
        this.connector = connector;
    }

    public LintReport run(LintRequest request) {
        if (request.target() == null) {
            LintContext context = LintContext.offline(request.pgVersion()).withSmallTable(request.smallTableBytes());
            return Lint.check(sources(request, null), context);
        }
        try (Connection c = connector.open(request.target())) {
            c.setReadOnly(true);
            LintContext context = LintContext.online(c, request.smallTableBytes());
            return Lint.check(sources(request, c), context, request.target().redactedUrl());
        } catch (SQLException e) {
            throw SqlErrors.translate("reading " + request.target().address(), e);
        }
    }

    private static List<LintSource> sources(LintRequest request, Connection target) {
        List<LintSource> sources = new ArrayList<>();
        for (Path file : request.files()) {
            sources.add(new LintSource(file.toString(), MigrationSql.of(MigrationTool.PGCARRY, file.toString(), read(file)),
                    request.singleTransaction() ? "psql -1" : null));
        }
        if (request.directory() != null) {
            sources.addAll(MigrationDirectory.read(request.directory(), request.tool(), request.target(), target));
        }
        return sources;
    }

    private static String read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigurationException("cannot lint " + file + ": no such file");
        }
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            throw new ConfigurationException("cannot lint " + file + ": it is not UTF-8 text");
        } catch (IOException e) {
            throw new PgCarryException(ErrorCode.IO, "cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
