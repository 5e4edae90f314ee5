package org.ftgan.data;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import org.ftgan.mesh.Mesh;

/**
 * SHA-256 of a mesh's geometry: its positions as float32 little-endian, then its triangle indices
 * as int32 little-endian. A prepared dataset records the hash of its (mm) template; anything
 * derived from the template (topology caches) can key on it.
 */
public final class TemplateHash {
    private TemplateHash() {
    }

    public static String of(Mesh mesh) {
        MessageDigest d = Sha256.newDigest();
        float[] p = mesh.positions();
        ByteBuffer pb = ByteBuffer.allocate(p.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        pb.asFloatBuffer().put(p);
        d.update(pb.array());
        int[] t = mesh.triangles();
        ByteBuffer tb = ByteBuffer.allocate(t.length * Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        tb.asIntBuffer().put(t);
        d.update(tb.array());
        return Sha256.hex(d);
    }
}
