package org.ftgan.api;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.LinkOption;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.ftgan.artifacts.ArtifactPathException;
import org.ftgan.artifacts.ArtifactStore;
import org.ftgan.train.Checkpoint;

/**
 * GET /api/artifacts/{path}: a file of the artifact store, streamed. The path is decoded once and
 * must be a plain relative path inside the store ({@link ArtifactStore#resolve}): {@code ..}
 * segments (also percent-encoded), absolute paths, backslashes and symbolic links out of the store
 * are 400 invalid_parameter; a checkpoint directory comes as one zip archive; a path that names no
 * regular file (nor checkpoint) is 404 not_found.
 */
final class ArtifactRoutes implements ApiRoutes {
    private static final String PREFIX = "/api/artifacts/";

    private final ArtifactStore store;

    ArtifactRoutes(ArtifactStore store) {
        this.store = store;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get(PREFIX + "<path>", this::download);
    }

    private void download(Context ctx) throws IOException {
        String relative = relativePath(ctx);
        Path file;
        try {
            file = store.resolve(relative);
        } catch (ArtifactPathException e) {
            throw new ApiError(400, "invalid_parameter", "path: " + e.getMessage());
        }
        if (Files.isDirectory(file) && Files.isRegularFile(file.resolve(Checkpoint.INDEX_FILE))) {
            sendZip(ctx, file);
            return;
        }
        if (!Files.isRegularFile(file)) {
            throw new ApiError(404, "not_found", "no artifact file '" + relative + "'");
        }
        String name = file.getFileName().toString();
        ctx.contentType(contentType(name));
        ctx.header("Content-Disposition", "attachment; filename=\"" + name.replace("\"", "") + "\"");
        // sent as stored, with its length (download progress): Javalin's gzip would otherwise shrink the
        // body below this Content-Length for every browser (they all accept gzip) and fail the response
        ctx.disableCompression();
        ctx.header("Content-Length", Long.toString(Files.size(file)));
        InputStream in = Files.newInputStream(file);
        ctx.result(in);
    }

    /**
     * A checkpoint is a directory: it goes out as one zip archive {@code <step-dir>.zip} whose entries
     * are its files under the directory's name, in name order (streamed; no length is known ahead).
     */
    private static void sendZip(Context ctx, Path dir) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(f -> Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)).sorted().toList();
        }
        String name = dir.getFileName().toString().replace("\"", "");
        ctx.contentType("application/zip");
        ctx.header("Content-Disposition", "attachment; filename=\"" + name + ".zip\"");
        ctx.disableCompression();
        try (ZipOutputStream zip = new ZipOutputStream(ctx.outputStream())) {
            zip.setLevel(Deflater.BEST_SPEED); // float tensors barely compress; do not spend the CPU
            for (Path f : files) {
                zip.putNextEntry(new ZipEntry(name + "/" + dir.relativize(f).toString().replace('\\', '/')));
                Files.copy(f, zip);
                zip.closeEntry();
            }
        }
    }

    /**
     * Decoded from the raw request path rather than taken from the router, so that what is checked
     * is exactly what is opened; a path that still holds '%' after decoding (double encoding) is refused.
     */
    static String relativePath(Context ctx) {
        String raw = ctx.req().getRequestURI();
        int at = raw.indexOf(PREFIX);
        String encoded = at < 0 ? ctx.pathParam("path") : raw.substring(at + PREFIX.length());
        String decoded;
        try {
            decoded = URLDecoder.decode(encoded.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new ApiError(400, "invalid_parameter", "path: '" + encoded + "' is not a valid percent-encoded path");
        }
        if (decoded.contains("\\") || decoded.contains("%") || decoded.indexOf('\0') >= 0) {
            throw new ApiError(400, "invalid_parameter", "path: '" + decoded
                    + "' may not contain backslashes, NUL or percent signs after decoding");
        }
        for (String segment : decoded.split("/", -1)) {
            if (segment.equals("..") || segment.equals(".")) {
                throw new ApiError(400, "invalid_parameter", "path: '" + decoded
                        + "' contains a '" + segment + "' segment; artifact paths stay inside the store");
            }
        }
        return decoded;
    }

    static String contentType(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".json")) {
            return "application/json";
        }
        if (lower.endsWith(".md")) {
            return "text/markdown; charset=utf-8";
        }
        if (lower.endsWith(".ply")) {
            // PLY has no IANA-registered media type; application/ply is the common unregistered name
            return "application/ply";
        }
        return "application/octet-stream";
    }
}
