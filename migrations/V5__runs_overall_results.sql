-- Each run's overall FaceTuneGAN figures (results rows with method 'facetunegan' and no
-- expression) copied onto the run's row, for lists that sort, filter or group runs by one: read
-- with the run instead of one lookup into results per run (1,000 lookups, 5-8 ms, to sort an
-- experiment of 1,000 runs). results stays the record; a trigger keeps the copies equal to it,
-- whoever writes results and however.

ALTER TABLE runs
    ADD COLUMN result_e_rec        double precision,
    ADD COLUMN result_e_id_decomp  double precision,
    ADD COLUMN result_e_neu        double precision,
    ADD COLUMN result_e_transfer   double precision;

-- Sets the copies of the given runs from results (NULL where a figure is missing).
CREATE FUNCTION copy_overall_results_of(run_ids text[]) RETURNS void LANGUAGE sql AS $$
    UPDATE runs r SET
        result_e_rec = (SELECT x.mean FROM results x WHERE x.run_id = r.id AND x.metric = 'e_rec'
                        AND x.method = 'facetunegan' AND x.expression = ''),
        result_e_id_decomp = (SELECT x.mean FROM results x WHERE x.run_id = r.id AND x.metric = 'e_id_decomp'
                              AND x.method = 'facetunegan' AND x.expression = ''),
        result_e_neu = (SELECT x.mean FROM results x WHERE x.run_id = r.id AND x.metric = 'e_neu'
                        AND x.method = 'facetunegan' AND x.expression = ''),
        result_e_transfer = (SELECT x.mean FROM results x WHERE x.run_id = r.id AND x.metric = 'e_transfer'
                             AND x.method = 'facetunegan' AND x.expression = '')
    WHERE r.id = ANY (run_ids);
$$;

-- Inserted or deleted rows matter only if they are overall FaceTuneGAN figures; an UPDATE may have
-- made a row one or unmade it (TG_ARGV[0] 'any'), so every run it touched is copied again.
CREATE FUNCTION copy_overall_results() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM copy_overall_results_of(ARRAY(SELECT DISTINCT c.run_id FROM changed_rows c
        WHERE TG_ARGV[0] = 'any' OR (c.method = 'facetunegan' AND c.expression = '')));
    RETURN NULL;
END
$$;

CREATE TRIGGER results_inserted_copy AFTER INSERT ON results REFERENCING NEW TABLE AS changed_rows
    FOR EACH STATEMENT EXECUTE FUNCTION copy_overall_results('overall');
CREATE TRIGGER results_updated_copy AFTER UPDATE ON results REFERENCING NEW TABLE AS changed_rows
    FOR EACH STATEMENT EXECUTE FUNCTION copy_overall_results('any');
CREATE TRIGGER results_deleted_copy AFTER DELETE ON results REFERENCING OLD TABLE AS changed_rows
    FOR EACH STATEMENT EXECUTE FUNCTION copy_overall_results('overall');

CREATE FUNCTION clear_overall_results() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE runs SET result_e_rec = NULL, result_e_id_decomp = NULL, result_e_neu = NULL, result_e_transfer = NULL
    WHERE result_e_rec IS NOT NULL OR result_e_id_decomp IS NOT NULL OR result_e_neu IS NOT NULL
       OR result_e_transfer IS NOT NULL;
    RETURN NULL;
END
$$;

CREATE TRIGGER results_truncated_copy AFTER TRUNCATE ON results
    FOR EACH STATEMENT EXECUTE FUNCTION clear_overall_results();

-- the figures stored before this migration
SELECT copy_overall_results_of(ARRAY(SELECT DISTINCT run_id FROM results WHERE method = 'facetunegan' AND expression = ''));
