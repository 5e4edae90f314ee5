package org.ftgan.definition;

import java.util.List;

/** How a problem shared by several runs names them: "(run r0003)", "(runs r0000, r0001, r0002 and 5 more)". */
final class RunKeys {
    private RunKeys() {
    }

    static String describe(List<String> runs) {
        return runs.size() == 1 ? "(run " + runs.get(0) + ")"
                : "(runs " + String.join(", ", runs.subList(0, Math.min(3, runs.size())))
                + (runs.size() > 3 ? " and " + (runs.size() - 3) + " more" : "") + ")";
    }
}
