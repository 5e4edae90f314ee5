package org.ftgan.cli;

import java.util.Locale;

/**
 * A self-overwriting progress line ({@link ConsoleLine}) (count, rate, ETA), redrawn at most a few
 * times per second so that printing never slows the work it reports on.
 */
final class ProgressLine {
    private final ConsoleLine line;
    private final String what;
    private final long startNanos = System.nanoTime();
    private long lastDrawNanos;

    ProgressLine(ConsoleLine line, String what) {
        this.line = line;
        this.what = what;
    }

    /** Redraws when due; {@code bytes} may be negative when unknown. */
    synchronized void update(long done, long total, long bytes) {
        long now = System.nanoTime();
        if (done < total && now - lastDrawNanos < 200_000_000L) {
            return;
        }
        lastDrawNanos = now;
        double seconds = Math.max(1e-9, (now - startNanos) / 1e9);
        double rate = done / seconds;
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "%s %d/%d (%.0f%%) %.0f/s", what, done, total,
                total == 0 ? 100.0 : 100.0 * done / total, rate));
        if (bytes >= 0) {
            text.append(String.format(Locale.ROOT, " %.1f MB/s", bytes / seconds / 1e6));
        }
        if (done < total && rate > 0) {
            text.append(String.format(Locale.ROOT, " ETA %s", duration((total - done) / rate)));
        } else {
            text.append(String.format(Locale.ROOT, " in %s", duration(seconds)));
        }
        line.draw(text.toString());
        if (done >= total) {
            line.end();
        }
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return (s / 60) + "m" + String.format(Locale.ROOT, "%02d", s % 60) + "s";
        }
        return (s / 3600) + "h" + String.format(Locale.ROOT, "%02d", (s % 3600) / 60) + "m";
    }
}
