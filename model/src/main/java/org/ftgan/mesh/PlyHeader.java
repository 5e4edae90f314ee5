package org.ftgan.mesh;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The header of a PLY file: its encoding and its elements with their properties, in file order,
 * plus where the body starts. Only the syntax is checked here; what the elements must contain for a
 * mesh is {@link PlyReader}'s business.
 */
final class PlyHeader {
    enum Format { ASCII, BINARY_LITTLE_ENDIAN, BINARY_BIG_ENDIAN }

    /** A property; {@code countType} is null for a scalar and the list length type for a list. */
    record Property(String name, PlyType type, PlyType countType, int line) {
        boolean isList() {
            return countType != null;
        }

        /** For messages: "float y", "list uchar int vertex_indices". */
        String describe() {
            return isList() ? "list " + countType.plyName + " " + type.plyName + " " + name : type.plyName + " " + name;
        }
    }

    record Element(String name, int count, List<Property> properties, int line) {
        Property property(String propertyName) {
            for (Property p : properties) {
                if (p.name.equals(propertyName)) {
                    return p;
                }
            }
            return null;
        }
    }

    private static final int MAX_LINE_LENGTH = 4096;

    final Format format;
    final List<Element> elements;
    /** Offset of the first body byte, right after the end_header line. */
    final int bodyStart;
    /** The line number the body starts on (for ASCII messages). */
    final int bodyFirstLine;

    private PlyHeader(Format format, List<Element> elements, int bodyStart, int bodyFirstLine) {
        this.format = format;
        this.elements = elements;
        this.bodyStart = bodyStart;
        this.bodyFirstLine = bodyFirstLine;
    }

    Element element(String name) {
        for (Element e : elements) {
            if (e.name.equals(name)) {
                return e;
            }
        }
        return null;
    }

    /** Parses the header at the start of {@code bytes[0, length)}. */
    static PlyHeader parse(Path file, byte[] bytes, int length) throws MeshFormatException {
        if (length == 0) {
            throw MeshFormatException.atLine(file, 1, "empty file, expected a PLY header");
        }
        int pos = 0;
        int line = 0;
        Format format = null;
        List<Element> elements = new ArrayList<>();
        List<Property> currentProperties = null;
        while (true) {
            line++;
            if (pos >= length) {
                throw MeshFormatException.atLine(file, line, "file ends before end_header");
            }
            int lineEnd = pos;
            while (lineEnd < length && bytes[lineEnd] != '\n' && lineEnd - pos <= MAX_LINE_LENGTH) {
                lineEnd++;
            }
            if (lineEnd - pos > MAX_LINE_LENGTH) {
                // binary junk rather than a header line; don't turn megabytes into a String
                throw MeshFormatException.atLine(file, line, (line == 1 ? "missing 'ply' magic: " : "")
                        + "header line longer than " + MAX_LINE_LENGTH + " bytes, starting "
                        + TextCursor.quote(bytes, pos, lineEnd));
            }
            String text = new String(bytes, pos, lineEnd - pos, StandardCharsets.ISO_8859_1).strip();
            pos = Math.min(lineEnd + 1, length);
            if (line == 1) {
                if (!text.equals("ply")) {
                    throw MeshFormatException.atLine(file, 1, "missing 'ply' magic, found " + TextCursor.quote(text));
                }
                continue;
            }
            if (text.isEmpty()) {
                continue;
            }
            String[] words = text.split("[ \t]+");
            switch (words[0]) {
                case "comment", "obj_info" -> {
                }
                case "format" -> {
                    if (format != null) {
                        throw MeshFormatException.atLine(file, line, "second format line");
                    }
                    if (!elements.isEmpty()) {
                        throw MeshFormatException.atLine(file, line, "format line after the first element");
                    }
                    format = parseFormat(file, line, words);
                }
                case "element" -> {
                    Element element = parseElement(file, line, words, elements);
                    elements.add(element);
                    currentProperties = element.properties;
                }
                case "property" -> {
                    if (currentProperties == null) {
                        throw MeshFormatException.atLine(file, line, "property before any element");
                    }
                    Property p = parseProperty(file, line, words);
                    for (Property q : currentProperties) {
                        if (q.name.equals(p.name)) {
                            throw MeshFormatException.atLine(file, line, "property " + p.name
                                    + " declared twice in element " + elements.get(elements.size() - 1).name);
                        }
                    }
                    currentProperties.add(p);
                }
                case "end_header" -> {
                    if (words.length != 1) {
                        throw MeshFormatException.atLine(file, line, "unexpected words after end_header");
                    }
                    if (format == null) {
                        throw MeshFormatException.atLine(file, line, "no format line before end_header");
                    }
                    List<Element> frozen = new ArrayList<>();
                    for (Element e : elements) {
                        frozen.add(new Element(e.name, e.count, List.copyOf(e.properties), e.line));
                    }
                    return new PlyHeader(format, List.copyOf(frozen), pos, line + 1);
                }
                default -> throw MeshFormatException.atLine(file, line, "unknown header line "
                        + TextCursor.quote(text) + ", expected format, element, property, comment, obj_info or end_header");
            }
        }
    }

