package org.ftgan.mesh;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Set;

/**
 * Reads triangle meshes from Wavefront OBJ files.
 *
 * <ul>
 *   <li>{@code v x y z} with up to four more numbers (a w weight or a colour), which are ignored.</li>
 *   <li>{@code f} with corners {@code v}, {@code v/vt}, {@code v//vn} or {@code v/vt/vn}; indices start
 *       at 1, negative ones count back from the last element defined so far (-1 = the latest).
 *       Polygons are fan-triangulated as (v0,v1,v2), (v0,v2,v3), ... .</li>
 *   <li>{@code vt} and {@code vn} are checked and counted; {@code vt} also carries the per-vertex values of {@link ObjWriter} files.</li>
 *   <li>Comments ({@code #}), blank lines, {@code g}, {@code o}, {@code s}, {@code usemtl},
 *       {@code mtllib}, {@code l}, {@code p} and the free-form curve and surface statements are
 *       ignored. A backslash at the end of a line continues the statement on the next line.</li>
 * </ul>
 *
 * <p>Strict where other readers guess: a face may only refer to vertices defined on earlier lines (a
 * texture coordinate or normal index must be a well-formed index, but one naming an element the file
 * does not define is ignored, as psbody-style writers emit them); a vertex coordinate must be a
 * finite number (NaN and infinities are refused); an unknown statement, a malformed number or a missing or surplus
 * value is a {@link MeshFormatException} naming the line. A file without any vertex is an error
 * (it is not a mesh, most likely not an OBJ file at all). The mesh is built only after the whole file
 * parsed.
 */
public final class ObjReader {
    /** Statements that carry nothing this reader needs. */
    private static final Set<String> IGNORED_STATEMENTS = Set.of(
            "g", "o", "s", "usemtl", "mtllib", "l", "p", "vp",
            "cstype", "deg", "bmat", "step", "curv", "curv2", "surf", "parm", "trim", "hole", "scrv", "sp",
            "end", "con", "mg", "bevel", "c_interp", "d_interp", "lod", "shadow_obj", "trace_obj",
            "ctech", "stech", "maplib", "usemap");
    private static final int MAX_VERTEX_EXTRAS = 4;
    private static final String[] COORDINATES = {"the x coordinate", "the y coordinate", "the z coordinate"};
    private static final String[] NORMAL_COMPONENTS = {"the x normal component", "the y normal component",
            "the z normal component"};

    private ObjReader() {
    }

    public static Mesh read(Path file) throws IOException {
        return readWithValues(file).mesh();
    }

    /**
     * Reads the mesh and the per-vertex values an {@link ObjWriter} stores as texture coordinates:
     * values are present when the file has exactly one {@code vt} per {@code v} and every face corner
     * that names a texture coordinate names the one with its vertex's number; value i is then the u of
     * the i-th {@code vt}. Otherwise {@code values} is null (the texture coordinates are a real UV map).
     */
    public static MeshWithValues readWithValues(Path file) throws IOException {
        ByteBuffer data = FileBytes.read(file);
        if (data.limit() == 0) {
            throw MeshFormatException.atLine(file, 1, "empty file, expected OBJ statements");
        }
        return new Parser(new TextCursor(file, data.array(), 0, data.limit(), 1, true), data.limit()).parse();
    }

    /** The state of one read: what has been defined so far. */
    private static final class Parser {
        private final TextCursor c;
        private final Floats positions;
        private final Floats textureU;
        private final Triangles triangles;
        private int normalCount;
        private boolean cornersUseOwnTexture = true;

        Parser(TextCursor cursor, int fileBytes) {
            this.c = cursor;
            // a "v x y z" line is rarely shorter than 25 bytes; the arrays grow if needed
            int expectedVertices = fileBytes / 100;
            this.positions = new Floats(3 * expectedVertices);
            this.textureU = new Floats(expectedVertices);
            this.triangles = new Triangles(2 * expectedVertices);
        }

        MeshWithValues parse() throws MeshFormatException {
            while (!c.atEndOfFile()) {
                if (!c.nextToken()) {
                    c.endLine();
                    continue;
                }
                if (c.tokenIs("v")) {
                    vertex();
                } else if (c.tokenIs("f")) {
                    face();
                } else if (c.tokenIs("vt")) {
                    textureCoordinate();
                } else if (c.tokenIs("vn")) {
                    normal();
                } else if (IGNORED_STATEMENTS.contains(keyword())) {
                    c.skipRestOfLine();
                    continue;
                } else {
                    throw c.error("unknown statement " + c.quotedToken() + ", expected v, vt, vn, f, g, o, s, "
                            + "usemtl, mtllib, l or a comment");
                }
                c.endLine();
            }
            int vertexCount = positions.size() / 3;
            if (vertexCount == 0) {
                throw c.error("no vertices (v lines) in the file");
            }
            float[] values = textureU.size() == vertexCount && cornersUseOwnTexture ? textureU.toArray() : null;
            return new MeshWithValues(new Mesh(positions.toArray(), triangles.toArray()), values);
        }

