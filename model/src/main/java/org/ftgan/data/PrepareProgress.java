package org.ftgan.data;

import java.util.Locale;

/**
 * A snapshot of a running preparation, for a progress line.
 *
 * @param phase      what is happening ("listing", "reading", "statistics", "done")
 * @param filesDone  mesh files read so far
 * @param filesTotal mesh files to read in all
 * @param bytesDone  bytes of mesh files read so far
 * @param bytesTotal bytes of mesh files to read in all
 * @param seconds    time since the preparation started
 */
public record PrepareProgress(String phase, long filesDone, long filesTotal, long bytesDone, long bytesTotal,
                              double seconds) {

    public double megabytesPerSecond() {
        return seconds > 0 ? bytesDone / 1e6 / seconds : 0;
    }

    /** Seconds left at the current read rate; NaN before anything was read. */
    public double etaSeconds() {
        if (bytesDone <= 0 || seconds <= 0) {
            return Double.NaN;
        }
        return (bytesTotal - bytesDone) / (bytesDone / seconds);
    }

    /** One line such as "reading 1200/20160 files, 228.4 MB, 95.1 MB/s, ETA 38 s". */
    public String describe() {
        if (filesTotal == 0) {
            return String.format(Locale.ROOT, "%s (%.1f s)", phase, seconds);
        }
        double eta = etaSeconds();
        return String.format(Locale.ROOT, "%s %d/%d files, %.1f MB, %.1f MB/s, ETA %s", phase, filesDone, filesTotal,
                bytesDone / 1e6, megabytesPerSecond(), Double.isNaN(eta) ? "?" : Math.round(eta) + " s");
    }
}
