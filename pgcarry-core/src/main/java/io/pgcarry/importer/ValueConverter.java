package io.pgcarry.importer;

import com.fasterxml.jackson.databind.JsonNode;
import io.pgcarry.catalog.Column;
import io.pgcarry.report.ProblemCode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

/**
 * The explicit conversion rules from a JSON value to the text PostgreSQL reads for a column's type (COPY's text form,
 * before escaping). A value that does not fit is rejected with {@code check}'s code for it, never rounded or cut:
 * <ul>
 *   <li>integers from whole numbers or digit strings, in the type's range; numeric from the parser's exact decimal
 *       (never a float), within the column's precision and scale; booleans from {@code true/false}, {@code "true"/"false"}
 *       and {@code 1/0};</li>
 *   <li>dates and timestamps from ISO-8601 text (with offset, without, or a date alone, read as UTC), or from a number
 *       of seconds or milliseconds since 1970 when the mapping says {@code as: epoch_s} or {@code epoch_ms};</li>
 *   <li>enums from one of the type's labels; uuid from UUID text; arrays from JSON arrays, element by element;
 *       json and jsonb from any value; text from text, numbers or booleans (objects and arrays with {@code as: json}).</li>
 * </ul>
 */
final class ValueConverter {
    private static final BigInteger[] INT_RANGE = {BigInteger.valueOf(Short.MIN_VALUE), BigInteger.valueOf(Short.MAX_VALUE),
            BigInteger.valueOf(Integer.MIN_VALUE), BigInteger.valueOf(Integer.MAX_VALUE),
            BigInteger.valueOf(Long.MIN_VALUE), BigInteger.valueOf(Long.MAX_VALUE)};

    private ValueConverter() {
    }

