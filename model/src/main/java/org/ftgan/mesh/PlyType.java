package org.ftgan.mesh;

/** The numeric types a PLY property may have, under both their classic and sized names. */
enum PlyType {
    CHAR(1, true, "char", "int8"),
    UCHAR(1, true, "uchar", "uint8"),
    SHORT(2, true, "short", "int16"),
    USHORT(2, true, "ushort", "uint16"),
    INT(4, true, "int", "int32"),
    UINT(4, true, "uint", "uint32"),
    FLOAT(4, false, "float", "float32"),
    DOUBLE(8, false, "double", "float64");

    final int size;
    final boolean integer;
    /** The classic name, used in messages. */
    final String plyName;
    private final String sizedName;

    PlyType(int size, boolean integer, String plyName, String sizedName) {
        this.size = size;
        this.integer = integer;
        this.plyName = plyName;
        this.sizedName = sizedName;
    }

    /** The type of that name, or null when the name is not a PLY type. */
    static PlyType byName(String name) {
        for (PlyType t : values()) {
            if (t.plyName.equals(name) || t.sizedName.equals(name)) {
                return t;
            }
        }
        return null;
    }

    long minValue() {
        return switch (this) {
            case CHAR -> Byte.MIN_VALUE;
            case SHORT -> Short.MIN_VALUE;
            case INT -> Integer.MIN_VALUE;
            default -> 0;
        };
    }

    long maxValue() {
        return switch (this) {
            case CHAR -> Byte.MAX_VALUE;
            case UCHAR -> 0xFFL;
            case SHORT -> Short.MAX_VALUE;
            case USHORT -> 0xFFFFL;
            case INT -> Integer.MAX_VALUE;
            case UINT -> 0xFFFF_FFFFL;
            default -> throw new IllegalStateException(this + " is not an integer type");
        };
    }
}
