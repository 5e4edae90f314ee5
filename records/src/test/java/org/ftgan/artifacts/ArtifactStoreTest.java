package org.ftgan.artifacts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArtifactStoreTest {
    @TempDir
    Path dir;

    @Test
    void layoutIsUnderTheRoot() throws Exception {
        ArtifactStore store = ArtifactStore.underDataDir(dir);
        Path root = dir.resolve("artifacts").toAbsolutePath();
        assertEquals(root, store.root());
        assertEquals(root.resolve("datasets/ds-1a2b"), store.datasetDir("ds-1a2b"));
        assertEquals(root.resolve("runs/exp-1-r0"), store.runDir("exp-1-r0"));
        assertEquals(root.resolve("runs/exp-1-r0/checkpoints"), store.checkpointsDir("exp-1-r0"));
        assertEquals(root.resolve("runs/exp-1-r0/maps"), store.mapsDir("exp-1-r0"));
        assertThrows(ArtifactPathException.class, () -> store.runDir("../x"));
        assertThrows(ArtifactPathException.class, () -> store.datasetDir("a/b"));
        assertThrows(ArtifactPathException.class, () -> store.datasetDir(".."));
    }

    @Test
    void aStoreKeepsOneIdentityWhereverItIsOpenedFromAndTwoStoresDiffer() throws Exception {
        ArtifactStore store = new ArtifactStore(dir.resolve("store"));
        String id = store.identity();
        assertEquals(id, store.identity());
        Files.createSymbolicLink(dir.resolve("mounted-elsewhere"), dir.resolve("store"));
        assertEquals(id, new ArtifactStore(dir.resolve("mounted-elsewhere")).identity(), "same tree, same identity");
        assertFalse(id.equals(new ArtifactStore(dir.resolve("other")).identity()));
        Files.writeString(dir.resolve("store").resolve(ArtifactStore.IDENTITY_FILE), "  ");
        java.io.IOException e = assertThrows(java.io.IOException.class, store::identity);
        assertTrue(e.getMessage().contains(ArtifactStore.IDENTITY_FILE), e.getMessage());
    }

    @Test
    void writeIsReadableAndDescribedWithSizeAndSha256() throws Exception {
        ArtifactStore store = new ArtifactStore(dir.resolve("store"));
        byte[] content = "abc".getBytes(StandardCharsets.US_ASCII);
        Path written = store.write("runs/r1/maps/map.ply", content);
        assertEquals(store.mapsDir("r1").resolve("map.ply"), written);
        assertArrayEquals(content, Files.readAllBytes(written));
        store.write("runs/r1/maps/map.ply", "abcd".getBytes(StandardCharsets.US_ASCII));

        ArtifactInfo info = store.describe(written);
        assertEquals("runs/r1/maps/map.ply", info.relativePath());
        assertEquals(4, info.sizeBytes());
        // SHA-256("abcd")
        assertEquals("88d4266fd4e6338d13b845fcf289579d209c897823b9217da3e161936f031589", info.sha256());
        assertEquals(info, store.describe(Path.of("runs/r1/maps/map.ply")));
        assertEquals(64, HexFormat.of().parseHex(info.sha256()).length * 2);
        try (var files = Files.list(written.getParent())) {
            assertEquals(1, files.count(), "no temporary file is left beside the artifact");
        }
    }

    @Test
    void resolveNormalizesAndRelativizeInverts() throws Exception {
        ArtifactStore store = new ArtifactStore(dir.resolve("store"));
        Path p = store.resolve("runs/./r1//checkpoints/step-10.ckpt");
        assertEquals(store.checkpointsDir("r1").resolve("step-10.ckpt"), p);
        assertEquals("runs/r1/checkpoints/step-10.ckpt", store.relativize(p));
        assertThrows(ArtifactPathException.class, () -> store.relativize(dir.resolve("elsewhere/file")));
    }

    @Test
    void pathsLeavingTheRootAreRefused() throws Exception {
        ArtifactStore store = new ArtifactStore(dir.resolve("store"));
        for (String bad : new String[] {"../x", "/etc/passwd", "a/../../b", "a/../b", "..", "", "."}) {
            ArtifactPathException e = assertThrows(ArtifactPathException.class, () -> store.resolve(bad), bad);
            assertTrue(e.getMessage().contains("'" + bad + "'") || bad.isEmpty(), e.getMessage());
            assertThrows(ArtifactPathException.class, () -> store.write(bad, new byte[1]), bad);
        }
        assertFalse(Files.exists(dir.resolve("x")));
        assertFalse(Files.exists(dir.resolve("b")));
    }

    @Test
    void symbolicLinksLeadingOutAreRefusedAndOnesStayingInsideAreFollowed() throws Exception {
        ArtifactStore store = new ArtifactStore(dir.resolve("store"));
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.writeString(outside.resolve("secret"), "s");
        Files.createSymbolicLink(store.root().resolve("escape"), outside);
        Files.createSymbolicLink(store.root().resolve("secret-link"), outside.resolve("secret"));
        Files.createSymbolicLink(store.root().resolve("dangling"), dir.resolve("nowhere"));

        ArtifactPathException e = assertThrows(ArtifactPathException.class, () -> store.resolve("escape/secret"));
        assertTrue(e.getMessage().contains("symbolic link"), e.getMessage());
        assertThrows(ArtifactPathException.class, () -> store.write("escape/new-file", new byte[1]));
        assertFalse(Files.exists(outside.resolve("new-file")));
        assertThrows(ArtifactPathException.class, () -> store.describe(store.root().resolve("secret-link")));
        assertThrows(ArtifactPathException.class, () -> store.resolve("dangling/x"));

        Files.createDirectories(store.root().resolve("runs/r1"));
        Files.createSymbolicLink(store.root().resolve("latest"), store.root().resolve("runs/r1"));
        assertEquals(store.root().resolve("latest/file"), store.write("latest/file", new byte[] {1}));
        assertTrue(Files.exists(store.root().resolve("runs/r1/file")));
    }
}
