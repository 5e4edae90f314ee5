package org.ftgan.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** A Server-Sent Events stream opened by a test: the data of one event name, parsed, as it comes. */
final class SseEvents {
    private final BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();

    private SseEvents() {
    }

    /** Opens {@code url} (which must answer 200) and collects the data of every {@code eventName} event on a thread of its own. */
    static SseEvents open(String url, String eventName) throws IOException, InterruptedException {
        SseEvents out = new SseEvents();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/event-stream").build();
        HttpResponse<Stream<String>> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, response.statusCode(), url);
        Thread reader = new Thread(() -> {
            String[] name = {null};
            response.body().forEach(line -> {
                if (line.startsWith("event:")) {
                    name[0] = line.substring(6).trim();
                } else if (line.startsWith("data:") && eventName.equals(name[0])) {
                    try {
                        out.events.add(ApiFixture.parse(line.substring(5).trim()));
                    } catch (IOException e) {
                        throw new AssertionError(e);
                    }
                }
            });
        }, "sse-reader");
        reader.setDaemon(true);
        reader.start();
        return out;
    }

    /** The next event within {@code timeout}, or null. */
    JsonNode next(Duration timeout) throws InterruptedException {
        return events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The first event, from now on, that matches {@code what}; fails after {@code timeout}. */
    JsonNode await(Predicate<JsonNode> what, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode e = events.poll(100, TimeUnit.MILLISECONDS);
            if (e != null && what.test(e)) {
                return e;
            }
        }
        throw new AssertionError("no such event within " + timeout.toSeconds() + " s");
    }
}
