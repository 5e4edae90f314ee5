package org.ftgan.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** HTTP/1.1 requests written byte for byte, past the URI checks of Java's HTTP client: for bytes a client should not send. */
final class RawHttp {
    private RawHttp() {
    }

    /** One request written byte for byte (no client-side URI checks), its status, content type and body. */
    static Answer send(int port, String requestLine, List<String> headers) throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            OutputStream out = s.getOutputStream();
            StringBuilder extra = new StringBuilder();
            headers.forEach(h -> extra.append(h).append("\r\n"));
            out.write((requestLine + "\r\nHost: 127.0.0.1\r\n" + extra + "Connection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            String response = all.toString(StandardCharsets.UTF_8);
            int headEnd = response.indexOf("\r\n\r\n");
            String head = response.substring(0, headEnd);
            String body = response.substring(headEnd + 4);
            String contentType = "";
            boolean chunked = false;
            Map<String, String> fields = new HashMap<>();
            for (String line : head.split("\r\n")) {
                String lower = line.toLowerCase();
                int colon = line.indexOf(':');
                if (colon > 0) {
                    fields.put(lower.substring(0, colon).trim(), line.substring(colon + 1).trim());
                }
                if (lower.startsWith("content-type:")) {
                    contentType = line.substring(13).trim();
                }
                if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                }
            }
            return new Answer(Integer.parseInt(head.split(" ")[1]), contentType, chunked ? unchunk(body) : body, fields);
        }
    }

    private static String unchunk(String body) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (true) {
            int eol = body.indexOf("\r\n", at);
            int size = Integer.parseInt(body.substring(at, eol).trim(), 16);
            if (size == 0) {
                return out.toString();
            }
            out.append(body, eol + 2, eol + 2 + size);
            at = eol + 2 + size + 2;
        }
    }

    record Answer(int status, String contentType, String body, Map<String, String> headers) {
        String header(String lowerCaseName) {
            return headers.get(lowerCaseName);
        }

        JsonNode json(String what) throws Exception {
            try {
                return ApiFixture.JSON.readTree(body);
            } catch (Exception e) {
                throw new AssertionError(what + " answered no JSON: " + body, e);
            }
        }
    }
}
