package org.ftgan.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.ftgan.data.synthetic.SyntheticDatasetSpec;
import org.ftgan.data.synthetic.SyntheticDatasetWriter;
import org.ftgan.mesh.Mesh;
import org.ftgan.mesh.MeshFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetPreparerSyntheticTest {
    @TempDir
    Path tmp;

    @Test
    void peaksFoundOnAGeneratedSetAreTheGeneratorsPeaks() throws IOException {
        Path root = tmp.resolve("synthetic");
        SyntheticDatasetWriter.write(new SyntheticDatasetSpec(3, 12, 800, 41, 11L), root);
        Path out = tmp.resolve("prepared");
        PrepareResult r = new DatasetPreparer(MeshFiles::read, PrepareListener.NONE, 2)
                .prepare(PrepareRequest.of(DatasetKind.SYNTHETIC, root, out));
        assertEquals(3, r.subjectCount());
        assertEquals(17, r.classCount());
        assertTrue(r.notes().isEmpty(), r.notes().toString());

        JsonNode description = new ObjectMapper().readTree(root.resolve("synthetic.json").toFile());
        try (PreparedDataset ds = PreparedDataset.open(out, true)) {
            assertEquals("synthetic", ds.kind());
            assertEquals("template.ply", ds.manifest().source().templateFile());
            Map<String, Manifest.SequencePeaks> found = new HashMap<>();
            ds.manifest().peaks().forEach(p -> found.put(p.subject() + "/" + p.sequence(), p));
            int checked = 0;
            for (JsonNode seq : description.get("sequences")) {
                String expression = seq.get("expression").asText();
                Manifest.SequencePeaks p = found.get(seq.get("subject").asText() + "/" + expression);
                Map<String, Integer> got = new HashMap<>();
                p.peaks().forEach(pk -> got.put(pk.expression(), pk.frame()));
                Map<String, Integer> expected = seq.get("split").asBoolean()
                        ? Map.of(expression + "_left", seq.get("leftPeakFrame").asInt(),
                        expression + "_right", seq.get("rightPeakFrame").asInt())
                        : Map.of(expression, seq.get("peakFrame").asInt());
                assertEquals(expected, got, p.subject() + "/" + expression);
                checked++;
            }
            assertEquals(36, checked);

            // metres in the files, millimetres in the prepared set
            Mesh template = MeshFiles.read(root.resolve("template.ply"));
            assertEquals(template.positions()[7] * 1000.0, ds.template().positions()[7], 1e-3);
            Mesh first = MeshFiles.read(root.resolve(ds.source(0)));
            assertEquals(first.positions()[7] * 1000.0, ds.positions(0)[7], 1e-3);
            assertEquals(template.vertexCount(), ds.vertexCount());
        }
    }
}
