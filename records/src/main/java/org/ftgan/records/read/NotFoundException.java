package org.ftgan.records.read;

import java.util.List;

/** What a read names does not exist: one sentence per missing thing ("no run with id 'x'"). */
public final class NotFoundException extends RuntimeException {
    private final List<String> details;

    public NotFoundException(List<String> details) {
        super(String.join("; ", details));
        this.details = List.copyOf(details);
    }

    public NotFoundException(String detail) {
        this(List.of(detail));
    }

    /** Of an experiment that does not exist. */
    static NotFoundException experiment(String id) {
        return new NotFoundException("no experiment with id '" + id + "'");
    }

    /** Of a run that does not exist. */
    static NotFoundException run(String id) {
        return new NotFoundException("no run with id '" + id + "'");
    }

    public List<String> details() {
        return details;
    }
}
