package org.ftgan.records.read;

/**
 * Where a keyset page ends: the last row's sort value as PostgreSQL prints it (so that it casts
 * back exactly) and its id. The next page starts after it.
 */
public record Position(String value, String id) {
}
