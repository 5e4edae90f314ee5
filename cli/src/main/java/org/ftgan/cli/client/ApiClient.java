package org.ftgan.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The HTTP API as the command line uses it: JSON in and out, the token as a bearer header, and the
 * API's error documents ({@code {error, details[]}}) turned into {@link ApiException}s.
 */
public final class ApiClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    public ApiClient(String baseUrl, String token) {
        String b = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.base = URI.create(b);
        this.token = token == null || token.isBlank() ? null : token.strip();
    }

    public static String query(String key, String value) {
        return URLEncoder.encode(key, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    public static String path(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private HttpRequest.Builder request(String pathAndQuery) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + pathAndQuery)).timeout(Duration.ofSeconds(60));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    public JsonNode get(String pathAndQuery) throws IOException {
        return json(send(request(pathAndQuery).header("Accept", "application/json").GET().build()));
    }

    /** GET whose body is text (CSV, Markdown, LaTeX tables). */
    public String getText(String pathAndQuery) throws IOException {
        return send(request(pathAndQuery).GET().build()).body();
    }

    public JsonNode post(String pathAndQuery, String contentType, String body) throws IOException {
        HttpRequest.Builder b = request(pathAndQuery).header("Accept", "application/json");
        if (body == null) {
            b.POST(HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        }
        return json(send(b.build()));
    }

    /**
     * Reads a Server-Sent Events stream until it ends, giving each event's name and data.
     */
    public void events(String pathAndQuery, Consumer<ServerEvent> onEvent) throws IOException {
        HttpRequest r = request(pathAndQuery).header("Accept", "text/event-stream").timeout(Duration.ofDays(7)).GET().build();
        HttpResponse<java.io.InputStream> response;
        try {
            response = http.send(r, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ConnectException e) {
            throw unreachable(e);
        }
        if (response.statusCode() >= 400) {
            String body = new String(response.body().readAllBytes(), StandardCharsets.UTF_8);
            throw ApiException.of(response.statusCode(), body);
        }
        try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String event = "message";
            List<String> data = new ArrayList<>();
            for (String line; (line = in.readLine()) != null; ) {
                if (line.isEmpty()) {
                    if (!data.isEmpty()) {
                        onEvent.accept(new ServerEvent(event, String.join("\n", data)));
                    }
                    event = "message";
                    data.clear();
                } else if (line.startsWith("event:")) {
                    event = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    data.add(line.substring(5).strip());
                }
            }
        }
    }

    /** One Server-Sent Event. */
    public record ServerEvent(String event, String data) {
    }

    /** A file part of a multipart form. */
    public record FilePart(String name, String fileName, byte[] content) {
    }

    /**
     * POST of a multipart/form-data form of {@code parts} (none: a GET), answering the body's bytes
     * (inference answers: float32 vertices or PLY); an error status is an {@link ApiException} as elsewhere.
     */
    public byte[] fetchBytes(String pathAndQuery, java.util.List<FilePart> parts) throws IOException {
        HttpRequest.Builder b = request(pathAndQuery);
        if (parts.isEmpty()) {
            b.GET();
        } else {
            String boundary = "ftgan-" + java.util.UUID.randomUUID();
            java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
            for (FilePart p : parts) {
                body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + p.name() + "\"; filename=\""
                        + p.fileName().replace("\"", "") + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                        .getBytes(StandardCharsets.UTF_8));
                body.write(p.content());
                body.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
            b.header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
        }
        HttpResponse<byte[]> response;
        try {
            response = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ConnectException e) {
            throw unreachable(e);
        }
        if (response.statusCode() >= 400) {
            throw ApiException.of(response.statusCode(), new String(response.body(), StandardCharsets.UTF_8));
        }
        return response.body();
    }

    private HttpResponse<String> send(HttpRequest r) throws IOException {
        HttpResponse<String> response;
        try {
            response = http.send(r, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ConnectException e) {
            throw unreachable(e);
        }
        if (response.statusCode() >= 400) {
            throw ApiException.of(response.statusCode(), response.body());
        }
        return response;
    }

    private IOException unreachable(ConnectException e) {
        return new ApiUnreachableException("no API answers at " + base + " (start one with `./ftgan up`, or pass --api URL)", e);
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        String body = response.body();
        return body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
    }
}
