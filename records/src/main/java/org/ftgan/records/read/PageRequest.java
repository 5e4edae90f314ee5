package org.ftgan.records.read;

/**
 * A page of a sorted list: the sort key as the client named it, asc or desc, at most {@code limit}
 * rows, after {@code after} (null for the first page).
 *
 * @throws InvalidQueryException for an order other than asc or desc, or a limit out of range
 */
public record PageRequest(String sort, String order, int limit, Position after) {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    public PageRequest {
        if (!order.equals("asc") && !order.equals("desc")) {
            throw new InvalidQueryException("order", "'" + order + "' is not one of asc, desc");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidQueryException("limit", limit + " is not between 1 and " + MAX_LIMIT);
        }
    }

    boolean descending() {
        return order.equals("desc");
    }
}
