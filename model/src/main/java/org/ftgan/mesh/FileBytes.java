package org.ftgan.mesh;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Reads a whole file into one heap buffer with a single channel transfer (looped until full). */
final class FileBytes {
    /** Leaves headroom below Integer.MAX_VALUE, which some JVMs refuse as an array length. */
    private static final long MAX_SIZE = Integer.MAX_VALUE - 16;

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
            while (buffer.hasRemaining()) {
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
