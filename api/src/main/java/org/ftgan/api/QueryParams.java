package org.ftgan.api;

import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.ftgan.api.query.Cursor;
import org.ftgan.records.read.PageRequest;

/**
 * Reading a request's query parameters strictly: a parameter meant once may not repeat, numbers
 * must be numbers, enumerations must name a known value; every refusal is a 400
 * {@code invalid_parameter} that names the parameter.
 */
final class QueryParams {
    private final Context ctx;

    QueryParams(Context ctx) {
        this.ctx = ctx;
    }

    /** The parameter's value, null if absent; refused if given twice or empty. */
    String single(String name) {
        List<String> values = ctx.queryParams(name);
        if (values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw new ApiError(400, "invalid_parameter", name + ": given " + values.size() + " times; give it once");
        }
        if (values.get(0).isEmpty()) {
            throw new ApiError(400, "invalid_parameter", name + ": is empty; leave it out or give a value");
        }
        return values.get(0);
    }

    String single(String name, String fallback) {
        String v = single(name);
        return v == null ? fallback : v;
    }

    /** Every value of a repeatable parameter, in request order. */
    List<String> all(String name) {
        List<String> values = ctx.queryParams(name);
        for (String v : values) {
            if (v.isEmpty()) {
                throw new ApiError(400, "invalid_parameter", name + ": an empty value was given");
            }
        }
        return values;
    }

    /** A comma-separated list, each item converted by {@code parse} (which throws ApiError for bad items); empty if absent. */
    <T> List<T> list(String name, Function<String, T> parse) {
        String v = single(name);
        List<T> out = new ArrayList<>();
        if (v == null) {
            return out;
        }
        for (String item : v.split(",", -1)) {
            if (item.isBlank()) {
                throw new ApiError(400, "invalid_parameter", name + ": '" + v + "' has an empty item");
            }
            out.add(parse.apply(item.trim()));
        }
        return out;
    }

    int integer(String name, int fallback) {
        String v = single(name);
        if (v == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new ApiError(400, "invalid_parameter", name + ": '" + v + "' is not an integer");
        }
    }

    /** sort, order, limit and cursor; order and limit are checked now, the cursor when {@link Page#request} reads it. */
    Page page(String defaultSort, String defaultOrder) {
        return new Page(single("sort", defaultSort), single("order", defaultOrder),
                integer("limit", PageRequest.DEFAULT_LIMIT), single("cursor"));
    }

    /** A page as asked for: the cursor still as the client sent it (null for the first page). */
    record Page(String sort, String order, int limit, String cursor) {
        Page {
            new PageRequest(sort, order, limit, null); // refuses a bad order or limit
        }

        /** The read model's page; a cursor that is not one of this sort and order is refused (400 invalid_parameter). */
        PageRequest request() {
            return new PageRequest(sort, order, limit, cursor == null ? null : Cursor.decode(cursor, sort, order).position());
        }
    }

    /** An enumeration value from its stored (lower-case) name. */
    static <E extends Enum<E>> E enumValue(String parameter, String value, Class<E> type, Function<E, String> dbName) {
        List<String> names = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            if (dbName.apply(e).equals(value)) {
                return e;
            }
            names.add(dbName.apply(e));
        }
        throw new ApiError(400, "invalid_parameter", parameter + ": '" + value + "' is not one of " + names);
    }
}
