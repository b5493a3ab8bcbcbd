package io.pgcarry.backup;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.pgcarry.catalog.Identifiers;
import io.pgcarry.catalog.QualifiedName;
import io.pgcarry.error.Setting;
import io.pgcarry.load.BuildShapes;
import io.pgcarry.schema.Conninfo;
import io.pgcarry.schema.LoadRole;
import io.pgcarry.error.PgCarryException;
import io.pgcarry.schema.ObjectId;
import io.pgcarry.schema.ObjectKind;
import io.pgcarry.schema.ScriptStatement;
import io.pgcarry.schema.Section;
import io.pgcarry.script.MetaCommand;
import io.pgcarry.script.ScriptItem;
import io.pgcarry.script.SqlScriptReader;
import io.pgcarry.script.SqlWords;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The schema statements of an archive checked against the shapes pgcarry itself writes (see
 * {@code schema.ScriptBuilder}): each statement is one statement, of a kind allowed for the object it is filed under,
 * naming that object. The manifest's checksum proves that nothing changed since it was written, not who wrote it; this
 * check stops an archive that was written or edited by someone else from running {@code COPY ... PROGRAM}, psql
 * meta-commands, {@code ALTER SYSTEM}, role changes, {@code DO} blocks or arbitrary {@code SELECT}s as the restoring user.
 */
final class ArchiveStatements {
    /** Languages whose functions run outside the server's sandbox; pgcarry archives only user functions. */
    private static final Set<String> UNTRUSTED_LANGUAGES = Set.of("c", "internal", "plpythonu", "plpython2u", "plpython3u",
            "plperlu", "pltclu", "plsh");

    /** One quoted identifier, as {@code Identifiers.quote} writes it. */
    private static final String QUOTED = "\"([^\"]|\"\")*\"";

    private ArchiveStatements() {
    }

    /** What a restore says of a function in an untrusted language in an archive it cannot tell the origin of. */
    static final String UNTRUSTED_FUNCTION = "a function in an untrusted language (C, internal or an untrusted procedural language),"
            + " which runs outside the database's sandbox: pgcarry restores one only from an archive signed with the key given";

    /**
     * One problem per statement pgcarry would not have written, naming where it is in the manifest and its kind;
     * functions in untrusted languages are accepted only when the archive's signature matched the restorer's key
     * ({@code signed}), which proves that pgcarry wrote them.
     */
    static List<String> problems(Manifest manifest, byte[] manifestJson, boolean signed) {
        List<String> problems = new ArrayList<>();
        List<Integer> preLines = lines(manifestJson, "preData");
        List<Integer> postLines = lines(manifestJson, "postData");
        if (manifest.schema() != null) {
            builtAlike(manifest, Section.PRE_DATA, manifest.preData(), preLines, problems);
            builtAlike(manifest, Section.POST_DATA, manifest.postData(), postLines, problems);
        }
        check(manifest.preData(), "pre-data", preLines, manifest.withPrivileges(), signed, problems);
        check(manifest.postData(), "post-data", postLines, manifest.withPrivileges(), signed, problems);
        return problems;
    }

    /**
     * The statements the archive lists for {@code section} must be exactly those its schema objects give, which are
     * what a restore runs: a difference means one or the other was edited.
     */
    private static void builtAlike(Manifest manifest, Section section, List<ScriptStatement> listed, List<Integer> lines,
                                   List<String> problems) {
        List<ScriptStatement> built = manifest.statements(section);
        String name = section == Section.PRE_DATA ? "pre-data" : "post-data";
        for (int i = 0; i < Math.max(built.size(), listed.size()); i++) {
            ScriptStatement a = i < built.size() ? built.get(i) : null;
            ScriptStatement b = i < listed.size() ? listed.get(i) : null;
            if (a == null || !a.equals(b)) {
                String line = i < lines.size() ? " line " + lines.get(i) : "";
                problems.add(Manifest.FILE + line + " (" + name + " statement " + (i + 1) + "): the archive's statements differ from"
                        + " what its schema objects give" + (a == null ? "" : " (" + a.object() + ")")
                        + "; the archive was altered or does not come from pgcarry backup");
                return;
            }
        }
    }

