package org.ftgan.worker.run;

/** A run's id: its experiment's id and its index in the sweep ({@code <experiment>-r0007}). */
public final class RunIds {
    private RunIds() {
    }

    public static String key(int index) {
        return String.format(java.util.Locale.ROOT, "r%04d", index);
    }

    public static String of(String experimentId, int index) {
        return experimentId + "-" + key(index);
    }
}
