package org.ftgan.eval;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ftgan.io.AtomicFiles;

/** Writes and reads {@link EvaluationResult} JSON documents (schema in its javadoc). */
public final class EvaluationJson {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private EvaluationJson() {
    }

    /** Writes the result atomically (temporary sibling, then rename). */
    public static void write(Path file, EvaluationResult result) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(result);
        AtomicFiles.writeBytes(file, bytes, false);
    }

    /** Reads a result, refusing other schema versions. */
    public static EvaluationResult read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + " is missing (expected an evaluation result JSON file)");
        }
        EvaluationResult r;
        try {
            r = JSON.readValue(file.toFile(), EvaluationResult.class);
        } catch (JacksonException e) {
            throw new IOException(file + " is not an evaluation result: " + e.getOriginalMessage(), e);
        }
        if (r.schemaVersion() != EvaluationResult.SCHEMA_VERSION) {
            throw new IOException(file + " has schemaVersion " + r.schemaVersion() + ", this version reads "
                    + EvaluationResult.SCHEMA_VERSION);
        }
        return r;
    }
}
