package org.ftgan.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.ftgan.mesh.Mesh;
import org.ftgan.mesh.MeshFiles;
import org.ftgan.topology.MeshReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ftgan mesh ...}: look at single mesh files. */
@Command(name = "mesh", mixinStandardHelpOptions = true, description = "Inspect mesh files (PLY, OBJ).",
        subcommands = {MeshCommand.Info.class})
final class MeshCommand {

    @Command(name = "info", mixinStandardHelpOptions = true,
            description = "Vertices, faces, components, boundary edges, bounding box and unit guess of a mesh.")
    static final class Info implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FILE", description = "a .ply or .obj mesh")
        Path file;

        @Override
        public Integer call() throws IOException {
            Mesh mesh = MeshFiles.read(file);
            spec.commandLine().getOut().print("file            " + file + System.lineSeparator()
                    + MeshReport.of(mesh).describe());
            spec.commandLine().getOut().flush();
            return 0;
        }
    }
}
