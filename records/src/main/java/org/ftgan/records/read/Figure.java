package org.ftgan.records.read;

/** One evaluation result: mean, standard deviation and median over {@code n} items (null where SQL NULL). */
public record Figure(Double mean, Double std, Double median, int n) {
}
