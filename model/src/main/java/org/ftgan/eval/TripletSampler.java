package org.ftgan.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Draws the (c, c', s) triplets of Eq. 13 and 14 from existing samples only. Each draw, with
 * replacement: s uniformly among the non-neutral classes that have at least two eligible subjects
 * (a subject is eligible for s when it has a neutral and an s sample in the pool), then c uniformly
 * among the eligible subjects of s, then c' uniformly among the others; each of the four meshes is
 * then a uniform pick from its (subject, class) cell (CoMA has many frames and neutrals per cell).
 * Drawing s first keeps the per-expression counts balanced for the per-expression table.
 */
public final class TripletSampler {
    private TripletSampler() {
    }

    /** {@code n} triplets; an empty list when no class has two eligible subjects. */
    public static List<Triplet> draw(SampleCells cells, int n, SplittableRandom random) {
        if (n < 0) {
            throw new IllegalArgumentException("triplet count must be >= 0, got " + n);
        }
        List<Integer> classes = new ArrayList<>();
        List<int[]> eligible = new ArrayList<>();
        for (int s = 1; s < cells.classCount(); s++) {
            List<Integer> subjects = new ArrayList<>();
            for (int c = 0; c < cells.subjectCount(); c++) {
                if (cells.hasNeutralAnd(c, s)) {
                    subjects.add(c);
                }
            }
            if (subjects.size() >= 2) {
                classes.add(s);
                eligible.add(subjects.stream().mapToInt(Integer::intValue).toArray());
            }
        }
        List<Triplet> out = new ArrayList<>(classes.isEmpty() ? 0 : n);
        if (classes.isEmpty()) {
            return out;
        }
        for (int k = 0; k < n; k++) {
            int pick = random.nextInt(classes.size());
            int s = classes.get(pick);
            int[] subjects = eligible.get(pick);
            int ci = random.nextInt(subjects.length);
            int oi = random.nextInt(subjects.length - 1);
            if (oi >= ci) {
                oi++;
            }
            int c = subjects[ci];
            int o = subjects[oi];
            out.add(new Triplet(s, c, o, pickFrom(cells.cell(c, 0), random), pickFrom(cells.cell(c, s), random),
                    pickFrom(cells.cell(o, 0), random), pickFrom(cells.cell(o, s), random)));
        }
        return out;
    }

    private static int pickFrom(int[] cell, SplittableRandom random) {
        return cell[random.nextInt(cell.length)];
    }
}
