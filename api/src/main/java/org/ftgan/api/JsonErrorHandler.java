package org.ftgan.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own refusals (an ambiguous or undecodable URI, a malformed request line, headers too
 * large) in the API's {@code {error, details}} JSON instead of Jetty's HTML page. Installed on the
 * server (requests refused before any context) and on Javalin's servlet context (requests refused
 * inside it). The detail is Jetty's reason, which names what was wrong with the request, never a
 * path of the server.
 */
final class JsonErrorHandler extends ErrorHandler {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpField CONTENT_TYPE = new HttpField(HttpHeader.CONTENT_TYPE, "application/json");

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = response.getStatus();
        if (status < 400) {
            Object attribute = request.getAttribute(ERROR_STATUS);
            status = attribute instanceof Integer i && i >= 400 ? i : 500;
            response.setStatus(status);
        }
        Object message = request.getAttribute(ERROR_MESSAGE);
        response.getHeaders().put(CONTENT_TYPE);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.write(true, ByteBuffer.wrap(body(status, message == null ? null : message.toString())), callback);
        return true;
    }

    /** Requests Jetty's parser refuses before there is a request object at all. */
    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(CONTENT_TYPE);
        return ByteBuffer.wrap(body(status, reason));
    }

    static byte[] body(int status, String reason) {
        ObjectNode body = JSON.createObjectNode();
        body.put("error", code(status));
        String standard = HttpStatus.getMessage(status);
        body.putArray("details").add(reason == null || reason.isBlank() || reason.equals(standard)
                ? "the server refused the request: " + status + " " + standard
                : "the server refused the request: " + reason);
        return body.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The API's stable error code for a status (as {@link ApiServer} maps Javalin's refusals). */
    static String code(int status) {
        return switch (status) {
            case 400 -> "invalid_request";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 413 -> "payload_too_large";
            case 414 -> "uri_too_long";
            case 431 -> "headers_too_large";
            default -> status >= 500 ? "internal_error" : "invalid_request";
        };
    }
}
