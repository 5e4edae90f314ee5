package org.ftgan.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** An error answer of the API: its HTTP status, stable code and details, one line each. */
public final class ApiException extends IOException {
    private final int status;
    private final String code;
    private final List<String> details;

    ApiException(int status, String code, List<String> details) {
        super("HTTP " + status + " " + code + (details.isEmpty() ? "" : ": " + String.join("; ", details)));
        this.status = status;
        this.code = code;
        this.details = List.copyOf(details);
    }

    static ApiException of(int status, String body) {
        try {
            JsonNode n = new ObjectMapper().readTree(body);
            List<String> details = new ArrayList<>();
            n.path("details").forEach(d -> details.add(d.asText()));
            return new ApiException(status, n.path("error").asText("http_" + status), details);
        } catch (IOException | RuntimeException e) {
            return new ApiException(status, "http_" + status, body == null || body.isBlank() ? List.of() : List.of(body.strip()));
        }
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
}
