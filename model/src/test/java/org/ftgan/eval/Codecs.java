package org.ftgan.eval;

/** Hand-made codecs with known behaviour (plain code, no network). */
final class Codecs {
    private Codecs() {
    }

    private static float[][] copy(float[][] rows) {
        float[][] out = new float[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = rows[i].clone();
        }
        return out;
    }

    /** Both codes are the whole mesh; decode returns the content mesh: Dec(Ec(a), Es(b)) = a. */
    static final class ContentEcho implements FaceCodec {
        @Override
        public float[][] contentCodes(float[][] m) {
            return copy(m);
        }

        @Override
        public float[][] styleCodes(float[][] m) {
            return copy(m);
        }

        @Override
        public float[][] decode(float[][] content, float[][] style) {
            return copy(content);
        }
    }

    /** Both codes are the whole mesh; decode returns the style mesh: Dec(Ec(a), Es(b)) = b. */
    static final class StyleEcho implements FaceCodec {
        @Override
        public float[][] contentCodes(float[][] m) {
            return copy(m);
        }

        @Override
        public float[][] styleCodes(float[][] m) {
            return copy(m);
        }

        @Override
        public float[][] decode(float[][] content, float[][] style) {
            return copy(style);
        }
    }

    /** Content = x and y of every vertex, style = z; decode puts them back together (exact on {@link SeparableFaces}). */
    static final class XyContentZStyle implements FaceCodec {
        @Override
        public float[][] contentCodes(float[][] m) {
            float[][] out = new float[m.length][];
            for (int i = 0; i < m.length; i++) {
                int v = m[i].length / 3;
                out[i] = new float[2 * v];
                for (int j = 0; j < v; j++) {
                    out[i][2 * j] = m[i][3 * j];
                    out[i][2 * j + 1] = m[i][3 * j + 1];
                }
            }
            return out;
        }

        @Override
        public float[][] styleCodes(float[][] m) {
            float[][] out = new float[m.length][];
            for (int i = 0; i < m.length; i++) {
                int v = m[i].length / 3;
                out[i] = new float[v];
                for (int j = 0; j < v; j++) {
                    out[i][j] = m[i][3 * j + 2];
                }
            }
            return out;
        }

        @Override
        public float[][] decode(float[][] content, float[][] style) {
            float[][] out = new float[content.length][];
            for (int i = 0; i < content.length; i++) {
                int v = style[i].length;
                out[i] = new float[3 * v];
                for (int j = 0; j < v; j++) {
                    out[i][3 * j] = content[i][2 * j];
                    out[i][3 * j + 1] = content[i][2 * j + 1];
                    out[i][3 * j + 2] = style[i][j];
                }
            }
            return out;
        }
    }
}
