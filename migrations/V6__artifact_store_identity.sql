-- The one artifact store of this platform. Workers record paths relative to the store, so every
-- worker must see the same tree: the first worker to start records the identity found in (or
-- written to) its store's root, and every later worker must find the same identity in its own
-- store or refuse to start. One row at most.

CREATE TABLE artifact_store (
    singleton     boolean     PRIMARY KEY DEFAULT true CHECK (singleton),
    store_id      text        NOT NULL CHECK (store_id <> ''),
    root          text        NOT NULL,
    registered_by text        NOT NULL,
    registered_at timestamptz NOT NULL DEFAULT now()
);