    private static Format parseFormat(Path file, int line, String[] words) throws MeshFormatException {
        if (words.length != 3) {
            throw MeshFormatException.atLine(file, line, "expected 'format <encoding> <version>', found "
                    + String.join(" ", words));
        }
        return switch (words[1]) {
            case "ascii" -> Format.ASCII;
            case "binary_little_endian" -> Format.BINARY_LITTLE_ENDIAN;
            case "binary_big_endian" -> Format.BINARY_BIG_ENDIAN;
            default -> throw MeshFormatException.atLine(file, line, "unknown format \"" + words[1]
                    + "\", expected ascii, binary_little_endian or binary_big_endian");
        };
    }

    private static Element parseElement(Path file, int line, String[] words, List<Element> previous)
            throws MeshFormatException {
        if (words.length != 3) {
            throw MeshFormatException.atLine(file, line, "expected 'element <name> <count>', found "
                    + String.join(" ", words));
        }
        for (Element e : previous) {
            if (e.name.equals(words[1])) {
                throw MeshFormatException.atLine(file, line, "element " + words[1] + " declared twice");
            }
        }
        long count;
        try {
            count = Long.parseLong(words[2]);
        } catch (NumberFormatException e) {
            count = -1;
        }
        if (count < 0 || count > Integer.MAX_VALUE) {
            throw MeshFormatException.atLine(file, line, "element " + words[1] + " has count \"" + words[2]
                    + "\", expected an integer from 0 to " + Integer.MAX_VALUE);
        }
        return new Element(words[1], (int) count, new ArrayList<>(), line);
    }

    private static Property parseProperty(Path file, int line, String[] words) throws MeshFormatException {
        if (words.length == 3 && !words[1].equals("list")) {
            return new Property(words[2], type(file, line, words[1]), null, line);
        }
        if (words.length == 5 && words[1].equals("list")) {
            PlyType countType = type(file, line, words[2]);
            if (!countType.integer) {
                throw MeshFormatException.atLine(file, line, "list " + words[4] + " has count type "
                        + words[2] + ", expected an integer type");
            }
            return new Property(words[4], type(file, line, words[3]), countType, line);
        }
        throw MeshFormatException.atLine(file, line, "expected 'property <type> <name>' or "
                + "'property list <count type> <item type> <name>', found " + String.join(" ", words));
    }

    private static PlyType type(Path file, int line, String name) throws MeshFormatException {
        PlyType t = PlyType.byName(name);
        if (t == null) {
            throw MeshFormatException.atLine(file, line, "unknown property type \"" + name + "\", expected one of "
                    + "char, uchar, short, ushort, int, uint, float, double, int8, uint8, int16, uint16, "
                    + "int32, uint32, float32, float64");
        }
        return t;
    }
}
