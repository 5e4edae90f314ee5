package org.ftgan.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.UploadedFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.ftgan.artifacts.ArtifactPathException;
import org.ftgan.artifacts.ArtifactStore;
import org.ftgan.data.Manifest;
import org.ftgan.data.PreparedDataset;
import org.ftgan.infer.InferenceException;
import org.ftgan.infer.InferenceModel;
import org.ftgan.infer.InferenceModels;
import org.ftgan.infer.MeshInput;
import org.ftgan.infer.Prediction;
import org.ftgan.mesh.PlyWriter;
import org.ftgan.records.read.RunModelFiles;
import org.ftgan.train.Checkpoint;

/**
 * Inference on a run's trained model ({@link InferenceModel}, loaded through {@link InferenceModels}):
 * {@code GET /api/runs/{id}/inference} describes the model and lists its dataset's samples;
 * {@code GET|POST /api/runs/{id}/inference/{operation}} runs encode, transfer, neutralize,
 * reconstruct or interpolate on samples given by index (query) or, with POST, on uploaded PLY/OBJ
 * files (multipart form parts). {@code POST /api/runs/{id}/inference/uploads} checks an uploaded mesh
 * against the run's template and keeps it ({@link MeshUploads}) under its content hash, which any
 * operation then takes in place of a sample index ({@code upload:<id>}), so links can name uploads;
 * {@code GET .../uploads/{upload}} describes a kept upload (or gives it as PLY). Where the run's
 * checkpoints and dataset lie comes from the records ({@link RunModelFiles}); no SQL here. Answers
 * float32 vertices by default, PLY or JSON on request.
 */
final class InferenceRoutes implements ApiRoutes, AutoCloseable {
    static final String PREFIX = "/api/runs/";
    static final String SUFFIX = "/inference";
    private static final Pattern PATH = Pattern.compile("^/api/runs/[^/]+/inference(/[^/]+)?$");
    static final Set<String> OPERATIONS = Set.of("encode", "transfer", "neutralize", "reconstruct", "interpolate");
    /** The largest request body of an inference POST (two meshes and their form framing). */
    static final long MAX_BODY_BYTES = 64L << 20;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(InferenceRoutes.class);

    private final RunModelFiles files;
    private final ArtifactStore store;
    private final InferenceModels models;
    private final MeshUploads uploads;

    InferenceRoutes(RunModelFiles files, ArtifactStore store, InferenceModels models, MeshUploads uploads) {
        this.files = files;
        this.store = store;
        this.models = models;
        this.uploads = uploads;
    }

    @Override
    public void close() {
        models.close();
    }

    /** Whether a request is an inference request (a POST that changes nothing, with its own body limit). */
    static boolean isInference(Context ctx) {
        return PATH.matcher(ctx.path()).matches();
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get(PREFIX + "{id}" + SUFFIX, this::describe);
        // before {operation}, which would take "uploads" as an operation's name
        routes.get(PREFIX + "{id}" + SUFFIX + "/uploads", this::uploadStore);
        routes.post(PREFIX + "{id}" + SUFFIX + "/uploads", this::upload);
        routes.get(PREFIX + "{id}" + SUFFIX + "/uploads/{upload}", this::storedUpload);
        routes.get(PREFIX + "{id}" + SUFFIX + "/{operation}", this::operate);
        routes.post(PREFIX + "{id}" + SUFFIX + "/{operation}", this::operate);
    }

