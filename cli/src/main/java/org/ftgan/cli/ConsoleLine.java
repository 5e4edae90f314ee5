package org.ftgan.cli;

import java.io.PrintWriter;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The self-overwriting progress line of a command's error stream, shared by whatever draws on it
 * and whatever prints a message after it: a message ({@link UserErrorHandler}'s one-line error, a
 * note) first ends the line, so it never lands behind a half-drawn progress line.
 */
final class ConsoleLine {
    private static final Map<PrintWriter, ConsoleLine> LINES = Collections.synchronizedMap(new WeakHashMap<>());

    private final PrintWriter err;
    private int openLength;

    private ConsoleLine(PrintWriter err) {
        this.err = err;
    }

    /** The line of this writer (one per writer, so every user sees the same state). */
    static ConsoleLine of(PrintWriter err) {
        return LINES.computeIfAbsent(err, ConsoleLine::new);
    }

    /** Redraws the line with {@code text}, blanking what is left of a longer previous text. */
    synchronized void draw(String text) {
        err.print("\r" + text + " ".repeat(Math.max(0, openLength - text.length())));
        openLength = Math.max(1, text.length());
        err.flush();
    }

    /** Ends the line when one is drawn, keeping its last text. */
    synchronized void end() {
        if (openLength > 0) {
            err.println();
            openLength = 0;
        }
        err.flush();
    }

    /** Ends the line, then prints {@code message} on a line of its own. */
    synchronized void println(String message) {
        end();
        err.println(message);
        err.flush();
    }
}
