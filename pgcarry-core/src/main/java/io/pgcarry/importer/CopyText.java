package io.pgcarry.importer;

/** Values in COPY's text format: {@code \N} for NULL, backslash, tab and line breaks escaped. */
final class CopyText {
    private CopyText() {
    }

    static StringBuilder append(StringBuilder sb, String value) {
        if (value == null) {
            return sb.append("\\N");
        }
        if (value.indexOf('\\') < 0 && value.indexOf('\t') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return sb.append(value); // most values: copied whole, far cheaper than char by char
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\t' -> sb.append("\\t");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                default -> sb.append(c);
            }
        }
        return sb;
    }
}
