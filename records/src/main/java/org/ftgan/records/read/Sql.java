package org.ftgan.records.read;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * A SQL statement assembled from fragments, each fragment carrying its own bound values, so that
 * no value from a request is ever part of the statement's text. Identifiers (columns, sort
 * directions) come only from fixed lists in this package.
 */
final class Sql {
    private final StringBuilder text = new StringBuilder();
    private final List<Object> params = new ArrayList<>();

    /** Appends {@code fragment}; its {@code ?} placeholders take {@code values} in order. */
    Sql add(String fragment, Object... values) {
        long placeholders = fragment.chars().filter(ch -> ch == '?').count();
        if (placeholders != values.length) {
            throw new IllegalArgumentException("fragment '" + fragment + "' has " + placeholders + " placeholders but "
                    + values.length + " values");
        }
        text.append(fragment);
        params.addAll(List.of(values));
        return this;
    }

    /** Appends another statement's text and values. */
    Sql add(Sql other) {
        text.append(other.text);
        params.addAll(other.params);
        return this;
    }

    boolean isEmpty() {
        return text.length() == 0;
    }

    String text() {
        return text.toString();
    }

    /** Prepares the statement with every value bound; String[] values become text[] arrays. */
    PreparedStatement prepare(Connection c) throws SQLException {
        PreparedStatement ps = c.prepareStatement(text.toString());
        try {
            for (int i = 0; i < params.size(); i++) {
                Object v = params.get(i);
                if (v instanceof String[] array) {
                    ps.setArray(i + 1, c.createArrayOf("text", array));
                } else {
                    ps.setObject(i + 1, v);
                }
            }
        } catch (SQLException | RuntimeException e) {
            ps.close();
            throw e;
        }
        return ps;
    }
}
