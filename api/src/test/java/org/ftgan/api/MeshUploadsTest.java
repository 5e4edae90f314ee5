package org.ftgan.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

/** The upload store keeps meshes by content, within its bound, least recently used first out. */
class MeshUploadsTest {
    private static float[] mesh(float value) {
        float[] p = new float[300];
        java.util.Arrays.fill(p, value);
        return p;
    }

    @Test
    void theSameMeshIsKeptOnceUnderOneIdAndAnotherTopologyGivesAnotherId() {
        MeshUploads uploads = new MeshUploads(1 << 20);
        MeshUploads.Stored a = uploads.put("topology-1", mesh(1), "a.ply", 10);
        MeshUploads.Stored again = uploads.put("topology-1", mesh(1), "a.obj", 20);
        assertSame(a, again);
        assertEquals(1, uploads.count());
        assertEquals(MeshUploads.id("topology-1", mesh(1)), a.id());
        assertNotEquals(a.id(), MeshUploads.id("topology-2", mesh(1)));
        assertNotEquals(a.id(), MeshUploads.id("topology-1", mesh(2)));
    }

    @Test
    void theLeastRecentlyUsedGoesFirstWhenTheBoundIsReached() {
        long one = 300L * Float.BYTES + 512;
        MeshUploads uploads = new MeshUploads(2 * one);
        MeshUploads.Stored a = uploads.put("t", mesh(1), null, 1);
        MeshUploads.Stored b = uploads.put("t", mesh(2), null, 1);
        assertNotNull(uploads.get(a.id())); // a is now more recently used than b
        MeshUploads.Stored c = uploads.put("t", mesh(3), null, 1);
        assertNull(uploads.get(b.id()));
        assertNotNull(uploads.get(a.id()));
        assertNotNull(uploads.get(c.id()));
        assertEquals(2 * one, uploads.usedBytes());
        assertEquals(1, uploads.evictedCount());
        // a bound below one mesh still keeps the newest
        MeshUploads tiny = new MeshUploads(0);
        MeshUploads.Stored only = tiny.put("t", mesh(4), null, 1);
        assertNotNull(tiny.get(only.id()));
        tiny.put("t", mesh(5), null, 1);
        assertNull(tiny.get(only.id()));
        assertEquals(1, tiny.count());
    }
}
