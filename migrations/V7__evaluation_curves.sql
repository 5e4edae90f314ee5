-- Evaluation during training (evaluation.every_steps): one row per (run, evaluated step), the means
-- in millimetres on the run's fixed held-out subset. A metric without items is NULL. Written by the
-- training activity as the trainer reports each point; a retried attempt writes the same rows again
-- (training is deterministic), which the upsert leaves unchanged.
CREATE TABLE evaluation_curves (
    run_id      text             NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    step        bigint           NOT NULL CHECK (step > 0),
    e_rec       double precision,
    e_id_decomp double precision,
    e_neu       double precision,
    e_transfer  double precision,
    blendshape  double precision,
    triplets    integer          NOT NULL CHECK (triplets >= 0),
    seconds     double precision NOT NULL CHECK (seconds >= 0),
    recorded_at timestamptz      NOT NULL DEFAULT now(),
    PRIMARY KEY (run_id, step)
);

-- The API's caches drop a run's answers when its evaluation curve changes (see V4).
CREATE TRIGGER evaluation_curves_inserted_notify AFTER INSERT ON evaluation_curves REFERENCING NEW TABLE AS changed_rows
    FOR EACH STATEMENT EXECUTE FUNCTION notify_records_changed('run_id');
CREATE TRIGGER evaluation_curves_updated_notify AFTER UPDATE ON evaluation_curves REFERENCING NEW TABLE AS changed_rows
    FOR EACH STATEMENT EXECUTE FUNCTION notify_records_changed('run_id');
CREATE TRIGGER evaluation_curves_deleted_notify AFTER DELETE ON evaluation_curves REFERENCING OLD TABLE AS changed_rows
    FOR EACH STATEMENT EXECUTE FUNCTION notify_records_changed('run_id');
CREATE TRIGGER evaluation_curves_truncated_notify AFTER TRUNCATE ON evaluation_curves
    FOR EACH STATEMENT EXECUTE FUNCTION notify_records_truncated();
