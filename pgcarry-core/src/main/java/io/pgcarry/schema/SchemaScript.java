package io.pgcarry.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A dependency-ordered script that recreates a {@link SchemaModel} in an empty database: pre-data, then
 * post-data. Statements are kept apart so they can be run one by one, and printed as a SQL file.
 */
public record SchemaScript(List<ScriptStatement> statements, List<String> warnings) {
    /** Settings the script runs with: names in definitions are schema-qualified, bodies are checked at run time. */
    public static final List<String> SESSION_SETTINGS = List.of(
            "SET check_function_bodies = false",
            "SET client_min_messages = warning",
            "SELECT pg_catalog.set_config('search_path', '', false)");

    public SchemaScript {
        statements = List.copyOf(statements);
        warnings = List.copyOf(warnings);
    }

    public static SchemaScript of(SchemaModel model) {
        ScriptBuilder builder = new ScriptBuilder(model);
        List<String> warnings = new ArrayList<>(model.warnings());
        warnings.addAll(withheld(model));
        return new SchemaScript(builder.statements(), warnings);
    }

    /**
     * The materialized views a script creates, in script order, so a view built on another is refreshed after it:
     * the statements that fill them once the data is in. A view unpopulated in the source is left so, as pg_dump does.
     */
    public static List<String> refreshes(List<ScriptStatement> statements) {
        Set<ObjectId> unpopulated = statements.stream().filter(ScriptStatement::keepUnpopulated)
                .map(ScriptStatement::object).collect(Collectors.toSet());
        return statements.stream().map(ScriptStatement::object)
                .filter(id -> id != null && id.kind() == ObjectKind.MATERIALIZED_VIEW && !unpopulated.contains(id)).distinct()
                .map(id -> "REFRESH MATERIALIZED VIEW " + id.sqlName()).toList();
    }

    /**
     * Whether a statement adds a NOT VALID check (of a table or a domain): such a check is added after the rows are
     * loaded, as pg_dump does, since rows that existed before it may break it and a load would be refused.
     */
    public static boolean addsNotValidCheck(ScriptStatement statement, SchemaModel model) {
        ObjectId id = statement.object();
        if (id == null || statement.section() != Section.POST_DATA) {
            return false;
        }
        if (id.kind() == ObjectKind.DOMAIN) {
            return true;
        }
        return id.kind() == ObjectKind.CONSTRAINT && model.find(id)
                .map(c -> c.flag("not_valid") && "check".equals(c.attribute("type"))).orElse(false);
    }

    /**
     * The model as its script recreates it, for a check of what arrived: a subscription comes disabled, as it is
     * created without connecting to its publisher ({@code connect = false}, as pg_dump writes it).
     */
    public static SchemaModel asCreated(SchemaModel model) {
        return SubscriptionDdl.asCreated(model);
    }

    /** What the script leaves out of objects it does carry: the values of user mappings' password options, named. */
    public static List<String> withheld(SchemaModel model) {
        return DatabaseObjectDdl.withheldPasswords(model);
    }

    /**
     * Whether a statement belongs after everything else a load does, data and row-level security included: an event
     * trigger would fire on (or refuse) the load's own DDL, and default privileges would grant on what it creates.
     */
    public static boolean runsLast(ScriptStatement statement) {
        ObjectId id = statement.object();
        return id != null && (id.kind() == ObjectKind.EVENT_TRIGGER || id.kind() == ObjectKind.DEFAULT_PRIVILEGES
                || id.kind() == ObjectKind.PRIVILEGES);
    }

    public List<ScriptStatement> section(Section section) {
        return statements.stream().filter(s -> s.section() == section).toList();
    }

    /** The script as a SQL file for psql or any client; {@code section} null for both sections. */
    public String render(Section section) {
        StringBuilder sql = new StringBuilder("-- Schema written by pgcarry\n");
        for (String warning : warnings) {
            sql.append("-- LEFT OUT (pgcarry does not carry it): ").append(warning).append('\n');
        }
        sql.append('\n');
        for (String setting : SESSION_SETTINGS) {
            sql.append(setting).append(";\n");
        }
        List<ScriptStatement> chosen = new ArrayList<>(section == null ? statements : section(section));
        Section current = null;
        for (ScriptStatement statement : chosen) {
            if (statement.section() != current) {
                current = statement.section();
                sql.append("\n-- ").append(current == Section.PRE_DATA ? "pre-data" : "post-data").append('\n');
            }
            sql.append('\n').append(statement.sql()).append(";\n");
        }
        return sql.toString();
    }
}
