package org.ftgan.data.synthetic;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import org.ftgan.mesh.Mesh;
import org.ftgan.mesh.MeshShapes;

/**
 * The procedural face template of the synthetic dataset, at any resolution: a disk-shaped front
 * face (forehead, brow ridge, eye sockets, nose, cheeks, lips, chin) with an open outline and a
 * mouth slit between the lips (two boundary loops), plus two separate eyeballs in the sockets.
 *
 * <p>Vertices are numbered face first, then the left eyeball (+x, the subject's left), then the
 * right one. Units are metres, like CoMA: the face is about 0.16 m wide and 0.2 m high, looking
 * towards +z with y up. The template is a pure function of the vertex count.
 *
 * <p>Each {@link FaceRegion} is a soft per-vertex weight in [0, 1]; eyeball vertices weigh 0 everywhere.
 */
public final class SyntheticFaceTemplate {
    static final double EYEBALL_RADIUS = 0.0115;
    /** Gap between the front of the eyeball and the eyelid over it. */
    private static final double EYEBALL_SETBACK = 0.0015;

    private final int requestedVertices;
    private final FlatFace flat;
    private final double[] unitEyeball;
    private final int[] triangles;
    private final Map<FaceRegion, double[]> regions = new EnumMap<>(FaceRegion.class);
    private final Map<FaceLandmark, Integer> landmarks = new EnumMap<>(FaceLandmark.class);
    private final Mesh mesh;

    private SyntheticFaceTemplate(int requestedVertices) {
        this.requestedVertices = requestedVertices;
        Mesh eyeball = MeshShapes.icosphere(eyeballSubdivisions(requestedVertices));
        this.unitEyeball = toDouble(eyeball.positions());
        this.flat = DiskFaceTriangulation.build(requestedVertices - 2 * eyeball.vertexCount());

        int face = flat.vertexCount();
        int eye = eyeball.vertexCount();
        int[] faceTris = flat.triangles();
        int[] eyeTris = eyeball.triangles();
        triangles = Arrays.copyOf(faceTris, faceTris.length + 2 * eyeTris.length);
        for (int i = 0; i < eyeTris.length; i++) {
            triangles[faceTris.length + i] = eyeTris[i] + face;
            triangles[faceTris.length + eyeTris.length + i] = eyeTris[i] + face + eye;
        }

        int total = face + 2 * eye;
        for (FaceRegion region : FaceRegion.values()) {
            double[] w = new double[total];
            for (int i = 0; i < face; i++) {
                w[i] = Math.max(0, Math.min(1, region.weight(flat.u()[i], flat.v()[i], flat.side()[i])));
            }
            regions.put(region, w);
        }
        findLandmarks();
        this.mesh = new Mesh(toFloat(shape(FaceShapeParameters.mean(), SmoothDisplacementField.NONE)), triangles);
    }

    /**
     * The template with about {@code vertices} vertices in all (face and both eyeballs; the count
     * lands within a few percent of the request).
     */
    public static SyntheticFaceTemplate create(int vertices) {
        if (vertices < 300) {
            throw new IllegalArgumentException("a synthetic face needs at least 300 vertices, asked for " + vertices);
        }
        return new SyntheticFaceTemplate(vertices);
    }

    /** The template face: the mean face shape, without any identity displacement. */
    public Mesh mesh() {
        return mesh;
    }

    public int requestedVertices() {
        return requestedVertices;
    }

    public int vertexCount() {
        return mesh.vertexCount();
    }

    /** Vertices of the face sheet (indices 0 .. faceVertexCount() - 1). */
    public int faceVertexCount() {
        return flat.vertexCount();
    }

    /** Vertices of one eyeball (the left eyeball follows the face, then the right one). */
    public int eyeballVertexCount() {
        return unitEyeball.length / 3;
    }

    /** Per-vertex weights of a region, in [0, 1] (a copy). */
    public float[] regionWeights(FaceRegion region) {
        return toFloat(regions.get(region));
    }

    double[] region(FaceRegion region) {
        return regions.get(region);
    }

    int landmark(FaceLandmark landmark) {
        return landmarks.get(landmark);
    }

    FlatFace flat() {
        return flat;
    }

