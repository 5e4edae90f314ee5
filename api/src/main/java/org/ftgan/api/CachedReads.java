package org.ftgan.api;

import io.javalin.http.Context;
import java.util.function.Supplier;
import org.ftgan.api.cache.Answer;
import org.ftgan.api.cache.CachedAnswer;
import org.ftgan.api.cache.ReadCache;

/**
 * Sends a read's answer through the {@link ReadCache}: from memory while fresh, else read now. Every
 * answer carries an {@code ETag}, and a request whose {@code If-None-Match} names it gets 304 with
 * no body ({@code Cache-Control: no-cache}: browsers keep the body and ask again each time).
 * {@code X-Cache: hit|miss} says where the answer came from. Errors are never kept.
 */
final class CachedReads {
    private final ReadCache cache;

    CachedReads(ReadCache cache) {
        this.cache = cache;
    }

    void send(Context ctx, Supplier<Answer> read) {
        // the path and the query string as sent: the same page asked the same way is the same entry
        String query = ctx.queryString();
        String key = query == null || query.isEmpty() ? ctx.path() : ctx.path() + "?" + query;
        CachedAnswer answer = cache.lookup(key);
        boolean hit = answer != null;
        if (!hit) {
            answer = cache.read(key, read);
        }
        ctx.header("X-Cache", hit ? "hit" : "miss");
        ctx.header("ETag", answer.etag());
        ctx.header("Cache-Control", "no-cache");
        if (matches(ctx.header("If-None-Match"), answer.etag())) {
            ctx.status(304);
            return;
        }
        ctx.status(200).contentType(answer.answer().contentType()).result(answer.answer().body());
    }

    /** If-None-Match: "*" or a comma-separated list of tags, weak ones (W/"...") compared by their opaque part. */
    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String tag : ifNoneMatch.split(",")) {
            String t = tag.trim();
            if (t.equals("*") || t.equals(etag) || (t.startsWith("W/") && t.substring(2).equals(etag))) {
                return true;
            }
        }
        return false;
    }
}
