package org.ftgan.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.ftgan.mesh.Mesh;
import org.ftgan.mesh.MeshFiles;
import org.ftgan.topology.MeshTopology;
import org.ftgan.topology.TemplateTopology;
import org.ftgan.topology.UnreachableLevelException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ftgan topology ...}: precompute what the network needs from a template. */
@Command(name = "topology", mixinStandardHelpOptions = true, description = "Spirals and the down/up-sampling hierarchy of a template mesh.",
        subcommands = {TopologyCommand.Build.class})
final class TopologyCommand {

    @Command(name = "build", mixinStandardHelpOptions = true,
            description = {"Build (or load from DIR's cache) the quadric-collapse hierarchy and the spirals of every level;",
                    "writes level-<i>.ply for inspection and prints the vertices of every level and the time taken."})
    static final class Build implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "TEMPLATE", description = "template mesh (.ply or .obj)")
        Path template;

        @Option(names = "--factors", split = ",", defaultValue = "4,4,4,4",
                description = "down-sampling factor of every level (default ${DEFAULT-VALUE})")
        int[] factors;

        @Option(names = "--spiral-length", defaultValue = "9", description = "spiral length (default ${DEFAULT-VALUE})")
        int spiralLength;

        @Option(names = "--dilation", defaultValue = "1", description = "spiral dilation (default ${DEFAULT-VALUE})")
        int dilation;

        @Option(names = "--out", required = true, description = "output and cache directory")
        Path out;

        @Override
        public Integer call() throws IOException {
            for (int f : factors) {
                if (f < 2) {
                    throw new IllegalArgumentException("--factors: every factor must be at least 2, got " + f);
                }
            }
            Mesh mesh = MeshFiles.read(template);
            Files.createDirectories(out);
            long start = System.nanoTime();
            TemplateTopology.Loaded loaded;
            try {
                loaded = TemplateTopology.load(mesh, factors, spiralLength, dilation, out);
            } catch (UnreachableLevelException tooCoarse) {
                // the simplifier names the level and the counts; it is the user's factors that do not fit
                throw new IllegalArgumentException(template + ": " + tooCoarse.getMessage(), tooCoarse);
            }
            double seconds = (System.nanoTime() - start) / 1e9;

            TemplateTopology topo = loaded.topology();
            PrintWriter o = spec.commandLine().getOut();
            o.printf(Locale.ROOT, "%-6s %9s %9s %11s %9s%n", "level", "vertices", "faces", "components", "boundary");
            for (int i = 0; i < topo.levelCount(); i++) {
                Mesh level = topo.level(i);
                MeshTopology t = MeshTopology.of(level);
                o.printf(Locale.ROOT, "%-6d %9d %9d %11d %9d%n", i, level.vertexCount(), level.faceCount(),
                        t.componentCount(), t.boundaryEdgeCount());
                MeshFiles.write(out.resolve("level-" + i + ".ply"), level);
            }
            o.printf(Locale.ROOT, "spirals: length %d, dilation %d%n", spiralLength, dilation);
            o.printf(Locale.ROOT, "hierarchy %s: %s%n", switch (loaded.cache().source()) {
                case BUILT -> "built and cached";
                case LOADED -> "loaded from cache";
                case REBUILT -> "rebuilt (the cache file was damaged)";
            }, loaded.cache().file());
            o.printf(Locale.ROOT, "time: %.3f s (hierarchy and spirals)%n", seconds);
            o.flush();
            return 0;
        }
    }
}