    private static void check(List<ScriptStatement> statements, String section, List<Integer> lines, boolean withPrivileges,
                              boolean signed, List<String> problems) {
        for (int i = 0; i < statements.size(); i++) {
            ScriptStatement statement = statements.get(i);
            String refused = refusal(statement, withPrivileges, signed);
            if (refused != null) {
                String line = i < lines.size() ? " line " + lines.get(i) : "";
                problems.add(Manifest.FILE + line + " (" + section + " statement " + (i + 1)
                        + (statement.object() == null ? "" : ", filed under " + statement.object()) + "): " + refused
                        + (refused.equals(UNTRUSTED_FUNCTION) ? " (back up with " + Setting.SIGN_KEY_FILE.mention() + ", restore with the same key)"
                        : " is not a statement pgcarry writes; the archive was altered or does not come from pgcarry backup"));
            }
        }
    }

    /** How many statements of {@code statements} a restore accepts only from a signed archive. */
    static long needingSignature(List<ScriptStatement> statements, boolean withPrivileges) {
        return statements.stream().filter(st -> UNTRUSTED_FUNCTION.equals(refusal(st, withPrivileges, false))).count();
    }

    /** Null when pgcarry writes statements of this shape for this object; otherwise the statement's kind. */
    static String refusal(ScriptStatement statement, boolean withPrivileges, boolean signed) {
        String sql = statement.sql();
        String several = oneStatement(sql);
        if (several != null) {
            return several;
        }
        SqlWords words = SqlWords.of(sql);
        String kind = kind(words);
        ObjectId id = statement.object();
        if (id == null) {
            return kind;
        }
        if (id.kind() == ObjectKind.DEFAULT_PRIVILEGES && !withPrivileges) {
            return kind + " in an archive taken without " + Setting.WITH_PRIVILEGES.mention();
        }
        if (isExtra(sql, words)) {
            boolean privilege = !sql.startsWith("COMMENT ON ") && !sql.startsWith("SECURITY LABEL FOR ");
            return privilege && !withPrivileges ? kind + " in an archive taken without " + Setting.WITH_PRIVILEGES.mention() : null;
        }
        if ((id.kind() == ObjectKind.FUNCTION || id.kind() == ObjectKind.PROCEDURE) && !trustedLanguage(words)) {
            return signed && creates(statement, id, words) ? null : UNTRUSTED_FUNCTION;
        }
        return creates(statement, id, words) ? loadRefusal(statement) : kind;
    }

    /**
     * Null when the statement's load role, whose steps a restore runs in place of the statement, has the shape pgcarry
     * writes for its object: a key's own unique index on its table, then the clause that attaches it; a foreign key's
     * statement NOT VALID, then its validation.
     */
    private static String loadRefusal(ScriptStatement statement) {
        LoadRole load = statement.load();
        if (load == null) {
            return null;
        }
        ObjectId id = statement.object();
        boolean kindMatches = load.kind() == LoadRole.Kind.INDEX ? id.kind() == ObjectKind.INDEX : id.kind() == ObjectKind.CONSTRAINT;
        if (!kindMatches || !load.inTwoSteps()) {
            return kindMatches ? null : "a load step of another kind of object";
        }
        String alter = "ALTER TABLE " + id.sqlTable() + " ";
        String name = Identifiers.quote(id.name());
        List<String> steps = load.steps();
        String problem = switch (load.kind()) {
            case INDEX -> "an index in two steps";
            case FOREIGN_KEY -> steps.get(0).equals(statement.sql() + " NOT VALID")
                    && steps.get(1).equals(alter + "VALIDATE CONSTRAINT " + name) ? null : "is not its statement NOT VALID, then VALIDATE";
            case KEY -> !steps.get(1).startsWith(alter + "ADD CONSTRAINT " + name + " ") ? "a key attach step on another table or constraint"
                    : BuildShapes.firstProblem(BuildShapes.keyAttach(steps.get(1).substring((alter + "ADD CONSTRAINT " + name + " ").length()), id.name()),
                    BuildShapes.index(steps.get(0), new QualifiedName(id.schema(), id.table().name()), id.name(), true));
        };
        return problem == null ? null : "a two-step build that " + problem;
    }

