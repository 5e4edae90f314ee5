-- Every committed change to what the HTTP API reads sends NOTIFY ftgan_records_changed naming what
-- it touched: '<experiment id>/<run id>' for a run's row, curve, results, events or artifacts,
-- '<experiment id>' for the experiment's own row and its run-less events and artifacts, '*' after a
-- TRUNCATE (anything may have changed). Ids are slugs, without '/'. The API listens and drops the
-- cached answers that depend on what changed (see org.ftgan.records.RecordChanges), so it can
-- answer repeated reads from memory without ever serving a change it has been told about.
-- PostgreSQL sends a notification at commit, never for a rolled-back transaction, and folds the
-- same experiment named twice in one transaction into one notification.
--
-- Statement-level triggers with transition tables: a bulk insert of a million curve points
-- notifies each of its experiments once, not once per row. A trigger with transition tables can
-- have only one event, hence three per table.

CREATE FUNCTION notify_records_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- TG_ARGV[0]: how a changed row leads to its experiment and run
    IF TG_ARGV[0] = 'experiment' THEN
        PERFORM pg_notify('ftgan_records_changed', p.payload)
            FROM (SELECT DISTINCT id AS payload FROM changed_rows) p;
    ELSIF TG_ARGV[0] = 'run' THEN
        PERFORM pg_notify('ftgan_records_changed', p.payload)
            FROM (SELECT DISTINCT experiment_id || '/' || id AS payload FROM changed_rows) p;
    ELSIF TG_ARGV[0] = 'run_id' THEN
        PERFORM pg_notify('ftgan_records_changed', p.payload)
            FROM (SELECT DISTINCT r.experiment_id || '/' || r.id AS payload
                  FROM changed_rows c JOIN runs r ON r.id = c.run_id) p;
    ELSE
        -- events and artifacts: of a run, or of the experiment as a whole (run_id NULL)
        PERFORM pg_notify('ftgan_records_changed', p.payload)
            FROM (SELECT DISTINCT experiment_id || coalesce('/' || run_id, '') AS payload FROM changed_rows) p;
    END IF;
    RETURN NULL;
END
$$;

CREATE FUNCTION notify_records_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('ftgan_records_changed', '*');
    RETURN NULL;
END
$$;

DO $$
DECLARE
    t record;
BEGIN
    FOR t IN SELECT * FROM (VALUES ('experiments', 'experiment'), ('runs', 'run'), ('artifacts', 'experiment_run'),
            ('events', 'experiment_run'), ('curves', 'run_id'), ('results', 'run_id')) AS v (tbl, via) LOOP
        EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS changed_rows'
            ' FOR EACH STATEMENT EXECUTE FUNCTION notify_records_changed(%L)', t.tbl || '_inserted_notify', t.tbl, t.via);
        EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING NEW TABLE AS changed_rows'
            ' FOR EACH STATEMENT EXECUTE FUNCTION notify_records_changed(%L)', t.tbl || '_updated_notify', t.tbl, t.via);
        EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS changed_rows'
            ' FOR EACH STATEMENT EXECUTE FUNCTION notify_records_changed(%L)', t.tbl || '_deleted_notify', t.tbl, t.via);
        EXECUTE format('CREATE TRIGGER %I AFTER TRUNCATE ON %I'
            ' FOR EACH STATEMENT EXECUTE FUNCTION notify_records_truncated()', t.tbl || '_truncated_notify', t.tbl);
    END LOOP;
END
$$;
