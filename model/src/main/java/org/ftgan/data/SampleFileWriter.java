package org.ftgan.data;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;

/** Appends samples to a headerless float32 little-endian file, hashing the bytes as they pass. */
final class SampleFileWriter implements Closeable {
    private final MessageDigest digest = Sha256.newDigest();
    private final DigestOutputStream out;
    private ByteBuffer buffer = ByteBuffer.allocate(0);
    private long bytes;
    private String sha256;

    SampleFileWriter(Path file) throws IOException {
        this.out = new DigestOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 20), digest);
    }

    void write(float[] values) throws IOException {
        int size = values.length * Float.BYTES;
        if (buffer.capacity() < size) {
            buffer = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        }
        buffer.clear();
        buffer.asFloatBuffer().put(values);
        out.write(buffer.array(), 0, size);
        bytes += size;
    }

    long bytes() {
        return bytes;
    }

    /** The file's SHA-256; valid after {@link #close()}. */
    String sha256() {
        if (sha256 == null) {
            throw new IllegalStateException("the hash is known once the file is closed");
        }
        return sha256;
    }

    @Override
    public void close() throws IOException {
        if (sha256 == null) {
            out.close();
            sha256 = Sha256.hex(digest);
        }
    }
}
