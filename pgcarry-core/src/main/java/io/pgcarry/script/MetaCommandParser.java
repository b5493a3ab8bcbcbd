package io.pgcarry.script;

import static io.pgcarry.script.ScriptInput.END;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads one psql meta-command line: the name after the backslash, then arguments split on whitespace. As in
 * psql, quoted text is one argument with its quotes removed: in double quotes a doubled {@code "} stands for
 * itself; in single quotes a doubled {@code '} does, and so do the C-like escapes {@code \n \t \b \r \f},
 * octal {@code \digits}, hex {@code \xdigits}, and a backslash before any other character. Variable
 * interpolation ({@code :name}) and backquoted shell commands are not applied.
 */
final class MetaCommandParser {
    private final ScriptInput input;
    private final int line;
    private final String text;
    private int position;
    private String name;

    private MetaCommandParser(ScriptInput input) {
        this.input = input;
        this.line = input.line();
        this.text = restOfLine(input);
    }

    /** Parses the meta-command whose backslash is the next character, consuming its whole line. */
    static MetaCommand parse(ScriptInput input) {
        return new MetaCommandParser(input).parse();
    }

    private MetaCommand parse() {
        position = 1; // past the backslash
        while (position < text.length() && !SqlChars.isSpace(text.charAt(position))) {
            position++;
        }
        name = text.substring(1, position);
        if (name.isEmpty()) {
            throw input.error("backslash without a psql meta-command name at line " + line);
        }
        List<String> arguments = new ArrayList<>();
        while (skipSpace()) {
            arguments.add(argument());
        }
        return new MetaCommand(name, arguments, line);
    }

    private boolean skipSpace() {
        while (position < text.length() && SqlChars.isSpace(text.charAt(position))) {
            position++;
        }
        return position < text.length();
    }

    private String argument() {
        StringBuilder argument = new StringBuilder();
        while (position < text.length() && !SqlChars.isSpace(text.charAt(position))) {
            char c = text.charAt(position++);
            if (c == '\'') {
                singleQuoted(argument);
            } else if (c == '"') {
                doubleQuoted(argument);
            } else {
                argument.append(c);
            }
        }
        return argument.toString();
    }

    private void doubleQuoted(StringBuilder argument) {
        while (true) {
            char c = nextQuotedChar();
            if (c == '"' && !takeIf('"')) {
                return;
            }
            argument.append(c);
        }
    }

    private void singleQuoted(StringBuilder argument) {
        while (true) {
            char c = nextQuotedChar();
            if (c == '\'' && !takeIf('\'')) {
                return;
            }
            argument.append(c == '\\' ? escaped() : c);
        }
    }

    private char escaped() {
        char c = nextQuotedChar();
        return switch (c) {
            case 'n' -> '\n';
            case 't' -> '\t';
            case 'b' -> '\b';
            case 'r' -> '\r';
            case 'f' -> '\f';
            case '0', '1', '2', '3', '4', '5', '6', '7' -> number(c - '0', 8, 2);
            case 'x' -> position < text.length() && Character.digit(text.charAt(position), 16) >= 0
                    ? number(0, 16, 2) : 'x';
            default -> c;
        };
    }

    /** Continues a number of the given radix from {@code value}, taking at most {@code moreDigits} digits. */
    private char number(int value, int radix, int moreDigits) {
        for (int i = 0; i < moreDigits && position < text.length(); i++) {
            int digit = Character.digit(text.charAt(position), radix);
            if (digit < 0) {
                break;
            }
            value = value * radix + digit;
            position++;
        }
        return (char) value;
    }

    private char nextQuotedChar() {
        if (position >= text.length()) {
            throw input.error("unterminated quoted argument of \\" + name + " at line " + line);
        }
        return text.charAt(position++);
    }

    private boolean takeIf(char expected) {
        if (position < text.length() && text.charAt(position) == expected) {
            position++;
            return true;
        }
        return false;
    }

    /** The line from the backslash on, without its line ending; the line ending is consumed. */
    private static String restOfLine(ScriptInput input) {
        StringBuilder line = new StringBuilder();
        for (int c = input.read(); c != END && c != '\n'; c = input.read()) {
            line.append((char) c);
        }
        int end = line.length();
        return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
    }
}
