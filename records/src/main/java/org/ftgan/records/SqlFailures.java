package org.ftgan.records;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/** Sorts JDBC failures into "the server is unavailable, retry" and "this will fail again". */
final class SqlFailures {
    private SqlFailures() {
    }

    static RecordsException translate(String what, SQLException e) {
        if (isUnavailable(e)) {
            return new RecordsUnavailableException(what + ": PostgreSQL is unavailable (" + e.getMessage() + ")", e);
        }
        return new RecordsException(what + ": " + e.getMessage(), e);
    }

    /**
     * SQLSTATE class 08 is a connection failure; 57P01..57P03 are the server shutting down or not
     * yet accepting connections; 53300 is too many connections. Hikari reports a pool that could not
     * get a connection in time as SQLTransientConnectionException, with the driver's error as cause.
     */
    static boolean isUnavailable(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof SQLTransientConnectionException) {
                return true;
            }
            if (c instanceof SQLException s) {
                String state = s.getSQLState();
                if (state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P02")
                        || state.equals("57P03") || state.equals("53300"))) {
                    return true;
                }
            }
        }
        return false;
    }
}