    private void describe(Context ctx) throws IOException {
        String which = ctx.queryParam("checkpoint");
        try (InferenceModels.Lease lease = lease(ctx.pathParam("id"), which)) {
            InferenceModel m = lease.model();
            RunModelFiles.Files f = files.of(ctx.pathParam("id"));
            ObjectNode out = JSON.createObjectNode();
            out.put("run", f.runId());
            out.set("checkpoint", checkpointJson(f, m));
            ObjectNode available = out.putObject("checkpoints");
            available.put("best", f.best() != null);
            available.put("last", f.last() != null);
            PreparedDataset data = m.data();
            out.put("vertex_count", data.vertexCount());
            out.put("face_count", m.template().faceCount());
            out.put("content_dim", m.contentDim());
            out.put("style_dim", m.styleDim());
            out.put("max_upload_bytes", m.maxUploadBytes());
            ObjectNode kept = out.putObject("uploads");
            kept.put("count", uploads.count());
            kept.put("used_bytes", uploads.usedBytes());
            kept.put("max_bytes", uploads.maxBytes());
            out.put("source_unit", data.manifest().sourceUnit());
            ObjectNode alpha = out.putObject("alpha");
            alpha.put("min", InferenceModel.MIN_ALPHA);
            alpha.put("max", InferenceModel.MAX_ALPHA);
            out.put("max_frames", InferenceModel.MAX_FRAMES);
            ArrayNode samples = out.putArray("samples");
            for (int i = 0; i < data.sampleCount(); i++) {
                Manifest.SampleEntry e = data.manifest().sampleList().get(i);
                ObjectNode s = samples.addObject();
                s.put("index", i);
                s.put("subject", data.subject(i));
                s.put("expression", data.classNames().get(data.classIndex(i)));
                s.put("sequence", e.sequence());
                if (e.frame() == null) {
                    s.putNull("frame");
                } else {
                    s.put("frame", e.frame());
                }
                s.put("split", data.split(i) == PreparedDataset.Split.TEST ? "test" : "train");
            }
            ctx.contentType("application/json").result(out.toString());
        }
    }

    private void operate(Context ctx) throws IOException {
        String operation = ctx.pathParam("operation");
        if (!OPERATIONS.contains(operation)) {
            throw new ApiError(404, "not_found", "no inference operation '" + operation + "'; the operations are "
                    + List.of("encode", "transfer", "neutralize", "reconstruct", "interpolate"));
        }
        String format = choice(ctx, "format", "f32", Set.of("f32", "ply", "json"));
        Request request = new Request(ctx, uploads);
        try (InferenceModels.Lease lease = lease(ctx.pathParam("id"), ctx.queryParam("checkpoint"))) {
            InferenceModel m = lease.model();
            request.model(m);
            ctx.header("X-Ftgan-Checkpoint-Step", Long.toString(m.step()));
            ctx.header("X-Ftgan-Vertices", Integer.toString(m.data().vertexCount()));
            try {
                switch (operation) {
                    case "encode" -> encode(ctx, m, request, format);
                    case "transfer" -> transfer(ctx, m, request, format);
                    case "neutralize" -> neutralize(ctx, m, request, format);
                    case "reconstruct" -> reconstruct(ctx, m, request, format);
                    default -> interpolate(ctx, m, request, format);
                }
            } catch (InferenceException e) {
                throw new ApiError(400, e.code(), e.getMessage());
            }
        }
    }

    /**
     * What the upload store holds and may hold (no ids: an upload is found by whoever has its link). A GET
     * here, beside the POST, so that the path's methods are those its routes have.
     */
    private void uploadStore(Context ctx) throws IOException {
        files.of(ctx.pathParam("id"));
        ObjectNode out = JSON.createObjectNode();
        out.put("count", uploads.count());
        out.put("used_bytes", uploads.usedBytes());
        out.put("max_bytes", uploads.maxBytes());
        ctx.contentType("application/json").result(out.toString());
    }

    /** Checks an uploaded mesh (form part {@code mesh}) against the run's template and keeps it by its hash. */
    private void upload(Context ctx) throws IOException {
        Request request = new Request(ctx, uploads);
        try (InferenceModels.Lease lease = lease(ctx.pathParam("id"), ctx.queryParam("checkpoint"))) {
            InferenceModel m = lease.model();
            MeshInput.Upload file = request.file("mesh");
            float[] positions;
            try {
                positions = m.positions(file);
            } catch (InferenceException e) {
                throw new ApiError(400, e.code(), e.getMessage());
            }
            MeshUploads.Stored kept = uploads.put(m.topologyKey(), positions, file.fileName(), file.bytes().length);
            ctx.status(201).contentType("application/json").result(uploadJson(kept, m).toString());
        }
    }

