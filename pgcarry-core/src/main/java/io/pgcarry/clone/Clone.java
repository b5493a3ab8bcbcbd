package io.pgcarry.clone;

import io.pgcarry.arrival.SchemaArrival;
import io.pgcarry.arrival.SchemaCheck;
import io.pgcarry.catalog.CatalogReader;
import io.pgcarry.catalog.QualifiedName;
import io.pgcarry.catalog.RowSecurity;
import io.pgcarry.check.CheckOptions;
import io.pgcarry.check.ChecksFailedException;
import io.pgcarry.check.ExcludedData;
import io.pgcarry.connect.Connector;
import io.pgcarry.connect.Sessions;
import io.pgcarry.copy.CopyProgress;
import io.pgcarry.error.ConfigurationException;
import io.pgcarry.error.DatabaseException;
import io.pgcarry.error.Setting;
import io.pgcarry.error.SqlErrors;
import io.pgcarry.largeobject.LargeObjects;
import io.pgcarry.move.Move;
import io.pgcarry.move.MoveRequest;
import io.pgcarry.move.MoveResult;
import io.pgcarry.plan.Mapping;
import io.pgcarry.plan.TableSelection;
import io.pgcarry.report.Counts;
import io.pgcarry.schema.LocalAttributes;
import io.pgcarry.schema.ObjectId;
import io.pgcarry.schema.ObjectKind;
import io.pgcarry.schema.SchemaModel;
import io.pgcarry.schema.SchemaObject;
import io.pgcarry.schema.SchemaScript;
import io.pgcarry.schema.SchemaSource;
import io.pgcarry.schema.ScriptRunner;
import io.pgcarry.schema.ScriptStatement;
import io.pgcarry.schema.UnmodelledObjects;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@code pgcarry clone} as a service. The schema script runs in one transaction, so a failure or a kill
 * before the data leaves the target empty; from then on the move's journal makes the clone resumable.
 */
public final class Clone {
    private final Connector connector;

    public Clone(Connector connector) {
        this.connector = connector;
    }

    public CloneResult run(CloneRequest request, CopyProgress progress) {
        return execute(request, progress, false);
    }

    /** Continues a clone whose data load was interrupted: the schema is in place, the journal knows the rest. */
    public CloneResult resume(CloneRequest request, CopyProgress progress) {
        return execute(request, progress, true);
    }

    private CloneResult execute(CloneRequest request, CopyProgress progress, boolean resume) {
        long started = System.nanoTime();
        progress.phase("reading the schema");
        SchemaModel source = new SchemaSource(connector).read(request.from(), request.withPrivileges());
        UnmodelledObjects.require(source, request.skipUnmodelled(), "clone");
        // A resumed clone's schema is already there: it only finishes the move and what comes after it.
        int statements = resume ? 0 : createTargetSchema(request, source, progress);
        MoveResult moved = moveRows(request, source, progress, resume, statements);
        addNotValidChecks(request, source, resume);
        createSchema(request, LocalAttributes.afterLoad(source));
        int refreshed = refreshMaterializedViews(request, source);
        addLastStatements(request, source, resume);
        progress.phase("comparing the schemas");
        SchemaCheck schema = schemaArrived(request, source);
        return new CloneResult(statements, source.warnings(), refreshed, moved, (System.nanoTime() - started) / 1e9, schema);
    }

    /**
     * Refuses a target or source the clone could not finish on, then creates the schema but for what must wait for the
     * rows (NOT VALID checks, statements that run last); returns the script's statement count.
     */
    private int createTargetSchema(CloneRequest request, SchemaModel source, CopyProgress progress) {
        SchemaModel target = new SchemaSource(connector).read(request.to(), false);
        target.requireEmpty("clone into an empty database, or finish an interrupted clone with " + Setting.RESUME.mention());
        requireRowsVisible(request, source);
        requireLargeObjectsCarried(request);
        requireReferencesKept(request);
        progress.phase("creating the schema");
        SchemaScript script = SchemaScript.of(source);
        createSchema(request, script.statements().stream()
                .filter(s -> !SchemaScript.addsNotValidCheck(s, source) && !SchemaScript.runsLast(s)).toList());
        copyMappingPasswords(request, source);
        return script.statements().size();
    }

