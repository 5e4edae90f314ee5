package org.ftgan.topology;

/** A hierarchy cache file that cannot be used; the message says why (shown in the rebuild warning). */
final class HierarchyFileException extends Exception {
    HierarchyFileException(String reason) {
        super(reason);
    }
}
