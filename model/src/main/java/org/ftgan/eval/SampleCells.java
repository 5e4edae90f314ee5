package org.ftgan.eval;

import java.util.ArrayList;
import java.util.List;
import org.ftgan.data.PreparedDataset;

/**
 * The samples of a pool grouped by (subject, expression class): cell(c, s) is the ascending list of
 * sample indices of subject index c and class index s (class 0 is neutral). Built once per
 * evaluation; all draws index into these lists, so they are independent of any map order.
 */
public final class SampleCells {
    private final int[][][] cells;
    private final int[][] bySubject;

    private SampleCells(int[][][] cells, int[][] bySubject) {
        this.cells = cells;
        this.bySubject = bySubject;
    }

    /** The cells of {@code pool}: the test split, or every sample. */
    public static SampleCells of(PreparedDataset data, SamplePool pool) {
        int[] samples = pool == SamplePool.TEST ? data.testIndices() : allIndices(data.sampleCount());
        return of(data, samples);
    }

    /** The cells of the given samples (ascending indices are kept ascending). */
    public static SampleCells of(PreparedDataset data, int[] samples) {
        int subjects = data.subjects().size();
        int classes = data.classNames().size();
        List<List<List<Integer>>> lists = new ArrayList<>();
        for (int c = 0; c < subjects; c++) {
            List<List<Integer>> row = new ArrayList<>();
            for (int s = 0; s < classes; s++) {
                row.add(new ArrayList<>());
            }
            lists.add(row);
        }
        for (int i : samples) {
            lists.get(data.subjectIndex(i)).get(data.classIndex(i)).add(i);
        }
        int[][][] cells = new int[subjects][classes][];
        int[][] bySubject = new int[subjects][];
        for (int c = 0; c < subjects; c++) {
            List<Integer> all = new ArrayList<>();
            for (int s = 0; s < classes; s++) {
                cells[c][s] = lists.get(c).get(s).stream().mapToInt(Integer::intValue).sorted().toArray();
                all.addAll(lists.get(c).get(s));
            }
            bySubject[c] = all.stream().mapToInt(Integer::intValue).sorted().toArray();
        }
        return new SampleCells(cells, bySubject);
    }

    public int subjectCount() {
        return cells.length;
    }

    public int classCount() {
        return cells.length == 0 ? 0 : cells[0].length;
    }

    /** Ascending sample indices of subject c and class s (shared array: do not modify). */
    public int[] cell(int subject, int expressionClass) {
        return cells[subject][expressionClass];
    }

    /** Ascending sample indices of subject c over all classes (shared array: do not modify). */
    public int[] subjectSamples(int subject) {
        return bySubject[subject];
    }

    /** Whether subject c has at least one sample of class s and at least one neutral. */
    public boolean hasNeutralAnd(int subject, int expressionClass) {
        return cells[subject][0].length > 0 && cells[subject][expressionClass].length > 0;
    }

    private static int[] allIndices(int n) {
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        return all;
    }
}