    /** The rows, by a move of every table whose data is kept, into the schema just created (or left by the first run). */
    private MoveResult moveRows(CloneRequest request, SchemaModel source, CopyProgress progress, boolean resume, int statements) {
        List<String> notCopied = new ArrayList<>(request.excludeTableData());
        notCopied.addAll(tablesLeftOut(request, source));
        CheckOptions options = new CheckOptions(Mapping.EMPTY, TableSelection.everythingBut(notCopied), false, false, true);
        MoveRequest move = new MoveRequest(request.from(), request.to(), options, request.jobs(), MoveRequest.DEFAULT_SPLIT_ROWS,
                request.validation(), request.withPrivileges());
        try {
            return resume ? new Move(connector).resume(move, progress) : new Move(connector).run(move, progress);
        } catch (ChecksFailedException e) {
            if (resume) {
                throw e;
            }
            // the schema is already on the target: saying "nothing was changed" would be false
            throw new ChecksFailedException(e.report(), "the schema was created on the target (" + statements
                    + " statements) but no row was copied; drop and recreate the target database before cloning again");
        }
    }

    /**
     * Refuses, before anything is written, a clone that row-level security would make fail half-way or miss rows:
     * policies that filter what the source role reads, and target tables whose policies would apply to the loading role
     * (forced on their owner, or owned by another role with --with-privileges) unless it bypasses them.
     */
    private void requireRowsVisible(CloneRequest request, SchemaModel source) {
        List<SchemaObject> secured = source.ofKind(ObjectKind.TABLE).stream()
                .filter(t -> "enabled".equals(t.attribute("row_security"))).toList();
        if (secured.isEmpty()) {
            return;
        }
        try (Connection from = Sessions.prepare(connector.open(request.from()))) {
            RowSecurity.require(from, secured.stream().map(t -> new QualifiedName(t.id().schema(), t.id().name())).toList(), "the source");
        } catch (SQLException e) {
            throw SqlErrors.translate("checking row-level security on the source", e);
        }
        try (Connection to = Sessions.prepare(connector.open(request.to()));
             Statement s = to.createStatement();
             ResultSet rs = s.executeQuery("SELECT rolsuper OR rolbypassrls, current_user FROM pg_roles WHERE rolname = current_user")) {
            rs.next();
            if (rs.getBoolean(1)) {
                return;
            }
            String role = rs.getString(2);
            List<String> applying = secured.stream()
                    .filter(t -> t.flag("force_row_security") || request.withPrivileges() && t.attribute("owner") != null
                            && !t.attribute("owner").equals(role))
                    .map(t -> new QualifiedName(t.id().schema(), t.id().name()).toString()).toList();
            if (!applying.isEmpty()) {
                throw new DatabaseException("row-level security policies would apply to role " + role + " on the target's "
                        + String.join(", ", applying) + " (forced on the owner, or owned by another role), so COPY could not load them; "
                        + "clone as a role with BYPASSRLS", "42501", null);
            }
        } catch (SQLException e) {
            throw SqlErrors.translate("checking the target role", e);
        }
    }

    /**
     * Refuses, before anything is written, a target that holds large objects (it is not empty) and source large objects
     * the role may not read (the copy would stop half-way, with the schema already created).
     */
    private void requireLargeObjectsCarried(CloneRequest request) {
        try (Connection to = Sessions.prepare(connector.open(request.to()))) {
            long present = LargeObjects.count(to);
            if (present > 0) {
                throw new ConfigurationException("the target database is not empty: it holds "
                        + Counts.of(present, "large object") + "; clone into an empty database");
            }
        } catch (SQLException e) {
            throw SqlErrors.translate("counting the target's large objects", e);
        }
        try (Connection from = Sessions.prepare(connector.open(request.from()))) {
            LargeObjects.requireReadable(from, "the source", "clone");
        } catch (SQLException e) {
            throw SqlErrors.translate("checking the source's large objects", e);
        }
    }

    /** Tables the schema script leaves out (typed tables, with --skip-unmodelled): their rows have nowhere to go. */
    private List<String> tablesLeftOut(CloneRequest request, SchemaModel source) {
        if (source.warnings().isEmpty()) {
            return List.of();
        }
        try (Connection from = Sessions.prepare(connector.open(request.from()))) {
            // An extension's configuration table is in no script: its CREATE EXTENSION makes it.
            return CatalogReader.read(from).tables().values().stream().filter(t -> !t.extensionConfig()).map(t -> t.name())
                    .filter(t -> source.find(new ObjectId(ObjectKind.TABLE, t.schema(), t.name(), null)).isEmpty())
                    .map(QualifiedName::sql).toList();
        } catch (SQLException e) {
            throw SqlErrors.translate("listing the source's tables", e);
        }
    }

