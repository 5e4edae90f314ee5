package org.ftgan.api.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.ftgan.api.ApiError;
import org.ftgan.records.read.Position;

/**
 * Where the next page starts: the last row's sort value (as PostgreSQL prints it, so it casts back
 * exactly) and its id, for a keyset condition {@code (sort value, id) > (v, id)}. Pages therefore
 * neither repeat nor skip rows when rows are added meanwhile. Opaque to clients: base64url of a
 * small JSON object that also names the sort it belongs to, so a cursor is refused under another sort.
 */
public record Cursor(String sort, String order, String value, String id) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Where the read model starts the next page. */
    public Position position() {
        return new Position(value, id);
    }

    public String encode() {
        ObjectNode n = JSON.createObjectNode();
        n.put("s", sort);
        n.put("o", order);
        n.put("v", value);
        n.put("i", id);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(n.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @throws ApiError 400 invalid_parameter if the text is not a cursor of this API, or one of another sort
     */
    public static Cursor decode(String text, String sort, String order) {
        Cursor c;
        try {
            JsonNode n = JSON.readTree(Base64.getUrlDecoder().decode(text));
            if (!n.isObject() || !n.path("s").isTextual() || !n.path("o").isTextual() || !n.path("v").isTextual()
                    || !n.path("i").isTextual()) {
                throw new IllegalArgumentException("fields missing");
            }
            c = new Cursor(n.get("s").asText(), n.get("o").asText(), n.get("v").asText(), n.get("i").asText());
        } catch (IllegalArgumentException | java.io.IOException e) {
            throw new ApiError(400, "invalid_parameter", "cursor: '" + abbreviate(text)
                    + "' is not a cursor returned by this API (pass next_cursor from the previous page unchanged)");
        }
        if (!c.sort.equals(sort) || !c.order.equals(order)) {
            throw new ApiError(400, "invalid_parameter", "cursor: it belongs to sort=" + c.sort + "&order=" + c.order
                    + ", not sort=" + sort + "&order=" + order + "; keep the sort of the first page");
        }
        return c;
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}
