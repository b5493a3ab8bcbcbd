package io.pgcarry.schema;

import io.pgcarry.catalog.Identifiers;
import io.pgcarry.schema.Hazard.Kind;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Changes to enums, domains and extensions. */
final class TypeChanges {
    private TypeChanges() {
    }

    /**
     * New labels are added in place, at their position in SOURCE. Labels TARGET has and SOURCE lacks, or a
     * different order, would need a new type and a rewrite of every column using it: left to a person.
     */
    static void enumLabels(StatementWriter writer, SchemaObject wanted, SchemaObject found) {
        ObjectId id = wanted.id();
        List<String> want = Ddl.jsonStrings(wanted.attribute("labels"));
        List<String> have = Ddl.jsonStrings(found.attribute("labels"));
        List<String> kept = want.stream().filter(have::contains).toList();
        if (!have.equals(kept)) {
            writer.emitCommented(Step.PRE_DATA, id, "labels of " + id + " in TARGET " + have + " are not a subset of SOURCE's " + want
                    + " in the same order: removing or reordering labels needs a new type", List.of(Hazard.of(Kind.MANUAL)));
            return;
        }
        for (int i = 0; i < want.size(); i++) {
            String label = want.get(i);
            if (have.contains(label)) {
                continue;
            }
            String position = i + 1 < want.size() ? " BEFORE " + Identifiers.literal(want.get(i + 1)) : "";
            // Adding before a label that is itself new is not possible; the one after a new label is added first.
            String next = i + 1 < want.size() ? want.get(i + 1) : null;
            if (next != null && !have.contains(next)) {
                position = i > 0 ? " AFTER " + Identifiers.literal(want.get(i - 1)) : "";
            }
            writer.emit(Step.PRE_DATA, id, "ALTER TYPE " + id.sqlName() + " ADD VALUE " + Identifiers.literal(label) + position,
                    List.of(new Hazard(Kind.MAY_FAIL, "the new label cannot be used in the same transaction")));
        }
    }

    static void domain(StatementWriter writer, SchemaObject wanted, SchemaObject found, List<AttributeChange> changes) {
        ObjectId id = wanted.id();
        String alter = "ALTER DOMAIN " + id.sqlName();
        for (AttributeChange change : changes) {
            switch (change.attribute()) {
                case "default" -> writer.emit(Step.PRE_DATA, id, alter + (change.source() == null ? " DROP DEFAULT" : " SET DEFAULT " + change.source()), List.of());
                case "not_null" -> writer.emit(Step.PRE_DATA, id, alter + (change.source() == null ? " DROP NOT NULL" : " SET NOT NULL"),
                        change.source() == null ? List.of() : List.of(new Hazard(Kind.MAY_FAIL, "NULLs in columns of the domain: not measured"),
                                Hazard.of(Kind.FULL_SCAN)));
                case "checks" -> domainChecks(writer, id, Ddl.jsonObject(change.source()), Ddl.jsonObject(change.target()));
                case "check_comments" -> { }
                default -> writer.emitCommented(Step.PRE_DATA, id, change.attribute() + " of " + id + " differs: " + change.source()
                        + " in SOURCE, " + change.target() + " in TARGET; the domain and its columns must be recreated",
                        List.of(Hazard.of(Kind.MANUAL)));
            }
        }
        checkComments(writer, wanted, found);
    }

    /** The comments on checks that differ, or whose check was added again (after the checks: they name them). */
    private static void checkComments(StatementWriter writer, SchemaObject wanted, SchemaObject found) {
        Map<String, String> checks = Ddl.jsonObject(wanted.attribute("checks"));
        Map<String, String> had = Ddl.jsonObject(found.attribute("checks"));
        Map<String, String> want = Ddl.jsonObject(wanted.attribute("check_comments"));
        Map<String, String> have = Ddl.jsonObject(found.attribute("check_comments"));
        for (String check : checks.keySet()) {
            boolean readded = !checks.get(check).equals(had.get(check));
            String comment = want.get(check);
            if (readded ? comment != null : !Objects.equals(comment, have.get(check))) {
                writer.emit(Step.PRE_DATA, wanted.id(), "COMMENT ON CONSTRAINT " + Identifiers.quote(check) + " ON DOMAIN "
                        + wanted.id().sqlName() + " IS " + (comment == null ? "NULL" : Identifiers.literal(comment)), List.of());
            }
        }
    }

    static void extension(StatementWriter writer, SchemaObject wanted, List<AttributeChange> changes) {
        ObjectId id = wanted.id();
        for (AttributeChange change : changes) {
            if (change.attribute().equals("version")) {
                writer.emit(Step.PRE_DATA, id, "ALTER EXTENSION " + id.sqlName() + " UPDATE TO " + Identifiers.literal(change.source()),
                        List.of(new Hazard(Kind.MAY_FAIL, "the version must be installed on TARGET's server")));
            } else if (change.attribute().equals("schema")) {
                writer.emit(Step.PRE_DATA, id, "ALTER EXTENSION " + id.sqlName() + " SET SCHEMA " + change.source(), List.of());
            }
        }
    }

    /** Checks that differ are dropped and added again NOT VALID, then validated (which does not block writes). */
    private static void domainChecks(StatementWriter writer, ObjectId id, Map<String, String> want, Map<String, String> have) {
        String alter = "ALTER DOMAIN " + id.sqlName();
        have.forEach((name, definition) -> {
            if (!definition.equals(want.get(name))) {
                writer.emit(Step.PRE_DATA, id, alter + " DROP CONSTRAINT " + Identifiers.quote(name), List.of());
            }
        });
        want.forEach((name, definition) -> {
            if (definition.endsWith(" NOT VALID") && !definition.equals(have.get(name))) {
                // NOT VALID in SOURCE too: left unvalidated there, so here
                writer.emit(Step.PRE_DATA, id, alter + " ADD CONSTRAINT " + Identifiers.quote(name) + " " + definition, List.of());
            } else if (!definition.equals(have.get(name))) {
                writer.emit(Step.PRE_DATA, id, alter + " ADD CONSTRAINT " + Identifiers.quote(name) + " " + definition + " NOT VALID", List.of());
                writer.emit(Step.PRE_DATA, id, alter + " VALIDATE CONSTRAINT " + Identifiers.quote(name),
                        List.of(Hazard.of(Kind.FULL_SCAN), new Hazard(Kind.MAY_FAIL, "values of the domain's columns: not measured")));
            }
        });
    }
}
