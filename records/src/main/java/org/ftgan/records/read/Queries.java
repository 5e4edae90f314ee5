package org.ftgan.records.read;

import java.sql.SQLException;
import org.ftgan.records.Database;
import org.ftgan.records.RecordsException;
import org.ftgan.records.SqlWork;

/** Runs read queries in one transaction and turns a page position PostgreSQL cannot read back into an {@link InvalidQueryException}. */
final class Queries {
    private Queries() {
    }

    static <T> T run(Database db, boolean withPosition, SqlWork<T> work) {
        try {
            return db.inTransaction(work);
        } catch (RecordsException e) {
            // SQLSTATE class 22 (data exception): a cursor value that does not cast to its sort's type
            if (withPosition && e.getCause() instanceof SQLException s && s.getSQLState() != null
                    && s.getSQLState().startsWith("22")) {
                throw new InvalidQueryException("cursor", "its position cannot be read (" + s.getMessage()
                        + "); pass next_cursor from the previous page unchanged");
            }
            throw e;
        }
    }
}
