package io.pgcarry.script;

import static io.pgcarry.script.ScriptInput.END;

import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a SQL script item by item, splitting it exactly as psql would: plain-format {@code pg_dump} output and
 * migration files, whatever function bodies and data they hold. Statements are returned one at a time and COPY
 * data is streamed, so memory stays bounded by the largest single statement.
 *
 * <p>Errors in the script (an unclosed quote, dollar quote or comment, COPY data without its {@code \.} line)
 * are {@link io.pgcarry.error.ConfigurationException}s naming the script and line; failures to read are
 * {@link io.pgcarry.error.PgCarryException}s with {@link io.pgcarry.error.ErrorCode#IO}. Not thread-safe.
 */
public final class SqlScriptReader implements AutoCloseable {
    private final ScriptInput input;
    private final StatementScanner scanner;
    private CopyDataReader openCopyData;

    /**
     * @param reader the script; buffered internally, and closed by {@link #close()}
     * @param sourceName what to call the script in error messages, usually its file name
     */
    public SqlScriptReader(Reader reader, String sourceName) {
        this.input = new ScriptInput(reader, sourceName);
        this.scanner = new StatementScanner(input);
    }

    /**
     * The next statement, COPY or meta-command, or null at the end of the script. Any unread data of the
     * previous {@link CopyStatement} is skipped first and can no longer be read.
     */
    public ScriptItem next() {
        skipOpenCopyData();
        List<String> comments = new ArrayList<>();
        while (true) {
            skipSpaceCollectingComments(comments);
            int c = input.peek();
            if (c == END) {
                return null;
            }
            if (c == '\\') {
                return MetaCommandParser.parse(input);
            }
            StatementScanner.Scanned statement = scanner.scan();
            if (statement == null) {
                continue; // only comments, or an empty statement: the collected comments go to the next one
            }
            if (statement.copyFromStdin()) {
                return startCopy(statement);
            }
            return new SqlStatement(statement.sql(), statement.line(), comments);
        }
    }

    @Override
    public void close() {
        input.close();
    }

    private void skipOpenCopyData() {
        if (openCopyData != null) {
            CopyDataReader data = openCopyData;
            openCopyData = null;
            data.skipRest();
        }
    }

    /**
     * Skips whitespace and {@code --} comments, keeping the text of those that are alone on their line. A
     * comment on the line where a statement ends is about that statement, not the next, so it is dropped.
     */
    private void skipSpaceCollectingComments(List<String> comments) {
        boolean lineBlankSoFar = input.atLineStart();
        while (true) {
            int c = input.peek();
            if (SqlChars.isSpace(c)) {
                input.read();
                lineBlankSoFar = lineBlankSoFar || c == '\n';
            } else if (c == '-' && input.peek(1) == '-') {
                String comment = lineCommentText();
                if (lineBlankSoFar) {
                    comments.add(comment);
                }
            } else {
                return;
            }
        }
    }

    /** Consumes a {@code --} comment up to, not including, its line feed and returns its stripped text. */
    private String lineCommentText() {
        input.read();
        input.read();
        StringBuilder comment = new StringBuilder();
        while (input.peek() != END && input.peek() != '\n') {
            comment.append((char) input.read());
        }
        return comment.toString().strip();
    }

    /** The data starts on the line after the statement, so the rest of the statement's line must be blank. */
    private CopyStatement startCopy(StatementScanner.Scanned statement) {
        int c = input.peek();
        while (c != END && c != '\n' && SqlChars.isSpace(c)) {
            input.read();
            c = input.peek();
        }
        if (c == '-' && input.peek(1) == '-') {
            lineCommentText();
            c = input.peek();
        }
        if (c != END && c != '\n') {
            throw input.error("unexpected text after the COPY ... FROM stdin at line " + statement.line()
                    + "; its data must start on the next line");
        }
        input.read();
        openCopyData = new CopyDataReader(input);
        return new CopyStatement(statement.sql(), statement.line(), openCopyData);
    }
}
