package org.ftgan.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * POST /api/definitions/validate on a real API and PostgreSQL without Temporal and without a token:
 * the dashboard's Submit page checks a definition with it before submitting.
 */
class DefinitionValidationRoutesTest {
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

    static String definition(String name, String training, String sweep) {
        return """
                name: %s
                description: validation test
                dataset:
                  kind: synthetic
                  synth: {subjects: 3, expressions: 3, vertices: 652, frames: 9, seed: 1}
                model: {preset: tiny}
                topology: {factors: [4, 4]}
                training: {%s}
                evaluation: {triplets: 10, seed: 1, pool: all}
                %s
                """.formatted(name, training, sweep);
    }

    static HttpResponse<String> validate(String contentType, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.server.port() + SubmissionRoutes.VALIDATE_PATH))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode error(HttpResponse<String> r, int status, String code) throws Exception {
        assertEquals(status, r.statusCode(), r.body());
        JsonNode body = ApiFixture.parse(r.body());
        assertEquals(code, body.path("error").asText(), r.body());
        return body.path("details");
    }

    @Test
    void aValidDefinitionAnswersWhatASubmissionWouldCreateAndStoresNothing() throws Exception {
        HttpResponse<String> r = validate("application/yaml", definition("valid-sweep", "steps: 10, batch: 4, seed: 1, log_every: 5",
                "sweep: {grid: {training: {seed: [1, 2, 3]}}}"));
        assertEquals(200, r.statusCode(), r.body());
        JsonNode body = ApiFixture.parse(r.body());
        assertTrue(body.path("valid").asBoolean(), r.body());
        assertEquals("valid-sweep", body.path("name").asText());
        assertEquals(3, body.path("runs").asInt());
        String hash = body.path("definition_hash").asText();
        assertEquals(64, hash.length(), r.body());
        assertEquals("valid-sweep-" + hash.substring(0, 10), body.path("id").asText());
        assertTrue(api.records.experiments().listRecent(100).isEmpty(), "validation stores nothing");
    }

    @Test
    void anInvalidDefinitionListsEveryProblemWithItsKeyPath() throws Exception {
        HttpResponse<String> r = validate("application/yaml", definition("<img src=x onerror=alert(1)>",
                "steps: ten, batch: 4, seed: 1, log_every: 5", "sweep: {grid: {training: {seed: [1, two]}}}"));
        String details = error(r, 400, "invalid_definition").toString();
        for (String path : new String[] {"name: ", "training.steps: ", "sweep.grid.training.seed[1]: "}) {
            assertTrue(details.contains("\"" + path), "'" + path + "' not in " + details);
        }
    }

    @Test
    void malformedYamlNamesTheLineWhereItBroke() throws Exception {
        String details = error(validate("text/plain", "name: x\ntraining: {steps: 10\n  batch: [\n"), 400, "invalid_definition")
                .toString();
        assertTrue(details.contains("line 3") && details.contains("not valid YAML"), details);
        assertTrue(error(validate("application/yaml", "  \n"), 400, "invalid_definition").toString().contains("empty"));
    }

    @Test
    void oversizedAndWronglyTypedBodiesAreRefused() throws Exception {
        // declared, not sent: see DeclaredLengthRequest for why
        DeclaredLengthRequest.Answer big = DeclaredLengthRequest.post(api.server.port(), SubmissionRoutes.VALIDATE_PATH,
                "application/yaml", AccessGuard.MAX_BODY_BYTES + 10);
        assertEquals(413, big.status(), big.body());
        JsonNode refused = ApiFixture.parse(big.body());
        assertEquals("payload_too_large", refused.path("error").asText(), big.body());
        assertTrue(refused.toString().contains("1048576"), big.body());
        assertTrue(error(validate("application/x-www-form-urlencoded", "name=x"), 415, "unsupported_media_type").toString()
                .contains("application/yaml"));
    }
}
