-- Every committed change to what the HTTP API reads sends NOTIFY ftgan_records_changed with the id
-- of the experiment it touched ('*' after a TRUNCATE: anything may have changed). The API listens
-- and drops the cached answers of that experiment only (see org.ftgan.records.RecordChanges), so
-- it can answer repeated reads from memory without ever serving a change it has been told about.
-- PostgreSQL sends a notification at commit, never for a rolled-back transaction, and folds the
-- same experiment named twice in one transaction into one notification.
--
-- Statement-level triggers with transition tables: a bulk insert of a million curve points
-- notifies each of its experiments once, not once per row. A trigger with transition tables can
-- have only one event, hence three per table.

CREATE FUNCTION notify_records_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- TG_ARGV[0]: the column of a changed row that leads to its experiment
    IF TG_ARGV[0] = 'run_id' THEN
        PERFORM pg_notify('ftgan_records_changed', e.experiment_id)
            FROM (SELECT DISTINCT r.experiment_id FROM changed_rows c JOIN runs r ON r.id = c.run_id) e;
    ELSIF TG_ARGV[0] = 'experiment_id' THEN
        PERFORM pg_notify('ftgan_records_changed', e.experiment_id)
            FROM (SELECT DISTINCT experiment_id FROM changed_rows) e;
    ELSE
        PERFORM pg_notify('ftgan_records_changed', e.id)
            FROM (SELECT DISTINCT id FROM changed_rows) e;
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
    FOR t IN SELECT * FROM (VALUES ('experiments', 'id'), ('runs', 'experiment_id'), ('artifacts', 'experiment_id'),
            ('events', 'experiment_id'), ('curves', 'run_id'), ('results', 'run_id')) AS v (tbl, via) LOOP
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