    private void requireReferencesKept(CloneRequest request) {
        if (request.excludeTableData().isEmpty()) {
            return;
        }
        try (Connection from = Sessions.prepare(connector.open(request.from()))) {
            ExcludedData.requireReferencesKept(from, CatalogReader.read(from), TableSelection.everythingBut(request.excludeTableData()));
        } catch (SQLException e) {
            throw SqlErrors.translate("checking the foreign keys of left-out table data", e);
        }
    }

    /**
     * Adds the NOT VALID checks after the load, as pg_dump does (rows may break them). A resumed clone adds those the
     * interrupted run did not reach.
     */
    private void addNotValidChecks(CloneRequest request, SchemaModel source, boolean resume) {
        SchemaModel target = resume ? new SchemaSource(connector).read(request.to(), false) : null;
        createSchema(request, SchemaScript.of(source).statements().stream()
                .filter(s -> SchemaScript.addsNotValidCheck(s, source))
                .filter(s -> target == null || !sameOn(target, source, s.object()))
                .toList());
    }

    /**
     * Event triggers and default privileges, once everything else is in (see {@link SchemaScript#runsLast}). A resumed
     * clone adds the event triggers the interrupted run did not reach; default privileges are set again, which changes
     * nothing when they are already set.
     */
    private void addLastStatements(CloneRequest request, SchemaModel source, boolean resume) {
        SchemaModel target = resume ? new SchemaSource(connector).read(request.to(), false) : null;
        createSchema(request, SchemaScript.of(source).statements().stream()
                .filter(SchemaScript::runsLast)
                .filter(s -> target == null || s.object().kind() != ObjectKind.EVENT_TRIGGER || target.find(s.object()).isEmpty())
                .toList());
    }

    /** The password options of user mappings, which no script holds, database to database ({@link MappingPasswords}). */
    private void copyMappingPasswords(CloneRequest request, SchemaModel source) {
        if (source.ofKind(ObjectKind.USER_MAPPING).stream().noneMatch(m -> m.attribute("withheld") != null)) {
            return;
        }
        try (Connection from = Sessions.prepare(connector.open(request.from()));
             Connection to = Sessions.prepare(connector.open(request.to()))) {
            MappingPasswords.copy(from, to, source);
        } catch (SQLException e) {
            throw SqlErrors.translate("copying the password options of user mappings", e);
        }
    }

    private static boolean sameOn(SchemaModel target, SchemaModel source, ObjectId id) {
        return target.find(id).map(t -> Objects.equals(t.attributes(), source.find(id).orElseThrow().attributes()))
                .orElse(false);
    }

    private void createSchema(CloneRequest request, List<ScriptStatement> statements) {
        if (statements.isEmpty()) {
            return;
        }
        try (Connection target = Sessions.prepare(connector.open(request.to()))) {
            target.setAutoCommit(false);
            ScriptRunner.run(target, statements);
            target.commit();
        } catch (SQLException e) {
            throw SqlErrors.translate("creating the schema on the target", e);
        }
    }

    private SchemaCheck schemaArrived(CloneRequest request, SchemaModel source) {
        try (Connection target = Sessions.prepare(connector.open(request.to()))) {
            return SchemaArrival.ofClone(target, source);
        } catch (SQLException e) {
            throw SqlErrors.translate("reading the target's schema after the clone", e);
        }
    }

    private int refreshMaterializedViews(CloneRequest request, SchemaModel source) {
        List<String> views = SchemaScript.refreshes(SchemaScript.of(source).statements());
        if (views.isEmpty()) {
            return 0;
        }
        try (Connection target = Sessions.prepare(connector.open(request.to())); Statement s = target.createStatement()) {
            for (String refresh : Sessions.underRowSecurity(views)) {
                s.execute(refresh);
            }
            return views.size();
        } catch (SQLException e) {
            throw SqlErrors.translate("refreshing materialized views on the target", e);
        }
    }
}
