package dev.sluice.store.internal;

import dev.sluice.core.ErrorKind;
import dev.sluice.core.SluiceException;
import java.sql.SQLException;

/**
 * Turns JDBC failures into {@link SluiceException}s that say what happened and what to do. Messages name the
 * database by its URL without query string and never carry a password. Stateless, thread-safe.
 */
public final class DatabaseFailures {
    /** H2 error code: the database file is open in another process (org.h2.api.ErrorCode.DATABASE_ALREADY_OPEN_1). */
    private static final int H2_DATABASE_ALREADY_OPEN = 90020;
    /** H2 error code: wrong user name or password (ErrorCode.WRONG_USER_OR_PASSWORD). */
    private static final int H2_WRONG_USER_OR_PASSWORD = 28000;
    /** H2 error code: timeout trying to lock a table or row (ErrorCode.LOCK_TIMEOUT_1). */
    private static final int H2_LOCK_TIMEOUT = 50200;

    private DatabaseFailures() {}

    /** The failure to open the database, classified. */
    public static SluiceException opening(DatabaseTarget target, Throwable failure) {
        SQLException sql = sqlCause(failure);
        String where = target.dialect().displayName() + " database " + target.describe();
        if (sql == null) {
            return new SluiceException(ErrorKind.INTERNAL, "cannot open the " + where + ": "
                    + failure.getClass().getSimpleName() + " " + firstLine(failure.getMessage()), failure);
        }
        String state = sql.getSQLState() == null ? "" : sql.getSQLState();
        if (target.dialect() == Dialect.H2 && sql.getErrorCode() == H2_DATABASE_ALREADY_OPEN) {
            return new SluiceException(ErrorKind.CONFLICT, "the H2 database file "
                    + (target.h2File() != null ? target.h2File() : target.describe())
                    + " is locked by another process that opened it for itself alone (an older Sluice, or another tool "
                    + "such as the H2 console); stop that process, or point SLUICE_HOME elsewhere (Sluice processes of "
                    + "this version share one SLUICE_HOME)", sql);
        }
        if (sql.getErrorCode() == H2_WRONG_USER_OR_PASSWORD && target.dialect() == Dialect.H2
                || state.equals("28P01") || state.equals("28000")) {
            return new SluiceException(ErrorKind.AUTH, "the " + where + " refused the login of user '" + target.user()
                    + "'; check the user and password you configured", sql);
        }
        if (state.equals("3D000")) {
            return new SluiceException(ErrorKind.INVALID_INPUT, "the " + where + " does not exist; create it "
                    + "(CREATE DATABASE …) or fix the database name in the JDBC URL", sql);
        }
        if (state.startsWith("08")) {
            return new SluiceException(ErrorKind.TRANSIENT, "cannot reach the " + where + " (" + firstLine(sql.getMessage())
                    + "); check that the server is running and that the URL's host and port are right", sql);
        }
        return new SluiceException(ErrorKind.INTERNAL, "cannot open the " + where + ": SQLState " + state + " "
                + firstLine(sql.getMessage()), sql);
    }

    /** A failure while working with an open database, with what was being done. */
    public static SluiceException during(String what, Throwable failure) {
        if (failure instanceof SluiceException sluice) {
            return sluice;
        }
        SQLException sql = sqlCause(failure);
        String state = sql == null || sql.getSQLState() == null ? "" : sql.getSQLState();
        if (state.startsWith("08")) {
            return new SluiceException(ErrorKind.TRANSIENT, "lost the connection to the database while " + what
                    + "; retry when the database is reachable again", failure);
        }
        if (state.equals("40001") || state.equals("40P01") || state.equals("55P03")
                || (sql != null && sql.getErrorCode() == H2_LOCK_TIMEOUT)) {
            return new SluiceException(ErrorKind.TRANSIENT, "timed out or deadlocked waiting for a database lock while "
                    + what + "; another process holds it, retry", failure);
        }
        return new SluiceException(ErrorKind.INTERNAL, "database error while " + what + ": SQLState " + state + " "
                + (sql == null ? failure.getClass().getSimpleName() : firstLine(sql.getMessage())), failure);
    }

    /** Whether the failure is a unique-key violation (SQLState 23505 in both H2 and PostgreSQL). */
    public static boolean isUniqueViolation(Throwable failure) {
        SQLException sql = sqlCause(failure);
        return sql != null && "23505".equals(sql.getSQLState());
    }

    private static SQLException sqlCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return sql;
            }
        }
        return null;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
