package org.ftgan.data;

import java.nio.file.Path;
import java.util.List;

/**
 * What a preparation did.
 *
 * @param skipped      true when the existing output's manifest matched and nothing was read
 * @param out          the prepared dataset directory
 * @param sampleCount  selected samples
 * @param trainCount   samples in the train split
 * @param testCount    samples in the test split
 * @param subjectCount subjects with at least one sample
 * @param classCount   expression classes (neutral included)
 * @param vertexCount  vertices per sample
 * @param filesRead    mesh files read (0 when skipped)
 * @param bytesRead    bytes of mesh files read (0 when skipped)
 * @param seconds      wall time of the call
 * @param notes        things worth a look that did not stop the run (missing scans, one-sided split sequences)
 */
public record PrepareResult(boolean skipped, Path out, int sampleCount, int trainCount, int testCount,
                            int subjectCount, int classCount, int vertexCount, long filesRead, long bytesRead,
                            double seconds, List<String> notes) {
    public PrepareResult {
        notes = List.copyOf(notes);
    }

    public double megabytesRead() {
        return bytesRead / 1e6;
    }

    /** Read throughput in MB/s (0 when nothing was read). */
    public double megabytesPerSecond() {
        return seconds > 0 ? megabytesRead() / seconds : 0;
    }
}
