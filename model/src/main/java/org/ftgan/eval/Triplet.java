package org.ftgan.eval;

/**
 * One drawn (c, c', s) of Eq. 13 and 14, with the concrete samples (indices into the prepared
 * dataset) that stand for each mesh.
 *
 * @param expression       class index of s (never 0, neutral)
 * @param subject          subject index of c
 * @param otherSubject     subject index of c' (never c)
 * @param subjectNeutral   x_c,neutral
 * @param subjectExpressive x_c,s
 * @param otherNeutral     x_c',neutral
 * @param otherExpressive  x_c',s
 */
public record Triplet(int expression, int subject, int otherSubject, int subjectNeutral, int subjectExpressive,
                      int otherNeutral, int otherExpressive) {
}
