package org.ftgan.worker;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.ftgan.artifacts.ArtifactInfo;
import org.ftgan.artifacts.ArtifactStore;

/**
 * A directory artifact (a checkpoint: its JSON, config and tensors) described as one: the total
 * size, and a SHA-256 over each file's name and content in name order.
 */
public final class DirectoryArtifact {
    private DirectoryArtifact() {
    }

    public static ArtifactInfo describe(ArtifactStore store, Path dir) throws IOException {
        String relative = store.relativize(dir);
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        long size = 0;
        byte[] buffer = new byte[1 << 16];
        for (Path f : files) {
            sha.update(f.getFileName().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            sha.update((byte) 0);
            try (InputStream in = new DigestInputStream(Files.newInputStream(f), sha)) {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    size += n;
                }
            }
        }
        return new ArtifactInfo(relative, size, HexFormat.of().formatHex(sha.digest()));
    }
}