    int[] triangles() {
        return triangles;
    }

    /** Positions (3V, metres) of the face with the given shape, pushed by {@code field}. */
    double[] shape(FaceShapeParameters parameters, SmoothDisplacementField field) {
        int face = flat.vertexCount();
        int eye = eyeballVertexCount();
        double[] out = new double[3 * (face + 2 * eye)];
        double[] point = new double[6];
        for (int i = 0; i < face; i++) {
            FaceSurface.evaluate(flat.u()[i], flat.v()[i], flat.side()[i], parameters, point);
            field.addTo(flat.u()[i], flat.v()[i], point);
            System.arraycopy(point, 0, out, 3 * i, 3);
        }
        for (int e = 0; e < 2; e++) {
            double eu = e == 0 ? FaceLayout.EYE_U : -FaceLayout.EYE_U;
            FaceSurface.evaluate(eu, FaceLayout.EYE_V, 0, parameters, point);
            field.addTo(eu, FaceLayout.EYE_V, point);
            double back = EYEBALL_RADIUS + EYEBALL_SETBACK;
            int start = face + e * eye;
            for (int k = 0; k < eye; k++) {
                for (int d = 0; d < 3; d++) {
                    out[3 * (start + k) + d] = point[d] - back * point[3 + d] + EYEBALL_RADIUS * unitEyeball[3 * k + d];
                }
            }
        }
        return out;
    }

    private void findLandmarks() {
        int[] upper = flat.upperSlit();
        int[] lower = flat.lowerSlit();
        landmarks.put(FaceLandmark.MOUTH_CORNER_LEFT, flat.leftCorner());
        landmarks.put(FaceLandmark.MOUTH_CORNER_RIGHT, flat.rightCorner());
        landmarks.put(FaceLandmark.MOUTH_CENTER_UPPER, upper[upper.length / 2]);
        landmarks.put(FaceLandmark.MOUTH_CENTER_LOWER, lower[lower.length / 2]);
        landmarks.put(FaceLandmark.CHEEK_LEFT, nearest(FaceLayout.CHEEK_U, FaceLayout.CHEEK_V));
        landmarks.put(FaceLandmark.CHEEK_RIGHT, nearest(-FaceLayout.CHEEK_U, FaceLayout.CHEEK_V));
        landmarks.put(FaceLandmark.BROW_LEFT, nearest(FaceLayout.BROW_U, FaceLayout.BROW_V));
        landmarks.put(FaceLandmark.BROW_RIGHT, nearest(-FaceLayout.BROW_U, FaceLayout.BROW_V));
        landmarks.put(FaceLandmark.EYELID_LEFT, nearest(FaceLayout.EYE_U, FaceLayout.EYE_V));
        landmarks.put(FaceLandmark.EYELID_RIGHT, nearest(-FaceLayout.EYE_U, FaceLayout.EYE_V));
        landmarks.put(FaceLandmark.JAW_LEFT, nearest(FaceLayout.JAW_POINT_U, FaceLayout.JAW_POINT_V));
        landmarks.put(FaceLandmark.JAW_RIGHT, nearest(-FaceLayout.JAW_POINT_U, FaceLayout.JAW_POINT_V));
    }

    /** The face vertex off the mouth slit closest to flat point (u, v). */
    private int nearest(double u, double v) {
        int best = -1;
        double bestD = Double.POSITIVE_INFINITY;
        for (int i = 0; i < flat.vertexCount(); i++) {
            if (flat.side()[i] != 0) {
                continue;
            }
            double du = flat.u()[i] - u;
            double dv = flat.v()[i] - v;
            if (du * du + dv * dv < bestD) {
                bestD = du * du + dv * dv;
                best = i;
            }
        }
        return best;
    }

    /** Finer eyeballs on finer faces: 162 vertices each from 2,500 vertices on, 42 from 800, else 12. */
    private static int eyeballSubdivisions(int vertices) {
        return vertices >= 2500 ? 2 : vertices >= 800 ? 1 : 0;
    }

    static float[] toFloat(double[] a) {
        float[] f = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            f[i] = (float) a[i];
        }
        return f;
    }

    private static double[] toDouble(float[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i];
        }
        return d;
    }
}
