package io.pgcarry.connect;

import io.pgcarry.error.Setting;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.util.Locale;

/** Turns a failed login into one line that says what went wrong and what to do. */
final class ConnectionFailure {
    private ConnectionFailure() {
    }

    static String describe(SQLException e, ConnectionSpec spec, int timeoutSeconds) {
        String where = spec.primary().label();
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String message = e.getMessage() == null ? "" : e.getMessage();
        String lower = message.toLowerCase(Locale.ROOT);
        Throwable cause = rootCause(e);
        String text;
        if (state.equals("28P01") || lower.contains("password authentication failed")) {
            text = "wrong password for user \"" + spec.user() + "\" at " + where + "; check the password given by " + spec.origin();
        } else if (lower.contains("no password was provided") || lower.contains("password-based authentication")) {
            text = "server at " + where + " asks user \"" + spec.user() + "\" for a password and none was given; put it in the URL, PGPASSWORD or ~/.pgpass";
        } else if (state.equals("3D000")) {
            text = "database \"" + spec.database() + "\" does not exist at " + where + "; create it or fix the database name in the URL";
        } else if (lower.contains("no encryption") || lower.contains("ssl off")) {
            text = "server at " + where + " requires TLS for user \"" + spec.user() + "\"; add sslmode=require to the URL";
        } else if (lower.contains("does not support ssl")) {
            text = "server at " + where + " does not support TLS but the URL asks for it; use sslmode=prefer or sslmode=disable";
        } else if (state.equals("28000")) {
            text = "server at " + where + " refused user \"" + spec.user() + "\": " + firstLine(message);
        } else if (spec.primary().isSocket() && cause instanceof ConnectException) {
            text = "no PostgreSQL server at Unix-domain socket " + spec.primary().socketFile()
                    + "; is the server running, with " + spec.primary().host() + " in unix_socket_directories and this port?";
        } else if (cause instanceof UnknownHostException) {
            text = "host \"" + spec.primary().host() + "\" not found; check the host name in the URL";
        } else if (cause instanceof ConnectException || lower.contains("refused")) {
            text = "connection refused by " + where + "; is PostgreSQL running there and accepting TCP connections?";
        } else if (cause instanceof SocketTimeoutException || cause instanceof NoRouteToHostException
                || lower.contains("timed out") || lower.contains("timeout")) {
            text = "no answer from " + where + " within " + timeoutSeconds + " s (host unreachable or blocked); "
                    + "check the host, port and firewall, or raise " + Setting.CONNECT_TIMEOUT.mention();
        } else if (state.equals("53300")) {
            text = "server at " + where + " has no free connection slots; close other sessions or lower " + Setting.JOBS.mention();
        } else if (state.equals("57P03")) {
            text = "server at " + where + " is starting up or shutting down; retry in a moment";
        } else {
            text = "cannot connect to " + spec.redactedUrl() + ": " + firstLine(message);
        }
        return text;
    }

    private static Throwable rootCause(Throwable t) {
        Throwable current = t;
        while (current.getCause() != null && current.getCause() != current) {
            current = current.getCause();
        }
        return current;
    }

    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        return (newline >= 0 ? message.substring(0, newline) : message).strip();
    }
}
