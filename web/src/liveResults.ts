// An experiment's runs table kept live: loaded once from GET .../results-table, then patched in place
// from the experiment's "run" events; a run that finishes brings its figures by reloading the table,
// keeping every unchanged row's object so the table redraws only the rows that moved.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiFailure, type ResultsTable, type RunStatus } from './api';
import { TERMINAL_RUN_STATUSES } from './generated/names';
import { keepUnchanged, patchRow, toRow, type RunRow } from './runColumns';

export interface LiveResults {
  table: ResultsTable | undefined;
  rows: RunRow[];
  error: ApiFailure | undefined;
  /** Applies one "run" event of the experiment's stream. */
  onRunEvent: (e: { id: string; status?: RunStatus; last_step?: number | null; total_steps?: number | null }) => void;
  /** Loads the table again soon (several calls within the delay make one request). */
  reloadSoon: () => void;
}

const RELOAD_DELAY_MS = 1500;

export function useLiveResults(experimentId: string): LiveResults {
  const [table, setTable] = useState<ResultsTable>();
  const [rows, setRows] = useState<RunRow[]>([]);
  const [error, setError] = useState<ApiFailure>();
  const byId = useRef(new Map<string, RunRow>());
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const commit = (next: RunRow[]) => {
    byId.current = new Map(next.map((r) => [r.id, r]));
    setRows(next);
  };

  const load = useCallback(() => {
    api.resultsTable(experimentId).then(
      (t) => {
        setTable(t);
        setError(undefined);
        commit(keepUnchanged(t.runs.map(toRow), byId.current));
      },
      (e) => setError(e instanceof ApiFailure ? e : new ApiFailure(0, 'client_error', [String(e)])),
    );
  }, [experimentId]);

  useEffect(() => {
    byId.current = new Map();
    setTable(undefined);
    setRows([]);
    load();
    return () => clearTimeout(timer.current);
  }, [load]);

  const reloadSoon = useCallback(() => {
    clearTimeout(timer.current);
    timer.current = setTimeout(load, RELOAD_DELAY_MS);
  }, [load]);

  const onRunEvent = useCallback<LiveResults['onRunEvent']>((e) => {
    const old = byId.current.get(e.id);
    if (!old) return reloadSoon(); // the table is still loading, or the run is new to it: fetch it
    const patched = patchRow(old, e);
    if (patched !== old) {
      byId.current.set(e.id, patched);
      setRows((rs) => rs.map((r) => (r.id === e.id ? patched : r)));
    }
    if (e.status && TERMINAL_RUN_STATUSES.includes(e.status)) reloadSoon();
  }, [reloadSoon]);

  return { table, rows, error, onRunEvent, reloadSoon };
}
