-- A sweep's early stopping (sweep.early_stopping) ends a losing run as 'stopped_early' (RunStatus in the
-- names module): runs.status's CHECK, named by PostgreSQL after V1's inline constraint, takes it too.
ALTER TABLE runs DROP CONSTRAINT runs_status_check;
ALTER TABLE runs ADD CONSTRAINT runs_status_check
    CHECK (status IN ('queued', 'running', 'evaluating', 'succeeded', 'failed', 'cancelled', 'stopped_early'));
