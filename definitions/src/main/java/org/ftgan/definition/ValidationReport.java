package org.ftgan.definition;

import java.util.List;
import java.util.Optional;

/**
 * The outcome of validating one definition: every problem found, and the definition itself when
 * there were none.
 */
public record ValidationReport(String sourceName, List<Problem> problems, ExperimentDefinition definition) {
    public ValidationReport {
        problems = List.copyOf(problems);
        if (problems.isEmpty() == (definition == null)) {
            throw new IllegalArgumentException("a report has either problems or a definition");
        }
    }

    public boolean ok() {
        return problems.isEmpty();
    }

    public Optional<ExperimentDefinition> validDefinition() {
        return Optional.ofNullable(definition);
    }

    /** Each problem as {@code path: message}. */
    public List<String> lines() {
        return problems.stream().map(Problem::toString).toList();
    }
}
