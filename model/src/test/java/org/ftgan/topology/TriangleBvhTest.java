package org.ftgan.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.ftgan.mesh.Mesh;
import org.ftgan.mesh.MeshShapes;
import org.junit.jupiter.api.Test;

class TriangleBvhTest {

    @Test
    void nearestTriangleEqualsBruteForce() {
        Mesh mesh = MeshShapes.union(MeshShapes.icosphere(2),
                MeshShapes.scaledAndMoved(MeshShapes.grid(12, 9, 0.3f), 1f, 2f, -1f, 0.5f));
        TriangleBvh tree = new TriangleBvh(mesh);
        SplittableRandom random = new SplittableRandom(7);
        double[] corners = new double[9];
        double[] w = new double[3];
        for (int q = 0; q < 3000; q++) {
            // points near the surfaces and far outside them
            double spread = q % 10 == 0 ? 20 : 3;
            double x = random.nextDouble(-spread, spread);
            double y = random.nextDouble(-spread, spread);
            double z = random.nextDouble(-spread, spread);
            // any hint, near or not, must give the same answer
            tree.nearest(x, y, z, q % 3 == 0 ? -1 : random.nextInt(mesh.faceCount()));
            int best = -1;
            double bestDistance = Double.POSITIVE_INFINITY;
            for (int f = 0; f < mesh.faceCount(); f++) {
                cornersOf(mesh, f, corners);
                double d = ClosestPointOnTriangle.project(x, y, z, corners, 0, w);
                if (d < bestDistance) {
                    bestDistance = d;
                    best = f;
                }
            }
            assertEquals(bestDistance, tree.nearestDistanceSquared, 0.0, "query " + q);
            assertEquals(best, tree.nearestTriangle, "query " + q);
        }
    }

    @Test
    void closestPointLiesOnTheTriangleAndBeatsEverySample() {
        SplittableRandom random = new SplittableRandom(11);
        double[] t = new double[9];
        double[] w = new double[3];
        for (int trial = 0; trial < 2000; trial++) {
            for (int i = 0; i < 9; i++) {
                t[i] = random.nextDouble(-1, 1);
            }
            if (trial % 5 == 0) {
                // degenerate: a collapsed edge or three collinear corners
                for (int i = 0; i < 3; i++) {
                    t[6 + i] = trial % 10 == 0 ? t[i] : 0.5 * (t[i] + t[3 + i]);
                }
            }
            double px = random.nextDouble(-2, 2);
            double py = random.nextDouble(-2, 2);
            double pz = random.nextDouble(-2, 2);
            double d = ClosestPointOnTriangle.project(px, py, pz, t, 0, w);
            for (int k = 0; k < 3; k++) {
                assertTrue(w[k] >= 0 && w[k] <= 1, "weight " + w[k]);
            }
            assertEquals(1.0, w[0] + w[1] + w[2], 1e-12);
            for (int i = 0; i <= 40; i++) {
                for (int j = 0; i + j <= 40; j++) {
                    double a = i / 40.0;
                    double b = j / 40.0;
                    double c = 1 - a - b;
                    double dx = px - (a * t[0] + b * t[3] + c * t[6]);
                    double dy = py - (a * t[1] + b * t[4] + c * t[7]);
                    double dz = pz - (a * t[2] + b * t[5] + c * t[8]);
                    assertTrue(d <= dx * dx + dy * dy + dz * dz + 1e-12, "trial " + trial);
                }
            }
        }
    }

    @Test
    void aPointOnTheTriangleHasDistanceZeroAndItsOwnWeights() {
        double[] t = {0, 0, 0, 4, 0, 0, 0, 2, 0};
        double[] w = new double[3];
        double d = ClosestPointOnTriangle.project(1, 0.5, 0, t, 0, w);
        assertEquals(0.0, d, 1e-15);
        assertEquals(0.5, w[0], 1e-12);
        assertEquals(0.25, w[1], 1e-12);
        assertEquals(0.25, w[2], 1e-12);
    }

    private static void cornersOf(Mesh m, int f, double[] out) {
        for (int k = 0; k < 3; k++) {
            int v = m.triangles()[3 * f + k];
            out[3 * k] = m.x(v);
            out[3 * k + 1] = m.y(v);
            out[3 * k + 2] = m.z(v);
        }
    }
}
