package org.ftgan.records.read;

/**
 * Wraps a filtered row query in keyset pagination: the rows of {@code inner} (aliased {@code q},
 * with an {@code id} column) sorted by {@code sort} then id, after the page's position, {@code limit + 1} of
 * them (the extra row only tells whether there is a next page). Besides {@code outerColumns}: the
 * sort's value as {@code sort_value} (to order joined rows by again) and as text, {@code sort_text}
 * (for the next position).
 */
final class KeysetPage {
    private KeysetPage() {
    }

    static Sql wrap(String outerColumns, Sql inner, SortKey sort, PageRequest page) {
        String dir = page.descending() ? "DESC" : "ASC";
        Sql sql = new Sql().add("SELECT " + outerColumns + ", (").add(sort.expression().apply("q"))
                .add(") AS sort_value, (").add(sort.expression().apply("q"))
                .add(")::text AS sort_text FROM (").add(inner).add(") q");
        if (page.after() != null) {
            Position c = page.after();
            sql.add(" WHERE (").add(sort.expression().apply("q"))
                    .add(", q.id) " + (page.descending() ? "<" : ">") + " (?::" + sort.sqlType() + ", ?)", c.value(), c.id());
        }
        return sql.add(" ORDER BY ").add(sort.expression().apply("q")).add(" " + dir + ", q.id " + dir + " LIMIT ?",
                page.limit() + 1);
    }
}
