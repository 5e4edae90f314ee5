package org.ftgan.mesh;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Walks whitespace-separated tokens of a text file held in a byte array, line by line, tracking the
 * line number for messages. Tokens are reported as {@code [tokenStart, tokenEnd)} so callers parse
 * them in place; a String is only built for error messages.
 *
 * <p>Blanks are spaces, tabs and carriage returns (so CRLF files read like LF files); a line ends at
 * {@code '\n'}. With line continuation on, a backslash right before the end of a line joins the
 * next line to it, and with comments on, a token starting with {@code '#'} ends the line (both OBJ
 * conventions).
 */
final class TextCursor {
    private static final int MAX_QUOTED_TOKEN = 40;

    private final Path file;
    private final byte[] bytes;
    private final int end;
    private final boolean lineContinuation;
    private final boolean comments;
    private int pos;
    private int line;
    int tokenStart;
    int tokenEnd;

    TextCursor(Path file, byte[] bytes, int start, int end, int firstLine, boolean objConventions) {
        this.file = file;
        this.bytes = bytes;
        this.pos = start;
        this.end = end;
        this.line = firstLine;
        this.lineContinuation = objConventions;
        this.comments = objConventions;
    }

    byte[] bytes() {
        return bytes;
    }

    /** The 1-based line the cursor is on (the line of the last token read). */
    int line() {
        return line;
    }

    boolean atEndOfFile() {
        return pos >= end;
    }

    /** Moves to the next token of the current line; false (staying put) when the line has no more. */
    boolean nextToken() {
        skipBlanks();
        if (pos >= end || bytes[pos] == '\n') {
            return false;
        }
        if (comments && bytes[pos] == '#') {
            while (pos < end && bytes[pos] != '\n') {
                pos++;
            }
            return false;
        }
        tokenStart = pos;
        while (pos < end && !isBlank(bytes[pos]) && bytes[pos] != '\n' && !continuationAt(pos)) {
            pos++;
        }
        tokenEnd = pos;
        return true;
    }

    /** True when the current token is exactly {@code word} (ASCII). */
    boolean tokenIs(String word) {
        int n = word.length();
        if (tokenEnd - tokenStart != n) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (bytes[tokenStart + i] != word.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Skips whatever is left of the current line and moves to the start of the next one. */
    void skipRestOfLine() {
        while (nextToken()) {
            // tokens of an ignored statement, continuation lines included
        }
        endLine();
    }

    /** Moves past the end of the current line; the caller has consumed all its tokens. */
    void endLine() {
        if (pos < end) {
            pos++;
            line++;
        }
    }

    /** Skips blanks and empty lines; true when something other than whitespace remains. */
    boolean skipEmptyLines() {
        while (true) {
            skipBlanks();
            if (pos >= end) {
                return false;
            }
            if (bytes[pos] != '\n') {
                return true;
            }
            pos++;
            line++;
        }
    }

    float floatToken() {
        return DecimalParser.parseFloat(bytes, tokenStart, tokenEnd);
    }

    long integerToken() {
        return DecimalParser.parseLong(bytes, tokenStart, tokenEnd);
    }

    /** The current token in quotes, shortened when long, for messages. */
    String quotedToken() {
        return quote(bytes, tokenStart, tokenEnd);
    }

    MeshFormatException error(String detail) {
        return MeshFormatException.atLine(file, line, detail);
    }

    static String quote(byte[] b, int start, int end) {
        int n = Math.min(end - start, MAX_QUOTED_TOKEN + 1);
        return quote(new String(b, start, n, StandardCharsets.ISO_8859_1));
    }

    /** Quotes text for a message, shortened when long and with control bytes shown as '?'. */
    static String quote(String text) {
        StringBuilder sb = new StringBuilder("\"");
        int n = Math.min(text.length(), MAX_QUOTED_TOKEN);
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            sb.append(c < ' ' || c > '~' ? '?' : c);
        }
        return sb.append(text.length() > n ? "...\"" : "\"").toString();
    }

    private void skipBlanks() {
        while (pos < end) {
            if (isBlank(bytes[pos])) {
                pos++;
            } else if (continuationAt(pos)) {
                pos = bytes[pos + 1] == '\n' ? pos + 2 : pos + 3;
                line++;
            } else {
                return;
            }
        }
    }

    private boolean continuationAt(int i) {
        return lineContinuation && bytes[i] == '\\'
                && (i + 1 < end && bytes[i + 1] == '\n'
                || i + 2 < end && bytes[i + 1] == '\r' && bytes[i + 2] == '\n');
    }

    private static boolean isBlank(byte c) {
        return c == ' ' || c == '\t' || c == '\r';
    }
}
