package org.ftgan.api.cache;

/**
 * An answer as kept: its entity tag (a digest of the body, so equal bodies have equal tags
 * whenever they were read) and the {@link ReadCache} clock reading taken before it was read.
 */
public record CachedAnswer(Answer answer, String etag, long stamp) {
    /** Bytes it occupies, roughly, for the cache's size bound. */
    int weight(String key) {
        return answer.body().length + 2 * key.length() + 256;
    }
}
