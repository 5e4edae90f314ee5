package org.ftgan.definition;

/**
 * One thing wrong with an experiment definition: where (a key path such as
 * {@code sweep.grid.loss.lambda_srec[2]}, or {@code line 3, column 7} for malformed YAML) and what.
 */
public record Problem(String path, String message) {
    /** {@code path: message}, the form printed by {@code ftgan validate} and returned by the API. */
    @Override
    public String toString() {
        return path + ": " + message;
    }
}
