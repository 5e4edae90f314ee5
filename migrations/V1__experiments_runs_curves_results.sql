-- Records of the FaceTuneGAN platform: experiments, their runs, training curves, evaluation
-- results, artifacts and the history of status changes. Every table has a natural key so that a
-- retried Temporal activity upserts instead of adding a second row.

CREATE TABLE experiments (
    id              text PRIMARY KEY,
    name            text        NOT NULL,
    description     text        NOT NULL DEFAULT '',
    tags            text[]      NOT NULL DEFAULT '{}',
    definition      jsonb       NOT NULL,
    definition_yaml text        NOT NULL,
    definition_hash text        NOT NULL,
    status          text        NOT NULL DEFAULT 'submitted'
        CHECK (status IN ('submitted', 'preparing', 'running', 'succeeded', 'failed', 'cancelled')),
    submitter       text        NOT NULL DEFAULT '',
    run_count       integer     NOT NULL DEFAULT 0 CHECK (run_count >= 0),
    dataset_hash    text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    started_at      timestamptz,
    finished_at     timestamptz,
    updated_at      timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX experiments_status_created_idx ON experiments (status, created_at DESC);
CREATE INDEX experiments_created_idx ON experiments (created_at DESC);
CREATE INDEX experiments_tags_idx ON experiments USING gin (tags);

CREATE TABLE runs (
    id              text PRIMARY KEY,
    experiment_id   text        NOT NULL REFERENCES experiments (id) ON DELETE CASCADE,
    run_index       integer     NOT NULL CHECK (run_index >= 0),
    run_key         text        NOT NULL,
    config          jsonb       NOT NULL,
    overrides       jsonb       NOT NULL DEFAULT '{}',
    config_hash     text        NOT NULL,
    definition_hash text        NOT NULL,
    dataset_hash    text,
    code_version    text        NOT NULL DEFAULT '',
    seed            bigint      NOT NULL,
    status          text        NOT NULL DEFAULT 'queued'
        CHECK (status IN ('queued', 'running', 'evaluating', 'succeeded', 'failed', 'cancelled')),
    attempt         integer     NOT NULL DEFAULT 0 CHECK (attempt >= 0),
    worker          text,
    last_step       bigint,
    total_steps     bigint,
    last_checkpoint text,
    failure_reason  text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    started_at      timestamptz,
    finished_at     timestamptz,
    updated_at      timestamptz NOT NULL DEFAULT now(),
    UNIQUE (experiment_id, run_index)
);

CREATE INDEX runs_experiment_status_idx ON runs (experiment_id, status);
CREATE INDEX runs_status_updated_idx ON runs (status, updated_at DESC);
CREATE INDEX runs_config_idx ON runs USING gin (config);
CREATE INDEX runs_config_hash_idx ON runs (config_hash);

-- The primary key (run_id, step) is the index for a run's curve in step order.
CREATE TABLE curves (
    run_id      text             NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    step        bigint           NOT NULL CHECK (step >= 0),
    epoch       integer          NOT NULL CHECK (epoch >= 0),
    samples_per_s double precision,
    elapsed_s   double precision,
    l_rec       double precision,
    l_cycle     double precision,
    l_srec      double precision,
    l_adv       double precision,
    l_feat      double precision,
    l_lap       double precision,
    l_g         double precision,
    d_real      double precision,
    d_fake      double precision,
    r1          double precision,
    l_d         double precision,
    recorded_at timestamptz      NOT NULL DEFAULT now(),
    PRIMARY KEY (run_id, step)
);

CREATE TABLE results (
    run_id     text             NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    metric     text             NOT NULL CHECK (metric IN ('e_rec', 'e_id_decomp', 'e_neu', 'e_transfer')),
    method     text             NOT NULL CHECK (method IN ('facetunegan', 'blendshape')),
    expression text             NOT NULL DEFAULT '',
    mean       double precision NOT NULL,
    std        double precision NOT NULL,
    median     double precision NOT NULL,
    n          integer          NOT NULL CHECK (n >= 0),
    PRIMARY KEY (run_id, metric, method, expression)
);

-- Comparing methods across runs: one metric/method/expression over many runs.
CREATE INDEX results_metric_method_expression_idx ON results (metric, method, expression);

CREATE TABLE artifacts (
    id            bigserial PRIMARY KEY,
    experiment_id text        NOT NULL REFERENCES experiments (id) ON DELETE CASCADE,
    run_id        text        REFERENCES runs (id) ON DELETE CASCADE,
    kind          text        NOT NULL CHECK (kind IN ('checkpoint', 'error_map', 'evaluation', 'dataset', 'report')),
    path          text        NOT NULL,
    sha256        text        NOT NULL,
    size_bytes    bigint      NOT NULL CHECK (size_bytes >= 0),
    created_at    timestamptz NOT NULL DEFAULT now(),
    UNIQUE (kind, path)
);

CREATE INDEX artifacts_run_idx ON artifacts (run_id);
CREATE INDEX artifacts_experiment_idx ON artifacts (experiment_id);

CREATE TABLE events (
    id            bigserial PRIMARY KEY,
    experiment_id text        NOT NULL REFERENCES experiments (id) ON DELETE CASCADE,
    run_id        text        REFERENCES runs (id) ON DELETE CASCADE,
    status        text        NOT NULL,
    reason        text,
    attempt       integer,
    worker        text,
    created_at    timestamptz NOT NULL DEFAULT now(),
    dedupe_key    text        NOT NULL UNIQUE
);

CREATE INDEX events_run_idx ON events (run_id, id);
CREATE INDEX events_experiment_idx ON events (experiment_id, id);
