package org.ftgan.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.ftgan.artifacts.ArtifactStore;
import org.ftgan.data.DatasetKind;
import org.ftgan.data.DatasetPreparer;
import org.ftgan.data.PrepareListener;
import org.ftgan.data.PrepareRequest;
import org.ftgan.data.PreparedDataset;
import org.ftgan.data.synthetic.SyntheticDatasetSpec;
import org.ftgan.data.synthetic.SyntheticDatasetWriter;
import org.ftgan.eval.CheckpointEvaluation;
import org.ftgan.eval.ErrorStats;
import org.ftgan.eval.EvaluationConfig;
import org.ftgan.eval.EvaluationResult;
import org.ftgan.eval.Evaluator;
import org.ftgan.eval.NetworkCodec;
import org.ftgan.eval.Triplet;
import org.ftgan.mesh.Mesh;
import org.ftgan.mesh.MeshFiles;
import org.ftgan.mesh.PlyWriter;
import org.ftgan.records.ArtifactKind;
import org.ftgan.train.RunConfig;
import org.ftgan.train.Trainer;
import org.ftgan.train.TrainingListener;
import org.ftgan.train.TrainingResult;
import org.ftgan.worker.DirectoryArtifact;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inference over HTTP on a run trained here for a few steps on a small synthetic set (real files in
 * the artifact store, recorded in embedded PostgreSQL as the worker records them): its transfers and
 * neutralizations of the evaluation's triplets give the evaluation's figures; bad uploads and runs
 * without a checkpoint get their named errors.
 */
class InferenceRoutesTest {
    private static final String EXPERIMENT = "explore-1";
    private static final String RUN = EXPERIMENT + "-r0000";
    private static final String UNTRAINED = EXPERIMENT + "-r0001";

    @TempDir
    static Path dir;
    static ApiFixture api;
    static Path dataDir;
    static Path checkpoint;
    static EvaluationResult evaluation;
    static EvaluationResult evaluationInBatchesOfOne;
    static List<Triplet> triplets;
    static Mesh template;
    static float[] sample0;
    static String token;

