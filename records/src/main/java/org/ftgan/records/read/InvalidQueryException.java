package org.ftgan.records.read;

/**
 * A read was asked for something it cannot answer: an unknown sort or metric, a filter or key of
 * the wrong shape or that no run has, a page position that does not read back. Names the field
 * (the request parameter it came from, such as {@code sort}, {@code where}, {@code cursor}); the
 * message starts with it: {@code "sort: 'x' is not one of [...]"}.
 */
public final class InvalidQueryException extends RuntimeException {
    private final String field;

    public InvalidQueryException(String field, String explanation) {
        super(field + ": " + explanation);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
