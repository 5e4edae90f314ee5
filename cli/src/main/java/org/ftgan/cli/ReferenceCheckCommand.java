package org.ftgan.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.ftgan.referencecheck.ReferenceStepExport;
import org.nd4j.linalg.api.buffer.DataType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ftgan reference-check}: one training iteration in Java, exported, then replayed through the
 * modules of the PyTorch reference by {@code tools/reference_check.py}, which prints the relative
 * error of every loss term, gradient and Adam update and exits non-zero beyond the tolerances.
 */
@Command(name = "reference-check", mixinStandardHelpOptions = true,
        description = {"Check one training iteration against the PyTorch reference (../shared/peer/ftgan_ref.py).",
                "Exports topology, initial parameters, the batch, Java's loss terms, gradients and updated parameters,",
                "then runs tools/reference_check.py on them (needs python3 with torch and numpy)."})
final class ReferenceCheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--config", defaultValue = "tiny", description = "model preset: tiny, coma or facescape (default ${DEFAULT-VALUE})")
    String config;

    @Option(names = "--dtype", defaultValue = "float64",
            description = "float64 (gated: loss terms within 1e-6, gradients within 1e-5 relative) or float32 (reported against float64; R1 gated at 1e-3)")
    String dtype;

    @Option(names = "--batch", defaultValue = "4", description = "batch size (default ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--seed", defaultValue = "0", description = "seed of the topology, the initial parameters and the batch (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--out", description = "directory for the export (default: a new temporary directory)")
    Path out;

    @Option(names = "--export-only", description = "write the export and stop (run the checker elsewhere, e.g. on a machine with PyTorch)")
    boolean exportOnly;

    @Option(names = "--python", description = "Python interpreter with torch and numpy (default: the first of python3, /usr/bin/python3 that has them)")
    String python;

    @Option(names = "--checker", description = "path of reference_check.py (default: tools/reference_check.py above the working directory)")
    Path checker;

    @Option(names = "--reference", description = "path of ftgan_ref.py (default: the checker's search: $FTGAN_REFERENCE, ../shared/peer/ftgan_ref.py)")
    Path reference;

    @Override
    public Integer call() throws Exception {
        DataType type = switch (dtype) {
            case "float64" -> DataType.DOUBLE;
            case "float32" -> DataType.FLOAT;
            default -> throw new IllegalArgumentException("--dtype: expected float64 or float32, got '" + dtype + "'");
        };
        Path dir = out != null ? out : Files.createTempDirectory("ftgan-reference-check-");
        ReferenceStepExport.write(new ReferenceStepExport.Options(config, type, batch, seed), dir);
        var err = spec.commandLine().getErr();
        err.println("exported one " + config + " iteration (" + dtype + ", batch " + batch + ", seed " + seed + ") to " + dir);
        err.flush();
        if (exportOnly) {
            return 0;
        }
        Path script = checker != null ? checker : findChecker();
        List<String> command = new ArrayList<>(List.of(python != null ? python : findPython(), script.toString(), dir.toString()));
        if (reference != null) {
            command.addAll(List.of("--reference", reference.toString()));
        }
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        var out = spec.commandLine().getOut();
        try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(),
                java.nio.charset.StandardCharsets.UTF_8))) {
            for (String line; (line = lines.readLine()) != null; ) {
                out.println(line);
            }
        }
        out.flush();
        return p.waitFor();
    }

    /** Python interpreters tried in order: the one on PATH (maybe a pyenv without torch), then Debian's. */
    static final List<String> PYTHONS = List.of("python3", "/usr/bin/python3");

    /** The first of {@link #PYTHONS} that imports torch and numpy. */
    static String findPython() throws IOException, InterruptedException {
        for (String candidate : PYTHONS) {
            try {
                Process probe = new ProcessBuilder(candidate, "-c", "import torch, numpy")
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                if (probe.waitFor() == 0) {
                    return candidate;
                }
            } catch (IOException notInstalled) {
                // try the next one
            }
        }
        throw new IOException("no Python with torch and numpy found (tried " + String.join(", ", PYTHONS)
                + "); install Debian's python3-torch or PyPI's torch, or give --python");
    }

    /** tools/reference_check.py in the working directory or one of its parents (the repository root). */
    private static Path findChecker() throws IOException {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path candidate = d.resolve("tools").resolve("reference_check.py");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IOException("tools/reference_check.py not found in " + Path.of("").toAbsolutePath()
                + " or its parents; run from the repository or give --checker");
    }
}
