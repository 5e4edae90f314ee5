package org.ftgan.data.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generator's default settings keep making the same bytes: the SHA-256 over every written file
 * (relative path and content, in path order) was computed before identity dependence and peak holds
 * were added, and must not move. Two small specs stand for the default set (whose 1 GB would be too
 * slow for a test): together they cover all 12 expressions, both sequence kinds, several seeds, the
 * default 41 frames and frame noise, and synthetic.json.
 */
class SyntheticDefaultBytesTest {
    @TempDir
    Path dir;

    @Test
    void everyExpressionAtDefaultTimingIsUnchanged() throws IOException {
        assertEquals("29bc0b8b1886c489c05588b7834082e6bbc0fb7c7c909e34908d96e1a0d2308f",
                hash(write(new SyntheticDatasetSpec(2, 12, 400, 41, 1), "a")));
    }

    @Test
    void severalSubjectsAndAFinerMeshAreUnchanged() throws IOException {
        assertEquals("948757774be6250c6cdaf483331c961cb6af337622e72e13d091253f18c0f304",
                hash(write(new SyntheticDatasetSpec(4, 5, 1500, 13, 7, 0.2), "b")));
    }

    private Path write(SyntheticDatasetSpec spec, String name) throws IOException {
        Path out = dir.resolve(name);
        SyntheticDatasetWriter.write(spec, out, SyntheticProgressListener.NONE, 2);
        return out;
    }

    /** SHA-256 over (relative path, 0, content) of every regular file, in path order. */
    static String hash(Path root) throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile).map(root::relativize).sorted().toList();
        }
        for (Path f : files) {
            sha.update(f.toString().replace('\\', '/').getBytes(java.nio.charset.StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(Files.readAllBytes(root.resolve(f)));
        }
        return HexFormat.of().formatHex(sha.digest());
    }
}
