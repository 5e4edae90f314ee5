package org.ftgan.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.ftgan.cli.client.ApiClient;
import org.ftgan.io.AtomicFiles;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ftgan transfer} and {@code ftgan neutralize}: a run's trained model through the API's
 * inference routes. A mesh is a sample index of the run's prepared dataset (digits) or a PLY/OBJ
 * file on the template's topology (uploaded); the answer is written as PLY (with a per-vertex
 * {@code error} property where a ground truth exists).
 */
final class InferenceCommands {
    private InferenceCommands() {
    }

    /** Adds a mesh argument to the query (an index) or to the form (a file). */
    static String mesh(String field, String value, List<ApiClient.FilePart> parts) throws IOException {
        if (value.matches("\\d+")) {
            return "&" + ApiClient.query(field, value);
        }
        Path file = Path.of(value);
        if (!Files.isRegularFile(file)) {
            throw new CommandLine.ParameterException(new CommandLine(new Object()),
                    "--" + field + ": '" + value + "' is neither a sample index nor a mesh file");
        }
        parts.add(new ApiClient.FilePart(field, file.getFileName().toString(), Files.readAllBytes(file)));
        return "";
    }

    static void write(Path out, byte[] ply) throws IOException {
        if (!out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".ply")) {
            throw new CommandLine.ParameterException(new CommandLine(new Object()), "--out: the answer is a PLY; name a .ply file");
        }
        AtomicFiles.writeBytes(out, ply, false);
    }

    /** What both commands share: the API, the run and its checkpoint, the unit of uploads and the answer's file. */
    static final class ModelOptions {
        @Mixin
        ApiOptions api;
        @Option(names = "--run", required = true, description = "run id")
        String run;
        @Option(names = "--checkpoint", description = "best or last (default: best when the run has one)")
        String checkpoint;
        @Option(names = "--unit", description = "unit of uploaded files: mm or m (default: the dataset's source unit)")
        String unit;
        @Option(names = "--out", required = true, description = "the PLY to write (mm)")
        Path out;

        /** Asks the run's model for {@code operation} with the meshes' query and uploads, and writes the PLY. */
        int answer(CommandLine.Model.CommandSpec spec, String operation, String meshQuery, List<ApiClient.FilePart> parts)
                throws IOException {
            String query = "?format=ply" + meshQuery
                    + (checkpoint == null ? "" : "&" + ApiClient.query("checkpoint", checkpoint))
                    + (unit == null ? "" : "&" + ApiClient.query("unit", unit));
            write(out, api.client().fetchBytes("/api/runs/" + ApiClient.path(run) + "/inference/" + operation + query, parts));
            spec.commandLine().getOut().println("wrote " + out);
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    @Command(name = "transfer", mixinStandardHelpOptions = true,
            description = "The identity of --content with the expression of --style, from a run's trained model through the API"
                    + " (INDEX: a sample of the run's prepared dataset; FILE: a PLY or OBJ on its template)")
    static final class Transfer implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;
        @Mixin
        ModelOptions model;
        @Option(names = "--content", required = true, paramLabel = "FILE|INDEX", description = "the face (identity)")
        String content;
        @Option(names = "--style", required = true, paramLabel = "FILE|INDEX", description = "the expression")
        String style;
        @Option(names = "--alpha", description = "expression intensity, -0.5 to 2 (default ${DEFAULT-VALUE})", defaultValue = "1")
        double alpha;

        @Override
        public Integer call() throws Exception {
            List<ApiClient.FilePart> parts = new ArrayList<>();
            String meshes = "&" + ApiClient.query("alpha", Double.toString(alpha)) + mesh("content", content, parts)
                    + mesh("style", style, parts);
            return model.answer(spec, "transfer", meshes, parts);
        }
    }

    @Command(name = "neutralize", mixinStandardHelpOptions = true,
            description = "A face with its expression removed, from a run's trained model through the API"
                    + " (INDEX: a sample of the run's prepared dataset; FILE: a PLY or OBJ on its template)")
    static final class Neutralize implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;
        @Mixin
        ModelOptions model;
        @Option(names = "--mesh", required = true, paramLabel = "FILE|INDEX", description = "the expressive face")
        String mesh;

        @Override
        public Integer call() throws Exception {
            List<ApiClient.FilePart> parts = new ArrayList<>();
            return model.answer(spec, "neutralize", mesh("mesh", mesh, parts), parts);
        }
    }
}