        private void vertex() throws MeshFormatException {
            for (String what : COORDINATES) {
                float x = number(what);
                if (!Float.isFinite(x)) {
                    // NaN would reach a dataset's samples and statistics and surface as a diverging training
                    throw c.error("expected a finite number for " + what + ", got " + c.quotedToken());
                }
                positions.add(x);
            }
            for (int extra = 0; c.nextToken(); extra++) {
                if (extra == MAX_VERTEX_EXTRAS) {
                    throw c.error("too many values in a v line: expected x y z and at most " + MAX_VERTEX_EXTRAS
                            + " more (w or a colour), found more starting with " + c.quotedToken());
                }
                parseToken("a vertex weight or colour value");
            }
        }

        private void textureCoordinate() throws MeshFormatException {
            textureU.add(number("the u texture coordinate"));
            for (int extra = 0; c.nextToken(); extra++) {
                if (extra == 2) {
                    throw c.error("too many values in a vt line: expected u [v [w]], found more starting with "
                            + c.quotedToken());
                }
                parseToken("a texture coordinate");
            }
        }

        private void normal() throws MeshFormatException {
            for (String what : NORMAL_COMPONENTS) {
                number(what);
            }
            if (c.nextToken()) {
                throw c.error("too many values in a vn line: expected x y z, found more starting with "
                        + c.quotedToken());
            }
            normalCount++;
        }

        private void face() throws MeshFormatException {
            int corners = 0;
            int first = -1;
            int previous = -1;
            while (c.nextToken()) {
                int v = corner();
                if (corners == 0) {
                    first = v;
                } else if (corners >= 2) {
                    triangles.add(first, previous, v);
                }
                previous = v;
                corners++;
            }
            if (corners < 3) {
                throw c.error("face has " + corners + " corners, expected at least 3");
            }
        }

        /** Parses the corner token; returns its 0-based vertex index. */
        private int corner() throws MeshFormatException {
            byte[] b = c.bytes();
            int start = c.tokenStart;
            int end = c.tokenEnd;
            int slash1 = indexOfSlash(b, start, end);
            int slash2 = slash1 < 0 ? -1 : indexOfSlash(b, slash1 + 1, end);
            if (slash2 >= 0 && indexOfSlash(b, slash2 + 1, end) >= 0) {
                throw badCorner();
            }
            int vertexEnd = slash1 < 0 ? end : slash1;
            int v = index(b, start, vertexEnd, positions.size() / 3, "vertex", "vertices");
            if (slash1 >= 0) {
                int textureEnd = slash2 < 0 ? end : slash2;
                if (textureEnd > slash1 + 1) {
                    int t = reference(b, slash1 + 1, textureEnd, textureU.size());
                    cornersUseOwnTexture &= t == v;
                } else if (slash2 < 0) {
                    throw badCorner();
                }
                if (slash2 >= 0) {
                    if (slash2 + 1 == end) {
                        throw badCorner();
                    }
                    reference(b, slash2 + 1, end, normalCount);
                }
            }
            return v;
        }

        /** A corner's index as written: a non-zero integer (1-based, or negative for relative). */
        private long number(byte[] b, int start, int end) throws MeshFormatException {
            if (start == end) {
                throw badCorner();
            }
            long n;
            try {
                n = DecimalParser.parseLong(b, start, end);
            } catch (NumberFormatException e) {
                throw badCorner();
            }
            if (n == 0) {
                throw c.error("face corner " + c.quotedToken() + " uses index 0; OBJ indices start at 1");
            }
            return n;
        }

        /** Resolves a 1-based or negative (relative) index against the {@code defined} elements so far. */
        private int index(byte[] b, int start, int end, int defined, String kind, String kinds) throws MeshFormatException {
            long n = number(b, start, end);
            long resolved = n > 0 ? n - 1 : defined + n;
            if (resolved < 0 || resolved >= defined) {
                throw c.error("face corner " + c.quotedToken() + " refers to " + kind + " " + n
                        + (n < 0 ? " (relative)" : "") + ", but only " + defined + " " + kinds
                        + " are defined before this line");
            }
            return (int) resolved;
        }

        /**
         * A texture coordinate or normal reference: it must be a well-formed index, but one that names
         * an element the file never defines is ignored (returns -1), like the rest of vt/vn: writers such
         * as psbody's emit {@code v/vt/vn} corners with the vertex number for all three.
         */
        private int reference(byte[] b, int start, int end, int defined) throws MeshFormatException {
            long n = number(b, start, end);
            long resolved = n > 0 ? n - 1 : defined + n;
            return resolved < 0 || resolved >= defined ? -1 : (int) resolved;
        }

        private MeshFormatException badCorner() {
            return c.error("expected a face corner like 3, 3/1, 3//2 or 3/1/2, got " + c.quotedToken());
        }

        private float number(String what) throws MeshFormatException {
            if (!c.nextToken()) {
                throw c.error("expected a number for " + what + ", got the end of the line");
            }
            return parseToken(what);
        }

        private float parseToken(String what) throws MeshFormatException {
            try {
                return c.floatToken();
            } catch (NumberFormatException e) {
                throw c.error("expected a number for " + what + ", got " + c.quotedToken());
            }
        }

        private String keyword() {
            return new String(c.bytes(), c.tokenStart, c.tokenEnd - c.tokenStart, StandardCharsets.ISO_8859_1);
        }

        private static int indexOfSlash(byte[] b, int start, int end) {
            for (int i = start; i < end; i++) {
                if (b[i] == '/') {
                    return i;
                }
            }
            return -1;
        }
    }
}
