package org.ftgan.definition;

/** A definition that does not validate; the message lists every problem, one per line, prefixed by the source name. */
public final class InvalidDefinitionException extends IllegalArgumentException {
    private final transient ValidationReport report;

    public InvalidDefinitionException(ValidationReport report) {
        super(String.join("\n", report.lines().stream().map(l -> report.sourceName() + ": " + l).toList()));
        this.report = report;
    }

    public ValidationReport report() {
        return report;
    }
}
