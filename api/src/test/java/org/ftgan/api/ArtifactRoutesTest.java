package org.ftgan.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArtifactRoutesTest {
    @TempDir
    static Path dir;
    static ApiFixture api;

    @BeforeAll
    static void start() throws Exception {
        api = new ApiFixture(dir);
        api.records.store().write("runs/e1-r0000/evaluation.json", "{\"e_rec\": 1.5}".getBytes(StandardCharsets.UTF_8));
        api.records.store().write("runs/e1-r0000/maps/error map.ply", new byte[]{'p', 'l', 'y', 0, 1, 2});
        api.records.store().write("reports/e1.md", "# report\n".getBytes(StandardCharsets.UTF_8));
        api.records.store().write("runs/e1-r0000/checkpoints/step-10.bin", new byte[]{9, 8, 7});
        api.records.store().write("runs/e1-r0000/maps/large.ply", largeCompressibleFile());
        api.records.store().write("runs/e1-r0000/checkpoints/step-000000020/checkpoint.json", "{\"step\": 20}".getBytes(StandardCharsets.UTF_8));
        api.records.store().write("runs/e1-r0000/checkpoints/step-000000020/tensors.bin", new byte[]{1, 2, 3, 4});
        api.records.store().write("runs/e1-r0000/plain-dir/a.txt", "a".getBytes(StandardCharsets.UTF_8));
        Files.writeString(dir.resolve("secret.txt"), "outside the store");
        Files.createSymbolicLink(api.records.store().root().resolve("escape"), dir);
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void aCheckpointDirectoryDownloadsAsOneZipOfItsFiles() throws Exception {
        HttpResponse<byte[]> zip = bytes("/api/artifacts/runs/e1-r0000/checkpoints/step-000000020");
        assertEquals(200, zip.statusCode(), new String(zip.body(), StandardCharsets.UTF_8));
        assertEquals("application/zip", zip.headers().firstValue("content-type").orElseThrow());
        assertTrue(zip.headers().firstValue("content-disposition").orElseThrow().contains("step-000000020.zip"));
        java.util.Map<String, byte[]> entries = new java.util.LinkedHashMap<>();
        try (java.util.zip.ZipInputStream in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(zip.body()))) {
            for (java.util.zip.ZipEntry e; (e = in.getNextEntry()) != null; ) {
                entries.put(e.getName(), in.readAllBytes());
            }
        }
        assertEquals(java.util.List.of("step-000000020/checkpoint.json", "step-000000020/tensors.bin"),
                java.util.List.copyOf(entries.keySet()));
        assertArrayEquals(new byte[]{1, 2, 3, 4}, entries.get("step-000000020/tensors.bin"));
        // a directory that is no checkpoint is still no artifact file
        assertEquals(404, api.get("/api/artifacts/runs/e1-r0000/plain-dir").statusCode());
    }

    @Test
    void downloadsWithTheContentTypeOfTheFile() throws Exception {
        HttpResponse<String> json = api.get("/api/artifacts/runs/e1-r0000/evaluation.json");
        assertEquals(200, json.statusCode());
        assertEquals("{\"e_rec\": 1.5}", json.body());
        assertTrue(json.headers().firstValue("content-type").orElseThrow().startsWith("application/json"));

        HttpResponse<byte[]> ply = bytes("/api/artifacts/runs/e1-r0000/maps/error%20map.ply");
        assertEquals(200, ply.statusCode());
        assertArrayEquals(new byte[]{'p', 'l', 'y', 0, 1, 2}, ply.body());
        assertEquals("application/ply", ply.headers().firstValue("content-type").orElseThrow());

        HttpResponse<String> md = api.get("/api/artifacts/reports/e1.md");
        assertEquals("# report\n", md.body());
        assertTrue(md.headers().firstValue("content-type").orElseThrow().startsWith("text/markdown"));

        HttpResponse<byte[]> bin = bytes("/api/artifacts/runs/e1-r0000/checkpoints/step-10.bin");
        assertArrayEquals(new byte[]{9, 8, 7}, bin.body());
        assertEquals("application/octet-stream", bin.headers().firstValue("content-type").orElseThrow());
    }

    @Test
    void missingFileIs404() throws Exception {
        assertError(api.get("/api/artifacts/runs/e1-r0000/nothing.json"), 404, "not_found");
        assertError(api.get("/api/artifacts/runs/e1-r0000"), 404, "not_found");
    }

    @Test
    void traversalIs400() throws Exception {
        assertError(api.get("/api/artifacts/runs/..%2F..%2Fsecret.txt"), 400, "invalid_parameter");
        assertError(api.get("/api/artifacts/runs/%2e%2e/%2e%2e/secret.txt"), 400, "invalid_parameter");
        assertError(api.get("/api/artifacts/runs/%252e%252e/secret.txt"), 400, "invalid_parameter");
        assertError(api.get("/api/artifacts/escape/secret.txt"), 400, "invalid_parameter");
        assertError(api.get("/api/artifacts/runs/..\\..\\secret.txt".replace("\\", "%5C")), 400, "invalid_parameter");
    }

    @Test
    void literalDotDotNeverReachesOutside() throws Exception {
        HttpResponse<String> r = api.get("/api/artifacts/runs/../../secret.txt");
        // a client or the server may normalise the dots away; whatever answers, it is not the file
        assertTrue(r.statusCode() == 400 || r.statusCode() == 404, r.statusCode() + " " + r.body());
        assertTrue(!r.body().contains("outside the store"), r.body());
    }

    @Test
    void aBrowserAcceptingGzipGetsTheWholeFileWithItsLength() throws Exception {
        // browsers send Accept-Encoding: gzip; a compressed body must not contradict the Content-Length
        HttpResponse<byte[]> ply = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.server.port() + "/api/artifacts/runs/e1-r0000/maps/large.ply"))
                        .header("Accept-Encoding", "gzip, deflate, br").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, ply.statusCode());
        assertTrue(ply.headers().firstValue("content-encoding").isEmpty(), "artifacts are sent as they are stored");
        assertEquals(Long.toString(largeCompressibleFile().length), ply.headers().firstValue("content-length").orElseThrow());
        assertArrayEquals(largeCompressibleFile(), ply.body());
    }

    /** 64 KiB of repeating bytes: well above the server's minimum size for compression, and very compressible. */
    private static byte[] largeCompressibleFile() {
        byte[] data = new byte[64 * 1024];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i % 7);
        }
        return data;
    }

    private static HttpResponse<byte[]> bytes(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.server.port() + path))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static void assertError(HttpResponse<String> r, int status, String code) throws Exception {
        assertEquals(status, r.statusCode(), r.body());
        JsonNode body = ApiFixture.parse(r.body());
        assertEquals(code, body.path("error").asText(), r.body());
        assertTrue(body.path("details").isArray() && !body.path("details").isEmpty(), r.body());
    }
}
