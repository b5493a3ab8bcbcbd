package io.pgcarry.schema;

import io.pgcarry.catalog.Identifiers;
import io.pgcarry.catalog.SqlResource;
import java.util.List;

/**
 * The objects that support types and functions (operators, operator families and classes, casts, collations,
 * conversions, access methods, procedural languages, transforms, text search parsers, templates, dictionaries and
 * configurations): the queries that read them ({@code SupportObjects.sql}) and how they are named, in SQL and to people.
 * Operators are named with their argument types, operator families and classes with their access method (their id's
 * parent), casts and transforms by what they convert.
 */
final class SupportObjects {
    static final SqlResource SQL = SqlResource.of(SupportObjects.class);
    static final List<String> QUERIES = List.of("languages", "collations", "operators", "access_methods", "operator_families",
            "operator_classes", "casts", "conversions", "transforms", "text_search_parsers", "text_search_templates",
            "text_search_dictionaries", "text_search_configurations");

    private SupportObjects() {
    }

    /** Whether the kind's SQL name is not the usual {@code "schema"."name"}. */
    static boolean namedOtherwise(ObjectKind kind) {
        return switch (kind) {
            case OPERATOR, OPERATOR_FAMILY, OPERATOR_CLASS, CAST, TRANSFORM, ACCESS_METHOD, LANGUAGE -> true;
            default -> false;
        };
    }

    /** The name as DROP, COMMENT ON and ALTER ... OWNER TO take it after the kind's keywords. */
    static String sqlName(ObjectId id) {
        return switch (id.kind()) {
            // an operator's name is not an identifier: never quoted
            case OPERATOR -> Identifiers.quote(id.schema()) + "." + id.name();
            case OPERATOR_FAMILY, OPERATOR_CLASS -> Identifiers.quote(id.schema()) + "." + Identifiers.quote(id.name()) + " USING "
                    + Identifiers.quote(id.parent());
            // "(integer AS s.t)" and "for s.t language l", written from the catalog with quoting done
            case CAST, TRANSFORM -> id.name();
            case ACCESS_METHOD, LANGUAGE -> Identifiers.quote(id.name());
            default -> Identifiers.quote(id.schema()) + "." + Identifiers.quote(id.name());
        };
    }

    /** The name as messages show it ({@code s.===(integer, integer)}, {@code s.int_ops using btree}). */
    static String display(ObjectId id) {
        return switch (id.kind()) {
            case OPERATOR -> Identifiers.display(id.schema()) + "." + id.name();
            case OPERATOR_FAMILY, OPERATOR_CLASS -> Identifiers.display(id.schema()) + "." + Identifiers.display(id.name()) + " using "
                    + Identifiers.display(id.parent());
            case CAST, TRANSFORM -> id.name();
            default -> id.schema() == null ? Identifiers.display(id.name())
                    : Identifiers.display(id.schema()) + "." + Identifiers.display(id.name());
        };
    }
}
