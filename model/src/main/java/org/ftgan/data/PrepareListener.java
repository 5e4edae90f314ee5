package org.ftgan.data;

/**
 * Receives progress of a preparation, always from the thread that called
 * {@link DatasetPreparer#prepare}; the CLI prints {@link PrepareProgress#describe()} on stderr.
 */
public interface PrepareListener {
    PrepareListener NONE = progress -> { };

    /** Called about twice a second while files are read, and once per phase change. */
    void onProgress(PrepareProgress progress);

    /** A remark worth showing (for example a missing scan that was skipped). */
    default void onNote(String note) {
    }
}
