package org.ftgan.mesh;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads a whole file into one heap buffer, so parsers work in memory instead of value by value from
 * a stream.
 */
final class FileBytes {
    /** Leaves headroom below Integer.MAX_VALUE, which some JVMs refuse as an array length. */
    private static final long MAX_SIZE = Integer.MAX_VALUE - 16;
    /**
     * The JDK stages a read into a heap buffer through a temporary direct buffer as large as the
     * request and keeps it cached per thread; reading in slices of this size bounds that hidden
     * off-heap memory instead of leaving a file-sized buffer behind in every reading thread.
     */
    private static final int SLICE = 4 << 20;

    private FileBytes() {
    }

    /** The file's bytes; the buffer's array holds them from index 0, position 0, limit = size. */
    static ByteBuffer read(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size > MAX_SIZE) {
                throw new MeshFormatException(file, null, "file is " + size + " bytes, more than the "
                        + MAX_SIZE + " a mesh reader can hold");
            }
            ByteBuffer buffer = ByteBuffer.allocate((int) size);
            while (buffer.position() < buffer.capacity()) {
                buffer.limit(Math.min(buffer.capacity(), buffer.position() + SLICE));
                if (channel.read(buffer) < 0) {
                    // the file shrank while being read
                    break;
                }
            }
            buffer.flip();
            return buffer;
        }
    }
}
