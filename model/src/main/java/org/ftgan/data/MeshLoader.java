package org.ftgan.data;

import java.io.IOException;
import java.nio.file.Path;
import org.ftgan.mesh.Mesh;

/**
 * Reads one mesh file. Injected into the dataset preparer so that the file format readers stay
 * in the mesh package; implementations must be safe to call from several threads at once.
 */
@FunctionalInterface
public interface MeshLoader {
    Mesh load(Path file) throws IOException;
}
