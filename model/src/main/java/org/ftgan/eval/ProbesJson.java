package org.ftgan.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ftgan.io.AtomicFiles;

/**
 * {@code probes.json}, written beside {@code evaluation.json}: {@code {"probes": [{code, target,
 * accuracy, chance, train_samples, test_samples}]}} (see {@link DisentanglementProbes}).
 */
public final class ProbesJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ProbesJson() {
    }

    public static void write(Path file, List<DisentanglementProbes.Probe> probes) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode list = root.putArray("probes");
        for (DisentanglementProbes.Probe p : probes) {
            ObjectNode o = list.addObject();
            o.put("code", p.code());
            o.put("target", p.target());
            o.put("accuracy", p.accuracy());
            o.put("chance", p.chance());
            o.put("train_samples", p.trainSamples());
            o.put("test_samples", p.testSamples());
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        AtomicFiles.writeBytes(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root), true);
    }
}