    @BeforeAll
    static void trainAndRecord() throws Exception {
        api = new ApiFixture(dir);
        token = new org.ftgan.records.ApiTokenRecords(api.db).create("inference-test");
        ArtifactStore store = api.records.store();
        Path raw = dir.resolve("synthetic");
        SyntheticDatasetWriter.write(new SyntheticDatasetSpec(3, 3, 650, 25, 5L), raw);
        dataDir = store.root().resolve("datasets/synthetic-test");
        new DatasetPreparer(MeshFiles::read, PrepareListener.NONE, 2).prepare(PrepareRequest.of(DatasetKind.SYNTHETIC, raw, dataDir));
        Path yaml = dir.resolve("run.yaml");
        Files.writeString(yaml, String.join("\n",
                "data: " + dataDir.toAbsolutePath(),
                "output: " + store.runDir(RUN).toAbsolutePath(),
                "model: {preset: tiny}",
                "topology: {factors: [4, 4], cache_dir: " + dir.resolve("topology-cache").toAbsolutePath() + "}",
                "training: {steps: 12, batch: 4, lr: 1.0e-3, seed: 3, log_every: 6}",
                "evaluation: {triplets: 40, pool: all, every_steps: 6, training_triplets: 10, keep_best: true}",
                ""));
        RunConfig config = RunConfig.load(yaml);
        TrainingResult trained;
        try (PreparedDataset ds = PreparedDataset.open(dataDir)) {
            Trainer trainer = new Trainer(config, ds, TrainingListener.NONE);
            trainer.evaluateDuringTraining(new org.ftgan.eval.HeldOutSubsetEvaluation(config, ds));
            trained = trainer.run();
            template = ds.template();
            sample0 = ds.positions(0);
        }
        checkpoint = trained.lastCheckpoint();

        ObjectNode definition = ApiFixture.JSON.createObjectNode().put("name", "explore");
        definition.putObject("dataset").put("kind", "synthetic");
        api.experiment(EXPERIMENT, "explore", List.of(), definition);
        api.records.experiments().setDatasetHash(EXPERIMENT, "raw-hash-1");
        api.runs(EXPERIMENT, List.of(ApiFixture.config(0.4, 4, "tiny"), ApiFixture.config(0.4, 4, "tiny")));
        api.records.artifacts().upsert(EXPERIMENT, null, ArtifactKind.DATASET, store.describe(dataDir.resolve("manifest.json")));
        api.records.artifacts().upsert(EXPERIMENT, RUN, ArtifactKind.CHECKPOINT, DirectoryArtifact.describe(store, checkpoint));
        Path best = store.checkpointsDir(RUN).resolve("best");
        assertTrue(Files.isDirectory(best), "evaluation during training kept a best checkpoint");
        api.records.artifacts().upsert(EXPERIMENT, RUN, ArtifactKind.CHECKPOINT, DirectoryArtifact.describe(store, best));

        // the platform's evaluation (batches of 32), and the same evaluation in batches of one mesh
        evaluation = CheckpointEvaluation.evaluate(checkpoint, dataDir, null);
        try (PreparedDataset ds = PreparedDataset.open(dataDir)) {
            Trainer networks = CheckpointEvaluation.loadNetworks(checkpoint, config, ds);
            EvaluationConfig ec = EvaluationConfig.defaults(config.evaluation().seed())
                    .withTripletCount(config.evaluation().triplets()).withPool(config.evaluation().pool()).withErrorMapsPerKind(0);
            Evaluator one = new Evaluator(new NetworkCodec(networks.model().networks()), ec.withBatchSize(1));
            evaluationInBatchesOfOne = one.evaluate(ds, null);
            triplets = one.triplets(ds);
        }
        assertTrue(triplets.size() == 40, "triplets drawn: " + triplets.size());
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void transfersAndNeutralizationsOfTheEvaluationsTripletsGiveItsFigures() throws Exception {
        double[] model = new double[triplets.size()];
        double[] blendshape = new double[triplets.size()];
        double[] neutralization = new double[triplets.size()];
        for (int k = 0; k < triplets.size(); k++) {
            Triplet t = triplets.get(k);
            JsonNode transfer = json("/api/runs/" + RUN + "/inference/transfer?checkpoint=last&format=json&content="
                    + t.subjectNeutral() + "&style=" + t.otherExpressive() + "&truth=" + t.subjectExpressive()
                    + "&style_neutral=" + t.otherNeutral());
            model[k] = transfer.path("model").path("mean_error_mm").doubleValue();
            blendshape[k] = transfer.path("blendshape").path("mean_error_mm").doubleValue();
            JsonNode neutral = json("/api/runs/" + RUN + "/inference/neutralize?checkpoint=last&format=json&mesh="
                    + t.subjectExpressive() + "&neutral=" + t.otherNeutral() + "&truth=" + t.subjectNeutral());
            neutralization[k] = neutral.path("model").path("mean_error_mm").doubleValue();
        }
        EvaluationResult.Metrics one = evaluationInBatchesOfOne.metrics();
        // number for number: the same networks, normalization and AVD as the evaluation in batches of one
        assertEquals(one.transfer(), ErrorStats.of(model));
        assertEquals(one.blendshapeTransfer(), ErrorStats.of(blendshape));
        assertEquals(one.neutralization(), ErrorStats.of(neutralization));
        // the platform's evaluation runs batches of 32: the baseline has no network and is equal too; the
        // networks' float rounding depends on the batch by about 1e-9 relative
        EvaluationResult.Metrics platform = evaluation.metrics();
        assertEquals(platform.blendshapeTransfer(), ErrorStats.of(blendshape));
        assertEquals(platform.transfer().mean(), ErrorStats.of(model).mean(), 1e-6 * platform.transfer().mean());
        assertEquals(platform.neutralization().mean(), ErrorStats.of(neutralization).mean(), 1e-6 * platform.neutralization().mean());
    }

    @Test
    void binaryPlyAndJsonAnswersAgreeAndAnUploadEqualsItsSample() throws Exception {
        Triplet t = triplets.get(0);
        String query = "/api/runs/" + RUN + "/inference/transfer?checkpoint=last&content=" + t.subjectNeutral()
                + "&style=" + t.otherExpressive();
        JsonNode json = json(query + "&format=json");
        HttpResponse<byte[]> f32 = bytes(HttpRequest.newBuilder(uri(query)));
        assertEquals(200, f32.statusCode());
        assertEquals("application/octet-stream", f32.headers().firstValue("content-type").orElseThrow());
        float[] positions = floats(f32.body());
        assertEquals(3 * template.vertexCount(), positions.length);
        for (int i = 0; i < positions.length; i++) {
            assertEquals(json.path("model").path("positions").get(i).floatValue(), positions[i]);
        }
        HttpResponse<byte[]> ply = bytes(HttpRequest.newBuilder(uri(query + "&format=ply")));
        assertEquals("application/ply", ply.headers().firstValue("content-type").orElseThrow());
        Path plyFile = dir.resolve("answer.ply");
        Files.write(plyFile, ply.body());
        org.ftgan.mesh.MeshWithValues read = MeshFiles.readWithValues(plyFile, "error");
        assertArrayEquals(positions, read.mesh().positions());
        assertTrue(read.mesh().sameTopology(template));
        assertTrue(read.values() != null, "the default ground truth (same sequence and frame) gives the error property");

        // the content uploaded as a PLY in mm gives the same transfer as its index
        ByteArrayOutputStream upload = new ByteArrayOutputStream();
        try (PreparedDataset ds = PreparedDataset.open(dataDir)) {
            PlyWriter.writeTo(upload, template.withPositions(ds.positions(t.subjectNeutral())), null, null,
                    PlyWriter.Encoding.BINARY_LITTLE_ENDIAN);
        }
        HttpResponse<byte[]> uploaded = post("/api/runs/" + RUN + "/inference/transfer?checkpoint=last&unit=mm&style="
                + t.otherExpressive(), List.of(new Part("content", "face.ply", upload.toByteArray())));
        assertEquals(200, uploaded.statusCode(), new String(uploaded.body(), StandardCharsets.UTF_8));
        assertArrayEquals(positions, floats(uploaded.body()));

        // alpha moves the mesh; 0 is the content's own reconstruction
        float[] half = floats(bytes(HttpRequest.newBuilder(uri(query + "&alpha=0.5"))).body());
        assertNotEquals(Arrays.hashCode(positions), Arrays.hashCode(half));
        JsonNode reconstruct = json("/api/runs/" + RUN + "/inference/reconstruct?checkpoint=last&format=json&mesh="
                + t.subjectNeutral());
        JsonNode zero = json(query + "&format=json&alpha=0");
        assertEquals(reconstruct.path("model").path("positions"), zero.path("model").path("positions"));
        JsonNode frames = json("/api/runs/" + RUN + "/inference/interpolate?checkpoint=last&format=json&frames=3&content="
                + t.subjectNeutral() + "&from=" + t.subjectNeutral() + "&to=" + t.otherExpressive());
        assertEquals(3, frames.path("frames").size());
        assertEquals(json.path("model").path("positions"), frames.path("frames").get(2).path("positions"));
    }

    @Test
    void anUploadIsKeptByItsHashAndOperationsTakeItsReferenceInGetsToo() throws Exception {
        Triplet t = triplets.get(1);
        String base = "/api/runs/" + RUN + "/inference";
        float[] face;
        try (PreparedDataset ds = PreparedDataset.open(dataDir)) {
            face = ds.positions(t.subjectNeutral());
        }
        ByteArrayOutputStream ply = new ByteArrayOutputStream();
        PlyWriter.writeTo(ply, template.withPositions(face), null, null, PlyWriter.Encoding.BINARY_LITTLE_ENDIAN);
        HttpResponse<byte[]> stored = post(base + "/uploads?checkpoint=last&unit=mm", List.of(new Part("mesh", "face.ply", ply.toByteArray())));
        assertEquals(201, stored.statusCode(), new String(stored.body(), StandardCharsets.UTF_8));
        JsonNode upload = ApiFixture.parse(new String(stored.body(), StandardCharsets.UTF_8));
        String id = upload.path("id").asText();
        assertTrue(id.matches("[0-9a-f]{64}"), id);
        assertEquals("upload:" + id, upload.path("reference").asText());
        assertEquals("face.ply", upload.path("file_name").asText());
        assertEquals(template.vertexCount(), upload.path("vertex_count").asInt());

        // the same mesh again, as an OBJ: the same id (content-addressed: the mesh kept, not the file's bytes)
        StringBuilder obj = new StringBuilder();
        for (int v = 0; v < template.vertexCount(); v++) {
            obj.append("v ").append(face[3 * v]).append(' ').append(face[3 * v + 1]).append(' ').append(face[3 * v + 2]).append('\n');
        }
        HttpResponse<byte[]> again = post(base + "/uploads?unit=mm", List.of(new Part("mesh", "face.obj", objFaces(obj))));
        assertEquals(201, again.statusCode(), new String(again.body(), StandardCharsets.UTF_8));
        assertEquals(id, ApiFixture.parse(new String(again.body(), StandardCharsets.UTF_8)).path("id").asText());
        HttpResponse<byte[]> plyBack = bytes(HttpRequest.newBuilder(uri(base + "/uploads/" + id + "?format=ply")));
        assertEquals(200, plyBack.statusCode());
        assertEquals("application/ply", plyBack.headers().firstValue("content-type").orElseThrow());
        Path back = dir.resolve("upload-back.ply");
        Files.write(back, plyBack.body());
        assertArrayEquals(face, MeshFiles.read(back).positions());

        // a GET (no token) names the upload: the same transfer as the sample's index, and no ground truth
        String byIndex = base + "/transfer?checkpoint=last&content=" + t.subjectNeutral() + "&style=" + t.otherExpressive();
        String byUpload = base + "/transfer?checkpoint=last&content=upload:" + id + "&style=" + t.otherExpressive();
        assertArrayEquals(floats(bytes(HttpRequest.newBuilder(uri(byIndex))).body()), floats(bytes(HttpRequest.newBuilder(uri(byUpload))).body()));
        JsonNode answer = json(byUpload + "&format=json");
        assertTrue(answer.path("truth").isNull(), "an upload has no ground truth: " + answer.path("truth"));
        assertTrue(answer.path("model").path("error_mm").isNull());
        assertTrue(answer.path("blendshape").path("positions").size() > 0, "the style is a sample: the baseline is there");
        JsonNode info = json(base + "/uploads/" + id);
        assertEquals(id, info.path("id").asText());
        JsonNode described = json(base);
        assertTrue(described.path("uploads").path("count").asInt() >= 1, described.path("uploads").toString());
        JsonNode kept = json(base + "/uploads");
        assertTrue(kept.path("count").asInt() >= 1 && kept.path("used_bytes").asLong() <= kept.path("max_bytes").asLong(), kept.toString());

        // an id not kept (never uploaded, or evicted) is a named 404; a malformed one a 400
        String unknown = "0".repeat(64);
        HttpResponse<String> missing = api.get(base + "/transfer?content=upload:" + unknown + "&style=1");
        ArtifactRoutesTest.assertError(missing, 404, "upload_not_found");
        assertTrue(missing.body().contains("upload the mesh again"), missing.body());
        ArtifactRoutesTest.assertError(api.get(base + "/uploads/" + unknown), 404, "upload_not_found");
        ArtifactRoutesTest.assertError(api.get(base + "/uploads/xyz"), 400, "invalid_parameter");
        ArtifactRoutesTest.assertError(api.get(base + "/transfer?content=upload:abc&style=1"), 400, "invalid_parameter");

        // the upload route checks what it keeps: another topology is refused by name, and it needs a token
        int[] fewer = Arrays.copyOf(template.triangles(), template.triangles().length - 3);
        ByteArrayOutputStream other = new ByteArrayOutputStream();
        PlyWriter.writeTo(other, new Mesh(sample0, fewer), null, null, PlyWriter.Encoding.ASCII);
        assertUploadError(post(base + "/uploads?unit=mm", List.of(new Part("mesh", "other.ply", other.toByteArray()))),
                "wrong_topology", template.vertexCount() + " vertices and " + template.faceCount() + " faces");
        HttpResponse<byte[]> anonymous = bytes(HttpRequest.newBuilder(uri(base + "/uploads")).header("Content-Type", "multipart/form-data; boundary=x")
                .POST(HttpRequest.BodyPublishers.ofString("--x--\r\n")));
        assertEquals(401, anonymous.statusCode());
    }

    @Test
    void oneInterpolationFrameIsThatFrameOfTheWholeInterpolationAndComesAsPlyToo() throws Exception {
        Triplet t = triplets.get(2);
        String query = "/api/runs/" + RUN + "/inference/interpolate?checkpoint=last&frames=4&content=" + t.subjectNeutral()
                + "&from=" + t.subjectExpressive() + "&to=" + t.otherExpressive();
        float[] all = floats(bytes(HttpRequest.newBuilder(uri(query))).body());
        int floats = 3 * template.vertexCount();
        assertEquals(4 * floats, all.length);
        for (int k = 0; k < 4; k++) {
            float[] one = floats(bytes(HttpRequest.newBuilder(uri(query + "&frame=" + k))).body());
            assertArrayEquals(Arrays.copyOfRange(all, k * floats, (k + 1) * floats), one, "frame " + k);
        }
        assertNotEquals(Arrays.hashCode(Arrays.copyOfRange(all, 0, floats)), Arrays.hashCode(Arrays.copyOfRange(all, floats, 2 * floats)));
        HttpResponse<byte[]> ply = bytes(HttpRequest.newBuilder(uri(query + "&frame=3&format=ply")));
        assertEquals(200, ply.statusCode());
        assertEquals("application/ply", ply.headers().firstValue("content-type").orElseThrow());
        ArtifactRoutesTest.assertError(api.get(query + "&frame=4"), 400, "invalid_parameter");
        ArtifactRoutesTest.assertError(api.get(query + "&format=ply"), 400, "invalid_parameter");
    }

    private static byte[] objFaces(StringBuilder vertices) {
        int[] tri = template.triangles();
        for (int f = 0; f < tri.length; f += 3) {
            vertices.append("f ").append(tri[f] + 1).append(' ').append(tri[f + 1] + 1).append(' ').append(tri[f + 2] + 1).append('\n');
        }
        return vertices.toString().getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void describesTheModelAndItsSamples() throws Exception {
        JsonNode info = json("/api/runs/" + RUN + "/inference");
        assertEquals("best", info.path("checkpoint").path("kind").asText());
        assertTrue(info.path("checkpoints").path("last").asBoolean());
        assertEquals(template.vertexCount(), info.path("vertex_count").asInt());
        assertTrue(info.path("samples").size() > 10);
        assertEquals("neutral", info.path("samples").get(0).path("expression").asText());
    }

    @Test
    void aDatasetPreparedForAnotherExperimentIsFoundThroughItsDatasetSection() throws Exception {
        // the worker shares a prepared dataset between experiments with the same dataset section and raw data;
        // its artifact row names only one of them
        ObjectNode definition = ApiFixture.JSON.createObjectNode().put("name", "explore-again");
        definition.putObject("dataset").put("kind", "synthetic");
        api.experiment("explore-2", "explore-again", List.of(), definition);
        api.records.experiments().setDatasetHash("explore-2", "raw-hash-1");
        api.runs("explore-2", List.of(ApiFixture.config(0.4, 4, "tiny")));
        Path copy = api.records.store().checkpointsDir("explore-2-r0000").resolve(checkpoint.getFileName());
        Files.createDirectories(copy);
        try (var files = Files.list(checkpoint)) {
            for (Path f : files.toList()) {
                Files.copy(f, copy.resolve(f.getFileName()));
            }
        }
        api.records.artifacts().upsert("explore-2", "explore-2-r0000", ArtifactKind.CHECKPOINT,
                DirectoryArtifact.describe(api.records.store(), copy));
        JsonNode info = json("/api/runs/explore-2-r0000/inference");
        assertEquals("last", info.path("checkpoint").path("kind").asText());
        assertEquals(template.vertexCount(), info.path("vertex_count").asInt());
    }

    @Test
    void badUploadsGetTheirNamedErrors() throws Exception {
        String path = "/api/runs/" + RUN + "/inference/neutralize?unit=mm";
        // another topology: one triangle fewer
        int[] fewer = Arrays.copyOf(template.triangles(), template.triangles().length - 3);
        ByteArrayOutputStream other = new ByteArrayOutputStream();
        PlyWriter.writeTo(other, new Mesh(sample0, fewer), null, null, PlyWriter.Encoding.ASCII);
        assertUploadError(post(path, List.of(new Part("mesh", "other.ply", other.toByteArray()))), "wrong_topology",
                template.vertexCount() + " vertices and " + template.faceCount() + " faces");
        // a NaN coordinate
        StringBuilder obj = new StringBuilder();
        for (int v = 0; v < template.vertexCount(); v++) {
            obj.append("v ").append(v == 7 ? "nan" : Float.toString(sample0[3 * v])).append(' ')
                    .append(sample0[3 * v + 1]).append(' ').append(sample0[3 * v + 2]).append('\n');
        }
        int[] tri = template.triangles();
        for (int f = 0; f < tri.length; f += 3) {
            obj.append("f ").append(tri[f] + 1).append(' ').append(tri[f + 1] + 1).append(' ').append(tri[f + 2] + 1).append('\n');
        }
        assertUploadError(post(path, List.of(new Part("mesh", "nan.obj", obj.toString().getBytes(StandardCharsets.US_ASCII)))),
                "invalid_mesh", "line 8");
        // an oversized file
        byte[] huge = new byte[(int) (80L * template.vertexCount() + 40L * template.faceCount() + 65536 + 1)];
        Arrays.fill(huge, (byte) ' ');
        assertUploadError(post(path, List.of(new Part("mesh", "huge.obj", huge))), "mesh_too_large",
                "at most " + (huge.length - 1) + " bytes");
        // uploads need a token (the GETs do not)
        HttpResponse<byte[]> anonymous = bytes(HttpRequest.newBuilder(uri(path)).header("Content-Type", "multipart/form-data; boundary=x")
                .POST(HttpRequest.BodyPublishers.ofString("--x--\r\n")));
        assertEquals(401, anonymous.statusCode());
        // not a form, and parameters out of range
        HttpResponse<String> notForm = api.get("/api/runs/" + RUN + "/inference/transfer?content=0&style=99999");
        ArtifactRoutesTest.assertError(notForm, 400, "invalid_parameter");
        assertTrue(notForm.body().contains("style: sample 99999"), notForm.body());
        ArtifactRoutesTest.assertError(api.get("/api/runs/" + RUN + "/inference/transfer?content=0&style=1&alpha=2.5"),
                400, "invalid_parameter");
    }

    @Test
    void aRunWithoutACheckpointIs409AndAnUnknownRun404() throws Exception {
        HttpResponse<String> r = api.get("/api/runs/" + UNTRAINED + "/inference/transfer?content=0&style=1");
        ArtifactRoutesTest.assertError(r, 409, "no_checkpoint");
        assertTrue(r.body().contains("has no checkpoint yet"), r.body());
        ArtifactRoutesTest.assertError(api.get("/api/runs/" + UNTRAINED + "/inference"), 409, "no_checkpoint");
        ArtifactRoutesTest.assertError(api.get("/api/runs/nobody-r0000/inference/transfer?content=0&style=1"), 404, "not_found");
    }

    private static void assertUploadError(HttpResponse<byte[]> r, String code, String named) throws Exception {
        String body = new String(r.body(), StandardCharsets.UTF_8);
        assertEquals(400, r.statusCode(), body);
        JsonNode json = ApiFixture.parse(body);
        assertEquals(code, json.path("error").asText(), body);
        assertTrue(body.contains(named), body);
        assertTrue(body.contains("mesh"), "names the field: " + body);
        assertTrue(!body.contains(dir.toString()) && !body.contains("/tmp"), "no server path: " + body);
    }

    private static JsonNode json(String path) throws Exception {
        HttpResponse<String> r = api.get(path);
        assertEquals(200, r.statusCode(), path + ": " + r.body());
        return ApiFixture.parse(r.body());
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + api.server.port() + path);
    }

    private static HttpResponse<byte[]> bytes(HttpRequest.Builder request) throws Exception {
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    record Part(String name, String fileName, byte[] content) {
    }

    private static HttpResponse<byte[]> post(String path, List<Part> parts) throws Exception {
        String boundary = "ftgan-test-boundary-7f3a";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Part p : parts) {
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + p.name() + "\"; filename=\""
                    + p.fileName() + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            body.write(p.content());
            body.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return bytes(HttpRequest.newBuilder(uri(path)).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    private static float[] floats(byte[] bytes) {
        float[] out = new float[bytes.length / 4];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
        return out;
    }
}