    /** The value's text for {@code column}, or null for SQL NULL (a missing or null value). */
    static String convert(JsonNode value, Column column, List<String> enumLabels, ValueSpec.As as, String path) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return null;
        }
        if (column.array() && !column.typeName().name().equals("jsonb") && !column.typeName().name().equals("json")) {
            if (!value.isArray()) {
                throw new Rejected(ProblemCode.VALUE_NOT_CONVERTED, path, "a " + kind(value) + " cannot go into array column " + column.type());
            }
            return PgArrays.literal(value, (element, i) -> scalar(element, column, enumLabels, as, path + "/" + i));
        }
        return scalar(value, column, enumLabels, as, path);
    }

    private static String scalar(JsonNode value, Column column, List<String> labels, ValueSpec.As as, String path) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (column.typeKind() == 'e') {
            return enumLabel(value, column, labels, path);
        }
        String type = column.array() ? column.typeName().name().substring(1) : column.typeName().name();
        return switch (type) {
            case "int2", "int4", "int8" -> integer(value, column, type, path);
            case "numeric" -> numeric(value, column, path);
            case "float4", "float8" -> number(value, column, path).toString();
            case "bool" -> bool(value, column, path);
            case "timestamptz", "timestamp", "date" -> time(value, column, type, as, path);
            case "uuid" -> uuid(value, path);
            case "json", "jsonb" -> value.toString();
            case "text", "varchar", "bpchar", "citext" -> text(value, column, as, path);
            default -> textOnly(value, column, path);
        };
    }

    private static String enumLabel(JsonNode value, Column column, List<String> labels, String path) {
        String text = textOnly(value, column, path);
        if (labels != null && !labels.contains(text)) {
            throw new Rejected(ProblemCode.ENUM_VALUE_MISSING, path, "'" + text + "' is not a label of enum " + column.type()
                    + " (" + String.join(", ", labels) + ")");
        }
        return text;
    }

    private static String integer(JsonNode value, Column column, String type, String path) {
        BigDecimal number = number(value, column, path);
        BigInteger whole;
        try {
            whole = number.toBigIntegerExact();
        } catch (ArithmeticException e) {
            throw new Rejected(ProblemCode.VALUE_NOT_CONVERTED, path, number.toPlainString() + " is not a whole number for " + column.type());
        }
        int i = type.equals("int2") ? 0 : type.equals("int4") ? 1 : 2;
        if (whole.compareTo(INT_RANGE[2 * i]) < 0 || whole.compareTo(INT_RANGE[2 * i + 1]) > 0) {
            throw new Rejected(ProblemCode.INTEGER_OUT_OF_RANGE, path, whole + " does not fit " + column.type());
        }
        return whole.toString();
    }

    private static String numeric(JsonNode value, Column column, String path) {
        BigDecimal number = number(value, column, path);
        if (column.precision() != null) {
            int scale = column.scale() == null ? 0 : column.scale();
            if (number.stripTrailingZeros().scale() > scale) {
                throw new Rejected(ProblemCode.NUMERIC_OUT_OF_RANGE, path, number.toPlainString() + " would be rounded to " + column.type());
            }
            if (number.precision() - number.scale() > column.precision() - scale) {
                throw new Rejected(ProblemCode.NUMERIC_OUT_OF_RANGE, path, number.toPlainString() + " does not fit " + column.type());
            }
        }
        return number.toPlainString();
    }

    private static BigDecimal number(JsonNode value, Column column, String path) {
        if (value.isNumber()) {
            return value.decimalValue();
        }
        if (value.isTextual()) {
            try {
                return new BigDecimal(value.textValue().strip());
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw new Rejected(ProblemCode.VALUE_NOT_CONVERTED, path, "a " + kind(value) + " is not a number for " + column.type());
    }

    private static String bool(JsonNode value, Column column, String path) {
        String text = value.isBoolean() || value.isTextual() || value.isIntegralNumber() ? value.asText().strip().toLowerCase() : "";
        return switch (text) {
            case "true", "1" -> "t";
            case "false", "0" -> "f";
            default -> throw new Rejected(ProblemCode.VALUE_NOT_CONVERTED, path, "a " + kind(value) + " is not a boolean (true/false, \"true\"/\"false\", 1/0)");
        };
    }

    private static String time(JsonNode value, Column column, String type, ValueSpec.As as, String path) {
        Instant instant = value.isNumber() ? epoch(value, as, column, path) : null;
        if (instant == null) {
            if (!value.isTextual()) {
                throw new Rejected(ProblemCode.VALUE_NOT_CONVERTED, path, "a " + kind(value) + " is not a date or time for " + column.type());
            }
            instant = iso(value.textValue().strip(), column, path);
        }
        return switch (type) {
            case "date" -> LocalDate.ofInstant(instant, ZoneOffset.UTC).toString();
            case "timestamp" -> LocalDateTime.ofInstant(instant, ZoneOffset.UTC).toString();
            default -> instant.toString();
        };
    }

    private static Instant epoch(JsonNode value, ValueSpec.As as, Column column, String path) {
        BigDecimal n = value.decimalValue();
        return switch (as) {
            case EPOCH_S -> Instant.ofEpochSecond(0, n.movePointRight(9).toBigInteger().longValueExact());
            case EPOCH_MS -> Instant.ofEpochSecond(0, n.movePointRight(6).toBigInteger().longValueExact());
            default -> throw new Rejected(ProblemCode.VALUE_NOT_CONVERTED, path, "a number for " + column.type()
                    + " needs as: epoch_s or as: epoch_ms in the mapping file");
        };
    }

    private static Instant iso(String text, Column column, String path) {
        Instant common = IsoInstants.common(text);
        if (common != null) {
            return common;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(text.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                try {
                    return LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC);
                } catch (DateTimeParseException e3) {
                    throw new Rejected(ProblemCode.VALUE_NOT_CONVERTED, path, "'" + text + "' is not an ISO-8601 date or time for " + column.type());
                }
            }
        }
    }

    private static String uuid(JsonNode value, String path) {
        try {
            if (value.isTextual() && value.textValue().length() == 36) {
                return UUID.fromString(value.textValue()).toString();
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new Rejected(ProblemCode.INVALID_UUID, path, "'" + value.asText() + "' is not a UUID");
    }

    private static String text(JsonNode value, Column column, ValueSpec.As as, String path) {
        String text = value.isContainerNode() && as == ValueSpec.As.JSON ? value.toString() : textOnly(value, column, path);
        if (column.maxLength() != null && text.codePointCount(0, text.length()) > column.maxLength()) {
            throw new Rejected(ProblemCode.VALUE_TOO_LONG, path, text.codePointCount(0, text.length()) + " characters do not fit "
                    + column.type());
        }
        return text;
    }

    private static String textOnly(JsonNode value, Column column, String path) {
        if (value.isContainerNode()) {
            throw new Rejected(ProblemCode.VALUE_NOT_CONVERTED, path, "a " + kind(value) + " cannot go into " + column.type()
                    + (column.typeKind() == 'e' ? "" : "; map it to a child table, a json column, or say as: json"));
        }
        return value.isNumber() ? value.decimalValue().toPlainString() : value.asText();
    }

    static String kind(JsonNode value) {
        return switch (value.getNodeType()) {
            case OBJECT, POJO -> "JSON object";
            case ARRAY -> "JSON array";
            case STRING -> "string";
            case NUMBER -> "number";
            case BOOLEAN -> "boolean";
            default -> "value";
        };
    }
}
