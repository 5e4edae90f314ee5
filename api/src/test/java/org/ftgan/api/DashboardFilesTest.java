package org.ftgan.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bundled dashboard as the API serves it: pages, cached assets, and API paths kept apart. */
class DashboardFilesTest {
    @TempDir
    static Path dir;
    static ApiFixture api;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        api = new ApiFixture(dir);
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    static HttpResponse<String> get(String path, String accept) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.server.port() + path))
                .header("Accept", accept).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theRootServesTheBundledPageNamingItsHashedScript() throws Exception {
        assertTrue(DashboardFiles.bundled(), "the ftgan-web jar (web/target/classes/dashboard) is on the classpath");
        HttpResponse<String> page = get("/", "text/html");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<div id=\"app\">"), page.body());
        assertEquals("no-cache", page.headers().firstValue("Cache-Control").orElse(""));

        Matcher script = Pattern.compile("src=\"(/assets/app-[A-Z0-9]+\\.js)\"").matcher(page.body());
        assertTrue(script.find(), "index.html names the hashed entry script: " + page.body());
        HttpResponse<String> js = get(script.group(1), "*/*");
        assertEquals(200, js.statusCode());
        assertTrue(js.headers().firstValue("Content-Type").orElse("").contains("javascript"), js.headers().toString());
        assertTrue(js.headers().firstValue("Cache-Control").orElse("").contains("immutable"));
    }

    @Test
    void aPageLinkOpensTheDashboard() throws Exception {
        HttpResponse<String> page = get("/experiments/quickstart-abc?sort=metric", "text/html,application/xhtml+xml");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<div id=\"app\">"));
    }

    @Test
    void unknownApiPathsStayJsonErrorsEvenForABrowser() throws Exception {
        HttpResponse<String> r = get("/api/no-such-thing", "text/html");
        assertEquals(404, r.statusCode());
        assertEquals("not_found", ApiFixture.parse(r.body()).path("error").asText(), r.body());
        HttpResponse<String> missingAsset = get("/assets/app-NOPE.js", "*/*");
        assertEquals(404, missingAsset.statusCode());
    }

    @Test
    void theApiStillAnswersBesideIt() throws Exception {
        HttpResponse<String> r = get("/api/health", "application/json");
        assertEquals(200, r.statusCode());
        assertTrue(get("/openapi.json", "text/html").body().startsWith("{"));
    }
}
