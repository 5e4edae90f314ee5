package org.ftgan.api;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.Set;
import org.ftgan.records.ApiTokenRecords;

/**
 * Runs before every matched route: refuses bodies over {@link #MAX_BODY_BYTES} by their declared
 * length (the submit handler also counts what it reads, for bodies sent without one), and requires
 * {@code Authorization: Bearer <token>} for every write, and for reads too when
 * {@link ApiContext#readsNeedToken()}. Health, readiness and the OpenAPI document stay open so that
 * orchestrators and clients can probe the server without a token. Validating a definition is a POST
 * that changes nothing, so it is guarded like a read. Inference POSTs (uploaded meshes) need a token
 * like writes and may carry bodies up to {@link InferenceRoutes#MAX_BODY_BYTES}.
 */
final class AccessGuard {
    /** The largest request body accepted: a definition is a few kilobytes. */
    static final long MAX_BODY_BYTES = 1L << 20;
    /** Where the caller's token name is kept on the request once checked. */
    static final String TOKEN_NAME = "ftgan.token-name";

    private static final Set<String> ALWAYS_OPEN = Set.of("/api/health", "/api/ready", "/openapi.json");
    private static final Set<HandlerType> READS = Set.of(HandlerType.GET, HandlerType.HEAD, HandlerType.OPTIONS);

    private final ApiTokenRecords tokens;
    private final boolean readsNeedToken;

    AccessGuard(ApiTokenRecords tokens, boolean readsNeedToken) {
        this.tokens = tokens;
        this.readsNeedToken = readsNeedToken;
    }

    void register(RoutesConfig routes) {
        routes.beforeMatched(this::check);
    }

    void check(Context ctx) {
        long declared = ctx.req().getContentLengthLong();
        boolean inference = InferenceRoutes.isInference(ctx);
        if (declared > (inference ? InferenceRoutes.MAX_BODY_BYTES : MAX_BODY_BYTES)) {
            throw inference ? new ApiError(413, "payload_too_large", "request body is larger than the limit of "
                    + InferenceRoutes.MAX_BODY_BYTES + " bytes (64 MiB) of an inference request") : tooLarge();
        }
        boolean read = !isWrite(ctx);
        if (read && (!readsNeedToken || ALWAYS_OPEN.contains(ctx.path()))) {
            return;
        }
        String header = ctx.header("Authorization");
        if (header == null || header.isBlank()) {
            throw new ApiError(401, "unauthorized", (read ? "reads" : "writes")
                    + " need an 'Authorization: Bearer <token>' header; create a token with `ftgan token create --name NAME`");
        }
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7) || header.substring(7).isBlank()) {
            throw new ApiError(401, "unauthorized", "the Authorization header must be 'Bearer <token>'");
        }
        ApiTokenRecords.Verdict verdict = tokens.check(header.substring(7).trim());
        switch (verdict.check()) {
            case UNKNOWN -> throw new ApiError(401, "unauthorized", "unknown token");
            case REVOKED -> throw new ApiError(403, "forbidden", "token '" + verdict.name() + "' has been revoked");
            case VALID -> ctx.attribute(TOKEN_NAME, verdict.name());
        }
    }

    /**
     * Whether the request may change records, and so needs a token: any method but GET, HEAD and
     * OPTIONS, except validating a definition. An inference POST changes no record, but it carries
     * uploads of up to 64 MiB and costs the server a model's forward passes: it needs a token too.
     */
    static boolean isWrite(Context ctx) {
        return !READS.contains(ctx.method()) && !SubmissionRoutes.VALIDATE_PATH.equals(ctx.path());
    }

    static ApiError tooLarge() {
        return new ApiError(413, "payload_too_large", "request body is larger than the limit of " + MAX_BODY_BYTES
                + " bytes (1 MiB)");
    }
}
