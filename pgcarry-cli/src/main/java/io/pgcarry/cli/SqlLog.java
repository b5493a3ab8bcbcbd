package io.pgcarry.cli;

import java.io.PrintWriter;
import java.text.MessageFormat;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * With {@code --verbose}, prints every statement pgcarry sends to a server on stderr, taken from the JDBC
 * driver's protocol log (so nothing is missed). pgcarry never sends a password in a statement, so the statements are printed as they are.
 */
final class SqlLog extends Handler {
    private static final Logger DRIVER = Logger.getLogger("org.postgresql.core.v3.QueryExecutorImpl");

    private final PrintWriter err;

    private SqlLog(PrintWriter err) {
        this.err = err;
    }

    static void enable(PrintWriter err) {
        disable();
        DRIVER.setLevel(Level.FINEST);
        DRIVER.setUseParentHandlers(false);
        DRIVER.addHandler(new SqlLog(err));
    }

    /** Back to the driver's defaults (used when one JVM runs several commands, as in tests). */
    static void disable() {
        for (Handler earlier : DRIVER.getHandlers()) {
            if (earlier instanceof SqlLog) {
                DRIVER.removeHandler(earlier);
            }
        }
        DRIVER.setLevel(null);
        DRIVER.setUseParentHandlers(true);
    }

    @Override
    public void publish(LogRecord record) {
        String message = record.getMessage();
        if (message == null) {
            return;
        }
        if (record.getParameters() != null) {
            message = MessageFormat.format(message, record.getParameters());
        }
        int start = message.indexOf("query=\"");
        if (!message.contains("FE=>") || start < 0) {
            return;
        }
        int end = message.lastIndexOf('"');
        String sql = end > start + 7 ? message.substring(start + 7, end) : message.substring(start + 7);
        synchronized (err) {
            err.println("sql [" + Thread.currentThread().getName() + "]: " + sql.replaceAll("\\s+", " ").strip());
            err.flush();
        }
    }

    @Override
    public void flush() {
        err.flush();
    }

    @Override
    public void close() {
        flush();
    }
}
