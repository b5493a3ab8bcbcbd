package io.pgcarry.schema;

import io.pgcarry.catalog.Identifiers;
import io.pgcarry.error.ConfigurationException;
import io.pgcarry.schema.Hazard.Kind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The statements of subscriptions. As pg_dump writes them, a subscription is created with {@code connect = false}: nothing
 * connects to the publisher, no replication slot is created or touched (the slot keeps the source's name), the copy is
 * disabled and none of its tables is subscribed yet ({@code ALTER SUBSCRIPTION ... ENABLE} and {@code REFRESH
 * PUBLICATION} are a person's decision). A drop lets go of the slot first, so that it never drops the publisher's slot,
 * which the original subscription may be using.
 */
final class SubscriptionDdl {
    /** The options CREATE SUBSCRIPTION takes beside connect and slot_name, in the order written, with how each is written. */
    private static final Map<String, Boolean> OPTIONS = options();
    /** Options that ALTER SUBSCRIPTION ... SET changes in place (two_phase and failover need a new subscription). */
    private static final List<String> SETTABLE = List.of("slot_name", "binary", "streaming", "disable_on_error", "password_required",
            "run_as_owner", "origin", "synchronous_commit");

    private SubscriptionDdl() {
    }

    private static Map<String, Boolean> options() {
        // true: the value is a string literal
        Map<String, Boolean> options = new LinkedHashMap<>();
        options.put("binary", false);
        options.put("streaming", false);
        options.put("two_phase", false);
        options.put("disable_on_error", false);
        options.put("password_required", false);
        options.put("run_as_owner", false);
        options.put("origin", true);
        options.put("failover", false);
        options.put("synchronous_commit", true);
        return options;
    }

    static String create(SchemaObject o) {
        List<String> with = new ArrayList<>(List.of("connect = false", "slot_name = " + slot(o.attribute("slot_name"))));
        OPTIONS.forEach((option, literal) -> {
            String value = o.attribute(option);
            if (value != null) {
                with.add(option + " = " + (literal ? Identifiers.literal(value) : value));
            }
        });
        return "CREATE SUBSCRIPTION " + o.id().sqlName() + " CONNECTION " + connection(o) + " PUBLICATION "
                + o.attribute("publications") + " WITH (" + String.join(", ", with) + ")";
    }

    /** {@code model} with its subscriptions disabled, as {@link #create} makes them. */
    static SchemaModel asCreated(SchemaModel model) {
        if (model.ofKind(ObjectKind.SUBSCRIPTION).stream().noneMatch(o -> o.flag("enabled"))) {
            return model;
        }
        List<SchemaObject> objects = model.objects().stream().map(o -> {
            if (o.kind() != ObjectKind.SUBSCRIPTION) {
                return o;
            }
            Map<String, String> attributes = new LinkedHashMap<>(o.attributes());
            attributes.remove("enabled");
            return new SchemaObject(o.id(), attributes, o.dependsOn());
        }).toList();
        return new SchemaModel(model.formatVersion(), model.serverVersion(), model.database(), model.withPrivileges(), objects,
                model.warnings());
    }

    /** Disabled, rid of its slot (left on the publisher as it is), then dropped: DROP alone would drop the slot there. */
    static List<String> drop(ObjectId id) {
        String alter = "ALTER SUBSCRIPTION " + id.sqlName();
        return List.of(alter + " DISABLE", alter + " SET (slot_name = NONE)", "DROP SUBSCRIPTION " + id.sqlName());
    }

    /** A plan's creation: the subscription, then (commented out) its enabling when the source's is enabled. */
    static void create(StatementWriter writer, SchemaObject wanted) {
        writer.emit(Step.POST_DATA, wanted.id(), create(wanted), List.of());
        if (wanted.flag("enabled")) {
            enable(writer, wanted, "ALTER SUBSCRIPTION " + wanted.id().sqlName());
        }
    }

    /** A plan's drop ({@link #drop(ObjectId)}), saying that the publisher keeps the slot. */
    static void drop(StatementWriter writer, SchemaObject found) {
        List<String> sql = drop(found.id());
        Hazard kept = new Hazard(Kind.MANUAL, found.attribute("slot_name") == null ? "it has no replication slot"
                : "the publisher's replication slot " + Identifiers.display(found.attribute("slot_name"))
                  + " is left as it is: drop it there once no subscription uses it");
        for (int i = 0; i < sql.size(); i++) {
            writer.emit(Step.DROP_DEPENDENTS, found.id(), sql.get(i), i == sql.size() - 1 ? List.of(kept) : List.of());
        }
    }

    /**
     * Writes the changes of a subscription in place where ALTER SUBSCRIPTION can make them; false when it must be made
     * again. Enabling is left to a person: it starts replication from the publisher through the slot.
     */
    static boolean write(StatementWriter writer, SchemaObject wanted, SchemaModel source, List<AttributeChange> changes) {
        List<String> inPlace = new ArrayList<>(SETTABLE);
        inPlace.addAll(List.of("conninfo", "publications", "enabled"));
        if (!changes.stream().allMatch(c -> inPlace.contains(c.attribute()))) {
            return false;
        }
        ObjectId id = wanted.id();
        String alter = "ALTER SUBSCRIPTION " + id.sqlName();
        List<String> set = new ArrayList<>();
        for (AttributeChange change : changes) {
            switch (change.attribute()) {
                case "conninfo" -> writer.emit(Step.POST_DATA, id, alter + " CONNECTION " + connection(wanted), List.of());
                case "publications" -> writer.emit(Step.POST_DATA, id, alter + " SET PUBLICATION " + wanted.attribute("publications")
                        + " WITH (refresh = false)", List.of());
                case "enabled" -> enable(writer, wanted, alter);
                case "slot_name" -> set.add("slot_name = " + slot(wanted.attribute("slot_name")));
                default -> set.add(change.attribute() + " = " + optionValue(wanted, change.attribute(), source));
            }
        }
        if (!set.isEmpty()) {
            writer.emit(Step.POST_DATA, id, alter + " SET (" + String.join(", ", set) + ")", set.stream().anyMatch(s -> s.startsWith("slot_name"))
                    ? List.of(new Hazard(Kind.MAY_FAIL, "the slot name changes only while the subscription is disabled")) : List.of());
        }
        return true;
    }

    private static void enable(StatementWriter writer, SchemaObject wanted, String alter) {
        if (wanted.flag("enabled")) {
            writer.emitCommented(Step.POST_DATA, wanted.id(), alter + " ENABLE  -- commented out: enabling starts replication from the"
                    + " publisher through its slot; enable it by hand once the slot is this subscription's alone", List.of(Hazard.of(Kind.MANUAL)));
        } else {
            writer.emit(Step.POST_DATA, wanted.id(), alter + " DISABLE", List.of());
        }
    }

    /** An option as written, its default when the object does not have it (streaming's default is parallel from 18 on). */
    private static String optionValue(SchemaObject o, String option, SchemaModel source) {
        String value = o.attribute(option);
        if (value == null) {
            value = switch (option) {
                case "streaming" -> source.serverVersion().matches("^(1[89]|[2-9]\\d).*") ? "parallel" : "off";
                case "password_required" -> "true";
                case "origin" -> "any";
                case "synchronous_commit" -> "off";
                default -> "false";
            };
        }
        return OPTIONS.get(option) ? Identifiers.literal(value) : value;
    }

    private static String slot(String name) {
        return name == null ? "NONE" : Identifiers.literal(name);
    }

    /** The connection string as a literal; never one holding a password (see {@link Conninfo}). */
    private static String connection(SchemaObject o) {
        String conninfo = o.attribute("conninfo");
        if (Conninfo.holdsPassword(conninfo)) {
            throw new ConfigurationException(o.id() + ": its connection string holds a password, which pgcarry never writes;"
                    + " move the password to the subscriber's password file (~/.pgpass or passfile=)");
        }
        return Identifiers.literal(conninfo);
    }
}