    /** Null when {@code sql} is exactly one statement; otherwise what else it holds. */
    private static String oneStatement(String sql) {
        try (SqlScriptReader reader = new SqlScriptReader(new StringReader(sql), Manifest.FILE)) {
            int items = 0;
            ScriptItem item;
            while ((item = reader.next()) != null) {
                if (item instanceof MetaCommand meta) {
                    return "psql meta-command \\" + meta.name();
                }
                items++;
            }
            return items == 1 ? null : items == 0 ? "an empty statement" : "several statements in one (" + items + ")";
        } catch (PgCarryException e) {
            return "text that is not one SQL statement (" + e.getMessage() + ")";
        }
    }

    /** Comment, security labels, owner and grants that follow a creation ({@code schema.ObjectExtras}). */
    private static boolean isExtra(String sql, SqlWords words) {
        if (sql.startsWith("COMMENT ON ") || sql.startsWith("SECURITY LABEL FOR ")) {
            return true;
        }
        if (sql.startsWith("ALTER ") && !words.leading(2).matches("alter (system|role|user|group)")
                && sql.matches("(?s)ALTER .* OWNER TO \"([^\"]|\"\")*\"")) {
            return true;
        }
        // A GRANT or REVOKE without ON grants or revokes a role's membership, which pgcarry never writes.
        return (sql.startsWith("GRANT ") || sql.startsWith("REVOKE ")) && words.hasTopLevel("on") && !words.has("program");
    }

    /** A subscription as pgcarry creates it: without connecting to the publisher, and with no password in its connection string. */
    private static boolean subscription(String sql, ObjectId id) {
        java.util.regex.Matcher create = Pattern.compile("(?s)CREATE SUBSCRIPTION \\Q" + id.sqlName() + "\\E CONNECTION '((?:[^']|'')*)'"
                + " PUBLICATION .+ WITH \\(connect = false, slot_name = .*\\)").matcher(sql);
        return create.matches() && !Conninfo.holdsPassword(create.group(1).replace("''", "'"));
    }

