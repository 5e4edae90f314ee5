-- Indexes for the HTTP API's run lists: keyset pages on (created_at, id), within one experiment or
-- across all, read straight off an index instead of sorting every matching run per page.
CREATE INDEX runs_experiment_created_id_idx ON runs (experiment_id, created_at, id);
CREATE INDEX runs_created_id_idx ON runs (created_at, id);
