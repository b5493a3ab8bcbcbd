package io.pgcarry.importer;

/** Values in COPY's text format: {@code \N} for NULL, backslash, tab and line breaks escaped. */
final class CopyText {
    private CopyText() {
    }

    static StringBuilder append(StringBuilder sb, String value) {
        if (value == null) {
            return sb.append("\\N");
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