    private static boolean creates(ScriptStatement statement, ObjectId id, SqlWords words) {
        String sql = statement.sql();
        return switch (id.kind()) {
            case SCHEMA -> sql.equals("CREATE SCHEMA " + id.sqlName())
                    || id.name().equals("public") && sql.equals("CREATE SCHEMA IF NOT EXISTS public");
            case EXTENSION -> sql.startsWith("CREATE EXTENSION IF NOT EXISTS " + id.sqlName() + " WITH SCHEMA ");
            case ENUM -> sql.startsWith("CREATE TYPE " + id.sqlName() + " AS ENUM (");
            case COMPOSITE -> sql.startsWith("CREATE TYPE " + id.sqlName() + " AS (");
            case RANGE -> sql.startsWith("CREATE TYPE " + id.sqlName() + " AS RANGE (");
            case SHELL_TYPE -> sql.equals("CREATE TYPE " + id.sqlName());
            // the definition is computed in SQL, which quotes names only where needed
            case BASE_TYPE -> sql.matches("(?s)CREATE TYPE " + written(id.schema()) + "\\." + written(id.name()) + " \\(.*");
            case AGGREGATE -> sql.startsWith("CREATE AGGREGATE ");
            case RULE -> sql.startsWith("CREATE RULE ") || sql.matches("ALTER TABLE \\Q" + id.sqlTable()
                    + "\\E (DISABLE|ENABLE REPLICA|ENABLE ALWAYS) RULE \\Q" + Identifiers.quote(id.name()) + "\\E");
            case STATISTICS -> sql.startsWith("CREATE STATISTICS ") || sql.matches("ALTER STATISTICS \\Q" + id.sqlName()
                    + "\\E SET STATISTICS \\d+");
            case DOMAIN -> sql.startsWith("CREATE DOMAIN " + id.sqlName() + " AS ")
                    || sql.startsWith("ALTER DOMAIN " + id.sqlName() + " ADD CONSTRAINT ");
            case SEQUENCE -> sql.startsWith("CREATE SEQUENCE " + id.sqlName() + "\n") || sql.startsWith("CREATE UNLOGGED SEQUENCE "
                    + id.sqlName() + "\n") || sql.startsWith("ALTER SEQUENCE " + id.sqlName() + " OWNED BY ");
            case FUNCTION, PROCEDURE -> sql.startsWith("CREATE OR REPLACE " + id.kind().name() + " ");
            case TABLE -> createsTable(sql, id);
            case COLUMN -> sql.startsWith("ALTER TABLE " + id.sqlTable() + " ADD COLUMN " + Identifiers.quote(id.name()) + " ")
                    || sql.matches("ALTER TABLE ONLY \\Q" + id.sqlTable() + "\\E ALTER COLUMN \\Q" + Identifiers.quote(id.name())
                    + "\\E SET (STORAGE (PLAIN|EXTERNAL|MAIN|EXTENDED)|COMPRESSION (pglz|lz4)|STATISTICS \\d+)");
            case VIEW -> sql.startsWith("CREATE VIEW " + id.sqlName() + " ")
                    || sql.matches("(?s)ALTER VIEW \\Q" + id.sqlName() + "\\E ALTER COLUMN " + QUOTED + " SET DEFAULT .+");
            case MATERIALIZED_VIEW -> sql.startsWith("CREATE MATERIALIZED VIEW " + id.sqlName() + " ")
                    || sql.matches("ALTER TABLE ONLY \\Q" + id.sqlName() + "\\E ALTER COLUMN " + QUOTED
                    + " SET (STORAGE (PLAIN|EXTERNAL|MAIN|EXTENDED)|COMPRESSION (pglz|lz4)|STATISTICS \\d+)");
            case CONSTRAINT -> sql.startsWith("ALTER TABLE " + id.sqlTable() + " ADD CONSTRAINT " + Identifiers.quote(id.name()) + " ")
                    || clusterOn(sql, id);
            // with the indexes of its partitions, each attached to its parent's (schema.PartitionIndexes)
            case INDEX -> sql.startsWith("CREATE INDEX ") || sql.startsWith("CREATE UNIQUE INDEX ") || clusterOn(sql, id)
                    || sql.matches("ALTER INDEX " + QUOTED + "\\." + QUOTED + " ATTACH PARTITION " + QUOTED + "\\." + QUOTED);
            case TRIGGER -> createsTrigger(sql, id);
            case POLICY -> sql.startsWith("CREATE POLICY " + Identifiers.quote(id.name()) + " ON " + id.sqlTable() + " AS ");
            case FOREIGN_DATA_WRAPPER -> sql.matches("(?s)CREATE FOREIGN DATA WRAPPER " + written(id.name()) + "( .*)?");
            case FOREIGN_SERVER -> sql.matches("(?s)CREATE SERVER " + written(id.name()) + " .*");
            case USER_MAPPING -> sql.equals("CREATE USER MAPPING " + id.sqlName()) || sql.startsWith("CREATE USER MAPPING " + id.sqlName() + " OPTIONS (");
            case FOREIGN_TABLE -> sql.matches("(?s)CREATE FOREIGN TABLE " + written(id.schema()) + "\\." + written(id.name()) + " \\(.*");
            case PUBLICATION -> sql.matches("(?s)CREATE PUBLICATION " + written(id.name()) + " .*");
            case SUBSCRIPTION -> subscription(sql, id);
            case EVENT_TRIGGER -> sql.matches("(?s)CREATE EVENT TRIGGER " + written(id.name()) + " ON .*")
                    || sql.matches("ALTER EVENT TRIGGER \\Q" + id.sqlName() + "\\E (DISABLE|ENABLE REPLICA|ENABLE ALWAYS)");
            case DEFAULT_PRIVILEGES -> sql.startsWith("ALTER DEFAULT PRIVILEGES FOR ROLE ");
            // only GRANT and REVOKE (see isExtra)
            case PRIVILEGES -> false;
            case LANGUAGE, COLLATION, OPERATOR, ACCESS_METHOD, OPERATOR_FAMILY, OPERATOR_CLASS, CAST, CONVERSION, TRANSFORM,
                    TEXT_SEARCH_PARSER, TEXT_SEARCH_TEMPLATE, TEXT_SEARCH_DICTIONARY, TEXT_SEARCH_CONFIGURATION -> supportObject(sql, id);
        };
    }

