package org.ftgan.api;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Runs before every matched route: every query parameter, name and value, must be well-formed
 * percent-encoding of UTF-8 text without control characters. Jetty and Javalin decode leniently
 * (a bad escape is dropped or kept as is) and PostgreSQL refuses a NUL inside text, so without this
 * a stray byte reads as another filter or ends in a 500. Refusals are 400 invalid_parameter naming
 * the parameter.
 */
final class QueryStringCheck {
    private QueryStringCheck() {
    }

    static void register(RoutesConfig routes) {
        routes.beforeMatched(ctx -> check(ctx.queryString()));
    }

    /** @throws ApiError 400 invalid_parameter for the first bad parameter of the raw query string */
    static void check(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return;
        }
        for (String pair : rawQuery.split("&", -1)) {
            int eq = pair.indexOf('=');
            String rawName = eq < 0 ? pair : pair.substring(0, eq);
            String name = decode(rawName, rawName);
            if (eq >= 0) {
                decode(pair.substring(eq + 1), name);
            }
        }
    }

    /** The text {@code raw} encodes, refused if it is not percent-encoded UTF-8 free of control characters. */
    private static String decode(String raw, String parameter) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                int hi = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 1), 16) : -1;
                int lo = hi < 0 ? -1 : Character.digit(raw.charAt(i + 2), 16);
                if (lo < 0) {
                    throw refused(parameter, "has '" + raw.substring(i, Math.min(raw.length(), i + 3))
                            + "', which is not a percent-escape (expected % and two hex digits)");
                }
                bytes.write(hi * 16 + lo);
                i += 2;
            } else if (c == '+') {
                bytes.write(' ');
            } else if (c > 0x7f) {
                // sent unencoded: Jetty has decoded the request line as UTF-8 already
                int codePoint = raw.codePointAt(i);
                bytes.writeBytes(new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(codePoint) - 1;
            } else {
                bytes.write(c);
            }
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw refused(parameter, "is not valid UTF-8 once percent-decoded (overlong or truncated sequence)");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c)) {
                throw refused(parameter, String.format("contains the control character U+%04X; parameters are plain text", (int) c));
            }
        }
        return text;
    }

    private static ApiError refused(String parameter, String problem) {
        String shown = parameter.isEmpty() ? "query" : printable(parameter);
        return new ApiError(400, "invalid_parameter", shown + ": " + problem);
    }

    /** The name as shown in a message: control characters as escapes, so the message itself stays plain text. */
    private static String printable(String s) {
        StringBuilder out = new StringBuilder();
        s.codePoints().forEach(c -> {
            if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
