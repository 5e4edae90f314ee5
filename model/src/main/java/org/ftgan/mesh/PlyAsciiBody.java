package org.ftgan.mesh;

/** An ASCII PLY body: one item per line, values separated by blanks, checked against the header. */
final class PlyAsciiBody implements PlyBody {
    private final TextCursor cursor;
    private int valuesInItem;

    PlyAsciiBody(TextCursor cursor) {
        this.cursor = cursor;
    }

    @Override
    public double scalar(PlyType type, PlyHeader.Element element, int item, PlyHeader.Property property, int listIndex)
            throws MeshFormatException {
        if (type.integer) {
            return integer(type, element, item, property, listIndex);
        }
        nextValue(type, element, item, property, listIndex);
        try {
            return cursor.floatToken();
        } catch (NumberFormatException e) {
            throw cursor.error("expected a number for " + PlyBody.describe(type, element, item, property, listIndex)
                    + ", got " + cursor.quotedToken());
        }
    }

    @Override
    public long integer(PlyType type, PlyHeader.Element element, int item, PlyHeader.Property property, int listIndex)
            throws MeshFormatException {
        nextValue(type, element, item, property, listIndex);
        long value;
        try {
            value = cursor.integerToken();
        } catch (NumberFormatException e) {
            throw cursor.error("expected an integer for " + PlyBody.describe(type, element, item, property, listIndex)
                    + ", got " + cursor.quotedToken());
        }
        if (value < type.minValue() || value > type.maxValue()) {
            throw cursor.error("value " + value + " does not fit " + PlyBody.describe(type, element, item, property, listIndex));
        }
        return value;
    }

    @Override
    public void endItem(PlyHeader.Element element, int item) throws MeshFormatException {
        if (cursor.nextToken()) {
            throw cursor.error("too many values for " + element.name() + " " + item + ": expected " + valuesInItem
                    + ", found more starting with " + cursor.quotedToken());
        }
        cursor.endLine();
        valuesInItem = 0;
    }

    @Override
    public void endBody() throws MeshFormatException {
        if (cursor.skipEmptyLines()) {
            cursor.nextToken();
            throw cursor.error("unexpected data after the last element: " + cursor.quotedToken()
                    + " (element counts too small?)");
        }
    }

    @Override
    public MeshFormatException errorAtLastValue(String detail) {
        return cursor.error(detail);
    }

    private void nextValue(PlyType type, PlyHeader.Element element, int item, PlyHeader.Property property, int listIndex)
            throws MeshFormatException {
        if (!cursor.nextToken()) {
            throw cursor.atEndOfFile() && valuesInItem == 0
                    ? cursor.error("file ends before " + PlyBody.describe(type, element, item, property, listIndex)
                    + " (the header declares " + element.count() + " " + element.name() + " items)")
                    : cursor.error("too few values for " + element.name() + " " + item + ": line ends after "
                    + valuesInItem + " values, expected " + PlyBody.describeValue(type, property, listIndex));
        }
        valuesInItem++;
    }
}
