package org.ftgan.records;

import java.sql.Connection;
import java.sql.SQLException;

/** A unit of JDBC work on one connection, run by {@link Database#inTransaction}. */
@FunctionalInterface
public interface SqlWork<T> {
    T run(Connection connection) throws SQLException;
}
