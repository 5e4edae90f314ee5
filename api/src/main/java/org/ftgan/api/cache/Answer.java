package org.ftgan.api.cache;

import java.nio.charset.StandardCharsets;

/** A read's successful answer as sent (body and media type), and what it was read from. */
public record Answer(byte[] body, String contentType, Scope scope) {
    public static Answer json(String json, Scope scope) {
        return new Answer(json.getBytes(StandardCharsets.UTF_8), "application/json", scope);
    }

    public static Answer text(String text, String contentType, Scope scope) {
        return new Answer(text.getBytes(StandardCharsets.UTF_8), contentType, scope);
    }
}