    /** A table's CREATE and the statements of its own that follow it (row security, replica identity, attach, inherit). */
    private static boolean createsTable(String sql, ObjectId id) {
        return sql.startsWith("CREATE TABLE " + id.sqlName() + " ") || sql.startsWith("CREATE UNLOGGED TABLE " + id.sqlName() + " ")
                || sql.equals("ALTER TABLE " + id.sqlName() + " ENABLE ROW LEVEL SECURITY")
                || sql.equals("ALTER TABLE " + id.sqlName() + " FORCE ROW LEVEL SECURITY")
                || sql.matches("ALTER TABLE \\Q" + id.sqlName() + "\\E REPLICA IDENTITY (DEFAULT|FULL|NOTHING|INDEX)")
                // a partition or child created on its own to keep its column order, then attached (schema.ColumnOrder)
                || sql.matches("(?s)ALTER TABLE ONLY " + QUOTED + "\\." + QUOTED + " ATTACH PARTITION \\Q" + id.sqlName()
                + "\\E (FOR VALUES .+|DEFAULT)")
                || sql.matches("ALTER TABLE ONLY \\Q" + id.sqlName() + "\\E INHERIT " + QUOTED + "\\." + QUOTED)
                || sql.matches("(?s)ALTER TABLE ONLY \\Q" + id.sqlName() + "\\E ALTER COLUMN " + QUOTED + " (SET NOT NULL|DROP DEFAULT|SET DEFAULT .+)")
                // a partition's or child's own settings of the columns it takes from its parent
                || sql.matches("ALTER TABLE ONLY \\Q" + id.sqlName() + "\\E ALTER COLUMN " + QUOTED
                + " SET (STORAGE (PLAIN|EXTERNAL|MAIN|EXTENDED)|COMPRESSION (pglz|lz4|default)|STATISTICS \\d+)");
    }

    /** A trigger's CREATE, its enable state, and that of its clone on a partition. */
    private static boolean createsTrigger(String sql, ObjectId id) {
        return sql.startsWith("CREATE TRIGGER ") || sql.startsWith("CREATE CONSTRAINT TRIGGER ")
                || sql.matches("ALTER TABLE \\Q" + id.sqlTable() + "\\E (DISABLE|ENABLE REPLICA|ENABLE ALWAYS) TRIGGER \\Q"
                + Identifiers.quote(id.name()) + "\\E")
                // the trigger's clone on a partition, set otherwise than its parent's
                || sql.matches("ALTER TABLE " + QUOTED + "\\." + QUOTED + " (DISABLE|ENABLE|ENABLE REPLICA|ENABLE ALWAYS) TRIGGER " + QUOTED);
    }

