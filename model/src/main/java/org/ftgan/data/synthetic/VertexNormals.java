package org.ftgan.data.synthetic;

/** Area-weighted unit vertex normals of a triangle mesh given as flat arrays. */
final class VertexNormals {
    private VertexNormals() {
    }

    static double[] of(double[] positions, int[] triangles) {
        double[] n = new double[positions.length];
        for (int f = 0; f < triangles.length; f += 3) {
            int a = 3 * triangles[f];
            int b = 3 * triangles[f + 1];
            int c = 3 * triangles[f + 2];
            double e1x = positions[b] - positions[a];
            double e1y = positions[b + 1] - positions[a + 1];
            double e1z = positions[b + 2] - positions[a + 2];
            double e2x = positions[c] - positions[a];
            double e2y = positions[c + 1] - positions[a + 1];
            double e2z = positions[c + 2] - positions[a + 2];
            double nx = e1y * e2z - e1z * e2y;
            double ny = e1z * e2x - e1x * e2z;
            double nz = e1x * e2y - e1y * e2x;
            for (int k : new int[] {a, b, c}) {
                n[k] += nx;
                n[k + 1] += ny;
                n[k + 2] += nz;
            }
        }
        for (int i = 0; i < n.length; i += 3) {
            double len = StrictMath.sqrt(n[i] * n[i] + n[i + 1] * n[i + 1] + n[i + 2] * n[i + 2]);
            if (len > 0) {
                n[i] /= len;
                n[i + 1] /= len;
                n[i + 2] /= len;
            }
        }
        return n;
    }
}
