package org.ftgan.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.util.List;
import org.ftgan.records.read.InvalidQueryException;
import org.ftgan.records.read.NotFoundException;

/**
 * Every error response: {@code {"error": "<stable code>", "details": ["...", ...]}} with the HTTP
 * status; never a stack trace.
 */
public final class ApiError extends RuntimeException {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final int status;
    private final String code;
    private final List<String> details;

    public ApiError(int status, String code, List<String> details) {
        super(code + ": " + String.join("; ", details));
        this.status = status;
        this.code = code;
        this.details = List.copyOf(details);
    }

    public ApiError(int status, String code, String detail) {
        this(status, code, List.of(detail));
    }

    /** A read refused what it was asked: 400 invalid_parameter, the message naming the parameter. */
    public static ApiError invalidParameter(InvalidQueryException e) {
        return new ApiError(400, "invalid_parameter", e.getMessage());
    }

    /** A read found nothing of what it was asked: 404 not_found, one detail per missing thing. */
    public static ApiError notFound(NotFoundException e) {
        return new ApiError(404, "not_found", e.details());
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public List<String> details() {
        return details;
    }

    /** Writes this error as the response. */
    public void respond(Context ctx) {
        ObjectNode body = JSON.createObjectNode();
        body.put("error", code);
        details.forEach(body.putArray("details")::add);
        ctx.status(status).contentType("application/json").result(body.toString());
    }
}
