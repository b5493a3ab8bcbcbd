package io.pgcarry.schema;

import java.util.regex.Pattern;

/**
 * Definitions as PostgreSQL prints them differ between major versions, so across majors they are compared in
 * a form both print alike: 16 and later leave out the table name before columns when a view reads one table
 * (so view definitions lose every qualifier, on both sides); 14 and later print the IN of procedure arguments; 14 and
 * later file some of an operator class's members under its family (compared as the family's {@code all_members}).
 */
final class PrintedDefinitions {
    private static final Pattern IN_ARGUMENT = Pattern.compile("(\\(|, )IN ");
    private static final Pattern QUALIFIER = Pattern.compile("(?<![\\w\".$])(\"(?:[^\"]|\"\")+\"|[A-Za-z_][A-Za-z0-9_$]*)\\.(?=[\"A-Za-z_])");

    private PrintedDefinitions() {
    }

    static String withoutQualifiers(String definition) {
        String previous;
        String current = definition;
        do {
            previous = current;
            current = QUALIFIER.matcher(previous).replaceAll("");
        } while (!current.equals(previous));
        return current;
    }

    static String withoutInModes(String definition) {
        int header = definition.indexOf('\n');
        return header < 0 ? definition : IN_ARGUMENT.matcher(definition.substring(0, header)).replaceAll("$1") + definition.substring(header);
    }

    /** The attribute as compared across majors. */
    static String comparable(ObjectKind kind, String attribute, String value) {
        if (kind == ObjectKind.OPERATOR_FAMILY && attribute.equals("members")) {
            // 14 and later file some members a class names under its family: all_members compares them all
            return null;
        }
        if (value == null || !attribute.equals("definition")) {
            return value;
        }
        return switch (kind) {
            case VIEW, MATERIALIZED_VIEW -> withoutQualifiers(value);
            case PROCEDURE -> withoutInModes(value);
            case OPERATOR_CLASS -> value.substring(0, value.indexOf(" AS ", value.lastIndexOf(" FAMILY ")));
            default -> value;
        };
    }
}
