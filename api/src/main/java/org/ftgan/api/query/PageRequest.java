package org.ftgan.api.query;

import org.ftgan.api.ApiError;

/**
 * A page of a sorted list: the sort key as the client named it, asc or desc, at most {@code limit}
 * rows, after {@code cursor} (null for the first page).
 */
public record PageRequest(String sort, String order, int limit, String cursor) {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    public PageRequest {
        if (!order.equals("asc") && !order.equals("desc")) {
            throw new ApiError(400, "invalid_parameter", "order: '" + order + "' is not one of asc, desc");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new ApiError(400, "invalid_parameter", "limit: " + limit + " is not between 1 and " + MAX_LIMIT);
        }
    }

    boolean descending() {
        return order.equals("desc");
    }
}
