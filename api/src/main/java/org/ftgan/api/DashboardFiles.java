package org.ftgan.api;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import io.javalin.http.staticfiles.Location;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The web dashboard at {@code /}: the files the ftgan-web module bundled into its jar (classpath
 * {@code /dashboard}), or those in a directory given by {@code FTGAN_WEB_DIR} (to work on the
 * dashboard with {@code npm run watch} without rebuilding the jar). Page paths such as
 * {@code /experiments/X} are not files: they answer {@code index.html} so that a shared link opens
 * its page; {@code /api/...} and {@code /openapi.json} never do.
 */
final class DashboardFiles {
    static final String CLASSPATH_DIR = "/dashboard";
    static final String WEB_DIR_ENV = "FTGAN_WEB_DIR";

    private DashboardFiles() {
    }

    /** Where the dashboard comes from: FTGAN_WEB_DIR when set, else the jar. */
    static Optional<Path> webDirFromEnvironment() {
        String dir = System.getenv(WEB_DIR_ENV);
        if (dir == null || dir.isBlank()) {
            return Optional.empty();
        }
        Path path = Path.of(dir).toAbsolutePath();
        if (!Files.isRegularFile(path.resolve("index.html"))) {
            throw new IllegalArgumentException(WEB_DIR_ENV + "=" + dir + ": no index.html there"
                    + " (expected the bundle's output directory, web/target/classes/dashboard)");
        }
        return Optional.of(path);
    }

    /** Whether this build has the dashboard (a build with -Ddashboard.skip=true has not). */
    static boolean bundled() {
        return DashboardFiles.class.getResource(CLASSPATH_DIR + "/index.html") != null;
    }

    static void register(JavalinConfig config, Optional<Path> webDir) {
        if (webDir.isEmpty() && !bundled()) {
            config.spaRoot.addHandler("/", ctx -> {
                rejectApiPaths(ctx);
                ctx.status(404).contentType("text/plain; charset=utf-8").result("This build of ftgan has no dashboard"
                        + " (it was built with -Ddashboard.skip=true). The API is at /api; see /openapi.json.\n");
            });
            return;
        }
        Location location = webDir.isPresent() ? Location.EXTERNAL : Location.CLASSPATH;
        String dir = webDir.map(Path::toString).orElse(CLASSPATH_DIR);
        // bundled scripts and styles carry a content hash in their names: cache them for good
        config.staticFiles.add(files -> {
            files.hostedPath = "/assets";
            files.directory = dir + "/assets";
            files.location = location;
            files.headers = Map.of("Cache-Control", "public, max-age=31536000, immutable");
        });
        // index.html names the current bundle: always revalidate it
        config.staticFiles.add(files -> {
            files.hostedPath = "/";
            files.directory = dir;
            files.location = location;
            files.headers = Map.of("Cache-Control", "no-cache");
        });
        byte[] index = readIndex(webDir);
        config.spaRoot.addHandler("/", ctx -> {
            rejectApiPaths(ctx);
            ctx.header("Cache-Control", "no-cache").contentType("text/html; charset=utf-8")
                    .result(webDir.isPresent() ? readIndex(webDir) : index);
        });
    }

    /**
     * An unknown API path is the API's 404 (JSON), not the dashboard's page; so is a missing asset
     * (an old bundle's name), which must not load as HTML.
     */
    private static void rejectApiPaths(Context ctx) {
        String path = ctx.path();
        if (path.equals("/api") || path.startsWith("/api/") || path.equals("/openapi.json") || path.startsWith("/assets/")) {
            throw new NotFoundResponse("Endpoint " + ctx.method() + " " + path + " not found");
        }
    }

    private static byte[] readIndex(Optional<Path> webDir) {
        try {
            if (webDir.isPresent()) {
                return Files.readAllBytes(webDir.get().resolve("index.html"));
            }
            try (InputStream in = DashboardFiles.class.getResourceAsStream(CLASSPATH_DIR + "/index.html")) {
                return in.readAllBytes();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading the dashboard's index.html", e);
        }
    }
}