    /** A support object's CREATE, and the family members and token mappings that follow it ({@code schema.SupportDdl}). */
    private static boolean supportObject(String sql, ObjectId id) {
        String keyword = id.kind().name().replace('_', ' ');
        return switch (id.kind()) {
            case LANGUAGE -> sql.startsWith("CREATE LANGUAGE ") || sql.startsWith("CREATE TRUSTED LANGUAGE ");
            case CONVERSION -> sql.startsWith("CREATE CONVERSION ") || sql.startsWith("CREATE DEFAULT CONVERSION ");
            case OPERATOR_FAMILY -> sql.startsWith("CREATE OPERATOR FAMILY ") || sql.startsWith("ALTER OPERATOR FAMILY " + id.sqlName() + " ADD ");
            case TEXT_SEARCH_CONFIGURATION -> sql.startsWith("CREATE TEXT SEARCH CONFIGURATION ")
                    || sql.startsWith("ALTER TEXT SEARCH CONFIGURATION " + id.sqlName() + " ADD MAPPING FOR ");
            default -> sql.startsWith("CREATE " + keyword + " ");
        };
    }

    /** A name as a definition computed in SQL writes it (quoted only when needed, as %I does), or always quoted. */
    private static String written(String name) {
        return "(" + Pattern.quote(Identifiers.quote(name)) + "|" + Pattern.quote(Identifiers.display(name)) + ")";
    }

    private static boolean clusterOn(String sql, ObjectId id) {
        return sql.equals("ALTER TABLE ONLY " + id.sqlTable() + " CLUSTER ON " + Identifiers.quote(id.name()))
                || sql.equals("ALTER TABLE ONLY " + id.sqlTable() + " REPLICA IDENTITY USING INDEX " + Identifiers.quote(id.name()));
    }

    /** A function in C, {@code internal} or an untrusted procedural language can run anything as the server's OS user. */
    private static boolean trustedLanguage(SqlWords words) {
        List<SqlWords.Word> top = words.words().stream().filter(w -> w.depth() == 0).toList();
        for (int i = 0; i + 1 < top.size(); i++) {
            if (top.get(i).text().equals("language") && UNTRUSTED_LANGUAGES.contains(top.get(i + 1).text())) {
                return false;
            }
        }
        return true;
    }

    /** What kind of statement this is, for the message. */
    static String kind(SqlWords words) {
        String two = words.leading(2);
        String first = words.leading(1);
        if (first.equals("copy")) {
            return words.hasTopLevel("program") ? "COPY ... PROGRAM" : "COPY";
        }
        if (two.equals("alter system")) {
            return "ALTER SYSTEM";
        }
        if (two.matches("(create|alter|drop) (role|user|group)")) {
            return two.toUpperCase(Locale.ROOT) + " (a role change)";
        }
        if (two.equals("set role") || two.equals("reset role") || words.leading(3).equals("set session authorization")) {
            return "SET ROLE / SET SESSION AUTHORIZATION";
        }
        if (first.equals("do")) {
            return "a DO block";
        }
        if (first.equals("select") || first.equals("with") || first.equals("values")) {
            return "a SELECT (function calls)";
        }
        if (words.hasTopLevel("owner") && first.equals("alter")) {
            return "ALTER ... OWNER TO";
        }
        if (first.equals("grant") || first.equals("revoke")) {
            return first.toUpperCase(Locale.ROOT) + (words.hasTopLevel("on") ? "" : " of a role's membership");
        }
        return two.isEmpty() ? "an empty statement" : "a " + two.toUpperCase(Locale.ROOT) + " statement";
    }

    /** The line in the manifest's JSON where each statement of {@code field} starts, so a refusal can point at it. */
    private static List<Integer> lines(byte[] json, String field) {
        List<Integer> lines = new ArrayList<>();
        try (JsonParser parser = new JsonFactory().createParser(json)) {
            int depth = 0;
            boolean inField = false;
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (token == JsonToken.FIELD_NAME && depth == 1) {
                    inField = parser.getCurrentName().equals(field);
                } else if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                    if (inField && depth == 2 && token == JsonToken.START_OBJECT) {
                        lines.add(parser.getTokenLocation().getLineNr());
                    }
                    depth++;
                } else if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                    depth--;
                }
            }
        } catch (IOException e) {
            return List.of();
        }
        return lines;
    }
}
