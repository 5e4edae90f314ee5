package org.ftgan.data;

import java.io.IOException;
import java.util.List;

/**
 * Source data that cannot be prepared (or a prepared dataset that cannot be read), with every
 * problem found. The message lists the first problems; {@link #problems()} has all of them.
 */
public final class DatasetException extends IOException {
    private static final int LISTED_IN_MESSAGE = 25;

    private final List<String> problems;

    public DatasetException(String headline, List<String> problems) {
        super(message(headline, problems));
        this.problems = List.copyOf(problems);
    }

    public DatasetException(String message) {
        super(message);
        this.problems = List.of(message);
    }

    /** Every problem, one line each (for example "subj/expr/expr.000012.ply: 5022 vertices, template has 5023"). */
    public List<String> problems() {
        return problems;
    }

    private static String message(String headline, List<String> problems) {
        StringBuilder sb = new StringBuilder(headline);
        int shown = Math.min(problems.size(), LISTED_IN_MESSAGE);
        for (int i = 0; i < shown; i++) {
            sb.append("\n  ").append(problems.get(i));
        }
        if (problems.size() > shown) {
            sb.append("\n  ... and ").append(problems.size() - shown).append(" more (")
                    .append(problems.size()).append(" problems in total)");
        }
        return sb.toString();
    }
}
