package org.ftgan.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.TimeUnit;

/**
 * One listed source file with what change detection looks at: its path relative to the dataset
 * root ('/'-separated), size and modification time.
 */
record SourceFile(Path path, String relativePath, long size, long modifiedNanos) {

    static SourceFile of(Path root, Path file) throws IOException {
        BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
        return of(root, file, a);
    }

    static SourceFile of(Path root, Path file, BasicFileAttributes a) {
        String rel = root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
        return new SourceFile(file, rel, a.size(), a.lastModifiedTime().to(TimeUnit.NANOSECONDS));
    }

    /** The line this file contributes to the source-list hash. */
    String hashLine() {
        return relativePath + '\t' + size + '\t' + modifiedNanos + '\n';
    }
}
