package org.ftgan.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.ftgan.mesh.Mesh;
import org.ftgan.mesh.MeshShapes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HierarchyCacheTest {
    private static final int[] FACTORS = {4, 4};

    @TempDir
    Path dir;

    private final Mesh template = MeshShapes.union(MeshShapes.grid(20, 15, 0.1f),
            MeshShapes.scaledAndMoved(MeshShapes.icosphere(2), 0.4f, 1, 0.5f, 1));

    @Test
    void theSecondCallLoadsTheFileAndGivesEqualArrays() throws IOException {
        HierarchyCache cache = new HierarchyCache(dir.resolve("cache"));
        CachedHierarchy first = cache.loadOrBuild(template, FACTORS);
        assertEquals(CachedHierarchy.Source.BUILT, first.source());
        assertTrue(Files.isRegularFile(first.file()));
        assertEquals(cache.fileFor(template, FACTORS), first.file());
        assertTrue(first.file().getFileName().toString().matches("hierarchy-[0-9a-f]{64}\\.bin"));

        CachedHierarchy second = new HierarchyCache(dir.resolve("cache")).loadOrBuild(template, FACTORS);
        assertEquals(CachedHierarchy.Source.LOADED, second.source());
        assertTrue(second.fromCache());
        assertSame(template, second.hierarchy().levels().get(0));
        HierarchyChecks.assertSameArrays(first.hierarchy(), second.hierarchy());
        HierarchyChecks.assertSameArrays(HierarchyBuilder.build(template, FACTORS), second.hierarchy());
        try (Stream<Path> files = Files.list(dir.resolve("cache"))) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }

    @Test
    void aDirectoryWhereTheCacheFileOrDirectoryShouldBeIsNamed() throws IOException {
        HierarchyCache cache = new HierarchyCache(dir.resolve("cache"));
        Path file = cache.fileFor(template, FACTORS);
        Files.createDirectories(file);
        IOException e = assertThrows(IOException.class, () -> cache.loadOrBuild(template, FACTORS));
        assertTrue(e.getMessage().startsWith(file + " is a directory where the hierarchy cache file should be"), e.getMessage());

        Path plain = Files.writeString(dir.resolve("plain"), "not a directory");
        IOException notDir = assertThrows(IOException.class, () -> new HierarchyCache(plain).loadOrBuild(template, FACTORS));
        assertTrue(notDir.getMessage().contains(plain + " is a file, not a directory"), notDir.getMessage());
    }

    @Test
    void otherFactorsOrAMovedVertexGetAnotherFile() {
        HierarchyCache cache = new HierarchyCache(dir);
        Path base = cache.fileFor(template, FACTORS);
        assertNotEquals(base, cache.fileFor(template, new int[] {4, 3}));
        float[] moved = template.positions().clone();
        moved[7] = Math.nextUp(moved[7]);
        assertNotEquals(base, cache.fileFor(template.withPositions(moved), FACTORS));
    }

    @Test
    void aTruncatedFileIsRebuilt() throws IOException {
        assertRebuiltAfter(bytes -> Arrays.copyOf(bytes, bytes.length / 2), "checksum mismatch");
    }

    @Test
    void aFileCutInsideTheHeaderIsRebuilt() throws IOException {
        assertRebuiltAfter(bytes -> Arrays.copyOf(bytes, 20), "too short");
    }

    @Test
    void aFlippedByteIsRebuilt() throws IOException {
        assertRebuiltAfter(bytes -> {
            bytes[bytes.length / 3] ^= 0x10;
            return bytes;
        }, "checksum mismatch");
    }

    @Test
    void aBadMagicIsRebuilt() throws IOException {
        assertRebuiltAfter(bytes -> {
            bytes[0] = 'X';
            return bytes;
        }, "bad magic");
    }

    @Test
    void impossibleSizesWithAValidChecksumAreRebuilt() throws IOException {
        // a file that passes the checksum but announces more vertices than it holds
        assertRebuiltAfter(bytes -> {
            int offset = 8 + 4 + 4 + 32 + 4 + 4 + 4 + 4 * FACTORS.length;
            java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            b.putInt(offset, 2_000_000_000);
            java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
            crc.update(bytes, 0, bytes.length - 4);
            b.putInt(bytes.length - 4, (int) crc.getValue());
            return bytes;
        }, "impossible sizes");
    }

    private void assertRebuiltAfter(UnaryOperator<byte[]> damage, String reason) throws IOException {
        HierarchyCache cache = new HierarchyCache(dir);
        CachedHierarchy built = cache.loadOrBuild(template, FACTORS);
        byte[] good = Files.readAllBytes(built.file());
        Files.write(built.file(), damage.apply(good.clone()));

        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream saved = System.err;
        CachedHierarchy rebuilt;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            rebuilt = cache.loadOrBuild(template, FACTORS);
        } finally {
            System.setErr(saved);
        }
        assertEquals(CachedHierarchy.Source.REBUILT, rebuilt.source());
        String warning = err.toString(StandardCharsets.UTF_8);
        assertEquals(1, warning.lines().count(), warning);
        assertTrue(warning.contains(built.file().toString()) && warning.contains(reason), warning);
        HierarchyChecks.assertSameArrays(built.hierarchy(), rebuilt.hierarchy());
        assertTrue(Arrays.equals(good, Files.readAllBytes(built.file())), "file rewritten whole");
        assertEquals(CachedHierarchy.Source.LOADED, cache.loadOrBuild(template, FACTORS).source());
    }
}