    /** A kept upload: JSON (what it is) by default, or the mesh itself as binary PLY ({@code format=ply}). */
    private void storedUpload(Context ctx) throws IOException {
        String format = choice(ctx, "format", "json", Set.of("json", "ply"));
        String id = ctx.pathParam("upload");
        if (!MeshUploads.ID.matcher(id).matches()) {
            throw new ApiError(400, "invalid_parameter", "upload: expected the 64 lower-case hex digits of an upload's id, got '"
                    + id + "'");
        }
        try (InferenceModels.Lease lease = lease(ctx.pathParam("id"), ctx.queryParam("checkpoint"))) {
            InferenceModel m = lease.model();
            MeshUploads.Stored kept = Request.kept(uploads, m, "upload", id);
            if (format.equals("json")) {
                ctx.contentType("application/json").result(uploadJson(kept, m).toString());
                return;
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            PlyWriter.writeTo(out, m.mesh(kept.positions()), null, null, PlyWriter.Encoding.BINARY_LITTLE_ENDIAN);
            ctx.header("Content-Disposition", "attachment; filename=\"upload-" + id.substring(0, 12) + ".ply\"");
            ctx.contentType("application/ply").result(out.toByteArray());
        }
    }

    private static ObjectNode uploadJson(MeshUploads.Stored kept, InferenceModel m) {
        ObjectNode out = JSON.createObjectNode();
        out.put("id", kept.id());
        out.put("reference", MeshUploads.PREFIX + kept.id());
        if (kept.fileName() == null) {
            out.putNull("file_name");
        } else {
            out.put("file_name", kept.fileName());
        }
        out.put("file_bytes", kept.fileBytes());
        out.put("vertex_count", m.template().vertexCount());
        out.put("face_count", m.template().faceCount());
        out.put("stored_at", kept.storedAt().toString());
        return out;
    }

    private void encode(Context ctx, InferenceModel m, Request r, String format) throws IOException {
        InferenceModel.Codes codes = m.encode(r.mesh("mesh"));
        if (format.equals("ply")) {
            throw new ApiError(400, "invalid_parameter", "format: encode answers codes, not a mesh; ask for json or f32");
        }
        if (format.equals("json")) {
            ObjectNode out = JSON.createObjectNode();
            floats(out.putArray("content"), codes.content());
            floats(out.putArray("style"), codes.style());
            ctx.contentType("application/json").result(out.toString());
            return;
        }
        float[] both = new float[codes.content().length + codes.style().length];
        System.arraycopy(codes.content(), 0, both, 0, codes.content().length);
        System.arraycopy(codes.style(), 0, both, codes.content().length, codes.style().length);
        sendFloats(ctx, both);
    }

    private void transfer(Context ctx, InferenceModel m, Request r, String format) throws IOException {
        double alpha = r.number("alpha", 1.0);
        InferenceModel.Transfer t = m.transfer(r.mesh("content"), r.mesh("style"), alpha, r.integer("truth"),
                r.integer("style_neutral"));
        if (t.model().meanErrorMm() != null) {
            ctx.header("X-Ftgan-Mean-Error-Mm", Double.toString(t.model().meanErrorMm()));
        }
        if (t.blendshape() != null && t.blendshape().meanErrorMm() != null) {
            ctx.header("X-Ftgan-Blendshape-Mean-Error-Mm", Double.toString(t.blendshape().meanErrorMm()));
        }
        if (format.equals("json")) {
            ObjectNode out = JSON.createObjectNode();
            out.put("alpha", alpha);
            out.put("checkpoint_step", m.step());
            out.set("model", predictionJson(t.model()));
            out.set("blendshape", t.blendshape() == null ? null : predictionJson(t.blendshape()));
            out.set("truth", truthJson(t.truthSample(), t.truth()));
            putNullable(out, "style_neutral_sample", t.styleNeutralSample());
            ctx.contentType("application/json").result(out.toString());
            return;
        }
        String output = choice(ctx, "output", "model", Set.of("model", "blendshape", "truth"));
        Prediction p = switch (output) {
            case "blendshape" -> require(t.blendshape(), "output: no blendshape transfer: the style is an upload; "
                    + "give style_neutral (a neutral sample of the style's subject)");
            case "truth" -> new Prediction(require(t.truth(), "output: no ground truth for this pair; give truth (a sample index)"),
                    null, null);
            default -> t.model();
        };
        sendMesh(ctx, m, p, format);
    }

    private void neutralize(Context ctx, InferenceModel m, Request r, String format) throws IOException {
        InferenceModel.Neutralization n = m.neutralize(r.mesh("mesh"), r.integer("neutral"), r.integer("truth"));
        if (n.model().meanErrorMm() != null) {
            ctx.header("X-Ftgan-Mean-Error-Mm", Double.toString(n.model().meanErrorMm()));
        }
        if (format.equals("json")) {
            ObjectNode out = JSON.createObjectNode();
            out.put("checkpoint_step", m.step());
            out.set("model", predictionJson(n.model()));
            out.set("truth", truthJson(n.truthSample(), n.truth()));
            out.put("neutral_sample", n.neutralSample());
            ctx.contentType("application/json").result(out.toString());
            return;
        }
        String output = choice(ctx, "output", "model", Set.of("model", "truth"));
        sendMesh(ctx, m, output.equals("truth")
                ? new Prediction(require(n.truth(), "output: no ground truth for an upload; give truth (a sample index)"), null, null)
                : n.model(), format);
    }

    private void reconstruct(Context ctx, InferenceModel m, Request r, String format) throws IOException {
        Prediction p = m.reconstruct(r.mesh("mesh"));
        ctx.header("X-Ftgan-Mean-Error-Mm", Double.toString(p.meanErrorMm()));
        if (format.equals("json")) {
            ObjectNode out = JSON.createObjectNode();
            out.put("checkpoint_step", m.step());
            out.set("model", predictionJson(p));
            ctx.contentType("application/json").result(out.toString());
            return;
        }
        sendMesh(ctx, m, p, format);
    }

    private void interpolate(Context ctx, InferenceModel m, Request r, String format) throws IOException {
        int frames = r.integer("frames") == null ? 5 : r.integer("frames");
        Integer frame = r.integer("frame");
        if (frame != null) {
            // one frame alone: a mesh, so PLY too (what the Explore page's strip shows and downloads)
            Prediction p = m.interpolationFrame(r.mesh("content"), r.mesh("from"), r.mesh("to"), frames, frame);
            ctx.header("X-Ftgan-Frames", Integer.toString(frames));
            if (format.equals("json")) {
                ObjectNode body = JSON.createObjectNode();
                body.put("checkpoint_step", m.step());
                body.put("frame", frame);
                body.put("frames", frames);
                body.set("model", predictionJson(p));
                ctx.contentType("application/json").result(body.toString());
                return;
            }
            sendMesh(ctx, m, p, format);
            return;
        }
        List<Prediction> out = m.interpolate(r.mesh("content"), r.mesh("from"), r.mesh("to"), frames);
        if (format.equals("ply")) {
            throw new ApiError(400, "invalid_parameter", "format: a PLY holds one mesh and interpolate answers "
                    + frames + "; ask for json or f32, or for one frame (frame)");
        }
        if (format.equals("json")) {
            ObjectNode body = JSON.createObjectNode();
            body.put("checkpoint_step", m.step());
            ArrayNode list = body.putArray("frames");
            out.forEach(p -> list.add(predictionJson(p)));
            ctx.contentType("application/json").result(body.toString());
            return;
        }
        int floats = out.get(0).positions().length;
        float[] all = new float[floats * out.size()];
        for (int k = 0; k < out.size(); k++) {
            System.arraycopy(out.get(k).positions(), 0, all, k * floats, floats);
        }
        ctx.header("X-Ftgan-Frames", Integer.toString(out.size()));
        sendFloats(ctx, all);
    }

    private static <T> T require(T value, String message) {
        if (value == null) {
            throw new ApiError(400, "invalid_parameter", message);
        }
        return value;
    }

    private InferenceModels.Lease lease(String runId, String which) throws IOException {
        if (which != null && !which.equals("best") && !which.equals("last")) {
            throw new ApiError(400, "invalid_parameter", "checkpoint: expected best or last, got '" + which + "'");
        }
        RunModelFiles.Files f = files.of(runId);
        if (!f.hasCheckpoint()) {
            throw new ApiError(409, "no_checkpoint", "run " + runId + " (" + f.status()
                    + ") has no checkpoint yet: a run can be explored once it has written one");
        }
        String checkpoint = which == null ? (f.best() != null ? f.best() : f.last()) : which.equals("best") ? f.best() : f.last();
        if (checkpoint == null) {
            throw new ApiError(409, "no_checkpoint", "run " + runId + " has no '" + which + "' checkpoint; it has "
                    + (f.best() != null ? "best" : "last"));
        }
        if (f.dataset() == null) {
            throw new ApiError(409, "no_dataset", "run " + runId + "'s experiment has no prepared dataset recorded");
        }
        Path checkpointDir;
        Path dataDir;
        try {
            checkpointDir = store.resolve(checkpoint);
            dataDir = store.resolve(f.dataset());
        } catch (ArtifactPathException e) {
            throw new ApiError(409, "no_checkpoint", "run " + runId + ": its recorded files are not in the artifact store");
        }
        if (!Files.isRegularFile(checkpointDir.resolve(Checkpoint.INDEX_FILE)) || !Files.isDirectory(dataDir)) {
            throw new ApiError(409, "no_checkpoint", "run " + runId + ": checkpoint " + checkpoint
                    + " or its dataset is recorded but missing from the artifact store");
        }
        try {
            return models.acquire(checkpointDir, dataDir);
        } catch (IOException | RuntimeException e) {
            // pruned while loading, or not of this dataset: the detail names server paths, so it goes to the log
            LOG.warn("run {}: checkpoint {} could not be loaded for inference", runId, checkpoint, e);
            throw new ApiError(409, "no_checkpoint", "run " + runId + ": checkpoint " + checkpoint
                    + " could not be loaded (it may have been replaced while training goes on); try again");
        }
    }

    private static ObjectNode checkpointJson(RunModelFiles.Files f, InferenceModel m) {
        ObjectNode c = JSON.createObjectNode();
        String name = m.checkpointDir().getFileName().toString();
        c.put("kind", name.equals("best") ? "best" : "last");
        c.put("step", m.step());
        return c;
    }

    private static ObjectNode predictionJson(Prediction p) {
        ObjectNode o = JSON.createObjectNode();
        floats(o.putArray("positions"), p.positions());
        if (p.errorMm() == null) {
            o.putNull("error_mm");
            o.putNull("mean_error_mm");
        } else {
            floats(o.putArray("error_mm"), p.errorMm());
            o.put("mean_error_mm", p.meanErrorMm());
        }
        return o;
    }

    private static ObjectNode truthJson(Integer sample, float[] truth) {
        if (truth == null) {
            return null;
        }
        ObjectNode o = JSON.createObjectNode();
        o.put("sample", sample);
        floats(o.putArray("positions"), truth);
        return o;
    }

    private static void putNullable(ObjectNode o, String key, Integer value) {
        if (value == null) {
            o.putNull(key);
        } else {
            o.put(key, value);
        }
    }

    private static void floats(ArrayNode a, float[] values) {
        for (float v : values) {
            a.add(v);
        }
    }

    private static void sendFloats(Context ctx, float[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        ctx.contentType("application/octet-stream").result(b.array());
    }

    private static void sendMesh(Context ctx, InferenceModel m, Prediction p, String format) throws IOException {
        if (p.errorMm() != null) {
            ctx.header("X-Ftgan-Mean-Error-Mm", Double.toString(p.meanErrorMm()));
        }
        if (format.equals("f32")) {
            sendFloats(ctx, p.positions());
            return;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PlyWriter.writeTo(out, m.mesh(p.positions()), p.errorMm() == null ? null : "error", p.errorMm(),
                PlyWriter.Encoding.BINARY_LITTLE_ENDIAN);
        ctx.header("Content-Disposition", "attachment; filename=\"" + ctx.pathParam("operation") + ".ply\"");
        ctx.contentType("application/ply").result(out.toByteArray());
    }

    private static String choice(Context ctx, String name, String fallback, Set<String> allowed) {
        String v = ctx.queryParam(name);
        if (v == null) {
            return fallback;
        }
        if (!allowed.contains(v)) {
            throw new ApiError(400, "invalid_parameter", name + ": expected one of " + allowed.stream().sorted().toList()
                    + ", got '" + v + "'");
        }
        return v;
    }

    /**
     * The inputs of one request: scalar parameters from the query string; a mesh from the query
     * (a sample index) or, in a POST, from a multipart form part of the same name (an uploaded file, or a
     * sample index as text).
     */
    private static final class Request {
        private final Context ctx;
        private final MeshUploads uploads;
        private final boolean multipart;
        private InferenceModel model;

        Request(Context ctx, MeshUploads uploads) {
            this.ctx = ctx;
            this.uploads = uploads;
            if (ctx.method() == HandlerType.POST) {
                String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(Locale.ROOT);
                if (!type.startsWith("multipart/form-data")) {
                    throw new ApiError(415, "unsupported_media_type", "a POST to an inference operation is a multipart/form-data "
                            + "form whose parts are the meshes (PLY or OBJ files, or sample indices); got content type '"
                            + (ctx.contentType() == null ? "" : ctx.contentType()) + "'");
                }
                multipart = true;
            } else {
                multipart = false;
            }
        }

        /** The model the request runs on (upload references are checked against its template). */
        void model(InferenceModel m) {
            this.model = m;
        }

        /** An uploaded file part, required. */
        MeshInput.Upload file(String name) throws IOException {
            UploadedFile file;
            byte[] bytes;
            try {
                file = ctx.uploadedFile(name);
                if (file == null) {
                    bytes = null;
                } else {
                    try (InputStream in = file.content()) {
                        bytes = in.readNBytes((int) MAX_BODY_BYTES);
                    }
                }
            } catch (Exception e) {
                throw new ApiError(400, "invalid_request", "the multipart form could not be read: " + e.getClass().getSimpleName());
            }
            if (file == null) {
                throw new ApiError(400, "invalid_parameter", name + ": required: a PLY or OBJ file part on the run's template");
            }
            return new MeshInput.Upload(name, file.filename(), bytes, unit());
        }

        /** A kept upload checked against the model's template: 404 upload_not_found, 400 wrong_topology. */
        static MeshUploads.Stored kept(MeshUploads uploads, InferenceModel m, String name, String id) {
            MeshUploads.Stored kept = uploads.get(id);
            if (kept == null) {
                throw new ApiError(404, "upload_not_found", name + ": upload " + id + " is not kept here: uploads are kept "
                        + "in the API's memory (least recently used first out, forgotten on restart); upload the mesh again");
            }
            if (!kept.topologyKey().equals(m.topologyKey())) {
                throw new ApiError(400, InferenceException.WRONG_TOPOLOGY, name + ": upload " + id
                        + " was checked against another template; this run's template has " + m.template().vertexCount()
                        + " vertices and " + m.template().faceCount() + " faces: upload the mesh to this run");
            }
            return kept;
        }

        /** A sample index, or {@code upload:<id>} of a kept upload. */
        private MeshInput reference(String name, String value) {
            if (value.startsWith(MeshUploads.PREFIX)) {
                String id = value.substring(MeshUploads.PREFIX.length());
                if (!MeshUploads.ID.matcher(id).matches()) {
                    throw new ApiError(400, "invalid_parameter", name + ": expected a sample index or upload:<id> (64 lower-case "
                            + "hex digits), got '" + value + "'");
                }
                return new MeshInput.Positions(name, kept(uploads, model, name, id).positions());
            }
            return new MeshInput.Sample(name, index(name, value));
        }

        MeshInput mesh(String name) throws IOException {
            if (multipart) {
                UploadedFile file;
                String text;
                byte[] bytes = null;
                try {
                    file = ctx.uploadedFile(name);
                    text = file == null ? ctx.formParam(name) : null;
                    if (file != null) {
                        try (InputStream in = file.content()) {
                            bytes = in.readNBytes((int) MAX_BODY_BYTES);
                        }
                    }
                } catch (Exception e) {
                    // Jetty's parser fails on a malformed body (no boundary, cut short): the client's fault
                    throw new ApiError(400, "invalid_request", "the multipart form could not be read: " + e.getClass().getSimpleName());
                }
                if (file != null) {
                    return new MeshInput.Upload(name, file.filename(), bytes, unit());
                }
                if (text != null) {
                    return reference(name, text);
                }
            }
            String q = ctx.queryParam(name);
            if (q == null) {
                throw new ApiError(400, "invalid_parameter", name + ": required: a sample index of the run's dataset or upload:<id>"
                        + (multipart ? " or a PLY/OBJ file part" : " (upload a file with POST multipart/form-data)"));
            }
            return reference(name, q);
        }

        String unit() {
            String u = ctx.queryParam("unit");
            if (u != null && !u.equals("mm") && !u.equals("m")) {
                throw new ApiError(400, "invalid_parameter", "unit: expected mm or m, got '" + u + "'");
            }
            return u;
        }

        Integer integer(String name) {
            String v = ctx.queryParam(name);
            return v == null ? null : index(name, v);
        }

        double number(String name, double fallback) {
            String v = ctx.queryParam(name);
            if (v == null) {
                return fallback;
            }
            try {
                double d = Double.parseDouble(v.trim());
                if (!Double.isFinite(d)) {
                    throw new NumberFormatException();
                }
                return d;
            } catch (NumberFormatException e) {
                throw new ApiError(400, "invalid_parameter", name + ": expected a number, got '" + v + "'");
            }
        }

        private static int index(String name, String value) {
            try {
                int i = Integer.parseInt(value.trim());
                if (i < 0) {
                    throw new NumberFormatException();
                }
                return i;
            } catch (NumberFormatException e) {
                throw new ApiError(400, "invalid_parameter", name + ": expected a non-negative integer, got '" + value + "'");
            }
        }
    }
}
