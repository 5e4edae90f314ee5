package org.ftgan.nn;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Splits an element-wise Java loop over an array's flat index range by its first (batch) axis. */
final class Elementwise {
    interface Range {
        void run(int from, int to);
    }

    private Elementwise() {
    }

    /** out = a + b, element-wise (same shapes, dense). */
    static void add(INDArray a, INDArray b, INDArray out) {
        if (!Backend.javaLoops()) {
            a.add(b, out);
            return;
        }
        HostArray as = HostArray.of(a);
        HostArray bs = HostArray.of(b);
        HostArray os = HostArray.of(out);
        forEachRange(out, (from, to) -> {
            for (int i = from; i < to; i++) {
                os.set(i, as.get(i) + bs.get(i));
            }
        });
    }

    static void forEachRange(INDArray a, Range body) {
        int batch = (int) a.size(0);
        if (batch == 0) {
            return;
        }
        int per = (int) (a.length() / batch);
        Parallel.forEach(batch, per, b -> body.run(b * per, (b + 1) * per));
    }
}
