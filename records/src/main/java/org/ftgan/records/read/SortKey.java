package org.ftgan.records.read;

import java.util.function.Function;

/**
 * What a list is sorted by: an SQL expression over the listed rows (aliased {@code q}) of a known
 * SQL type, never NULL (a NULL would drop rows from the keyset condition), with the row id as
 * tie-break.
 *
 * @param name       as the client wrote it (goes into cursors)
 * @param sqlType    the type the cursor's value is cast back to
 * @param expression builds the expression with its bound values (a fresh copy per use)
 */
record SortKey(String name, String sqlType, Function<String, Sql> expression) {
    static SortKey column(String name, String column, String sqlType) {
        return new SortKey(name, sqlType, q -> new Sql().add(q + "." + column));
    }
}
