-- Bearer tokens of the HTTP API. Only the SHA-256 of a token is stored: the token itself is shown
-- once, when it is created. A revoked token stays (its name cannot be reused) so that a request
-- with it is told it was revoked rather than that it is unknown.

CREATE TABLE api_tokens (
    id            bigserial PRIMARY KEY,
    name          text        NOT NULL UNIQUE CHECK (name <> ''),
    token_sha256  text        NOT NULL UNIQUE CHECK (length(token_sha256) = 64),
    created_at    timestamptz NOT NULL DEFAULT now(),
    last_used_at  timestamptz,
    revoked_at    timestamptz
);
