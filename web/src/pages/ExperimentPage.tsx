// One experiment: its head (state, definition, events, actions), the runs table with every swept key
// and figure, parallel coordinates whose brush filters the table, a scatter of any two columns, and
// runs grouped by config keys; for a sweep with early stopping, its rungs, best-so-far line and steps
// saved. Every choice on the page lives in the URL.
import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import { useLocation, useRoute } from 'preact-iso';
import { api, followExperiment, type Counts, type ExperimentStatus } from '../api';
import { useApi } from '../data';
import { TERMINAL_EXPERIMENT_STATUSES, TERMINAL_RUN_STATUSES } from '../generated/names';
import { useLiveResults } from '../liveResults';
import { columnsOf, metricTitle, plottable, type RunColumn } from '../runColumns';
import { useUrlList, useUrlParam, useUrlUpdate } from '../url';
import { ColumnChooser } from '../components/ColumnChooser';
import { EarlyStopping } from '../components/EarlyStopping';
import { ErrorBox } from '../components/ErrorBox';
import { ExperimentActions } from '../components/ExperimentActions';
import { ExperimentHead } from '../components/ExperimentHead';
import { GroupByTable } from '../components/GroupByTable';
import { formatBrush, insideBrush, ParallelCoordinates, parseBrush, type Brush } from '../components/ParallelCoordinates';
import { RunScatter } from '../components/RunScatter';
import { RunsTable, type TableState } from '../components/RunsTable';

const FILTER_PREFIX = 'f.';
const MAX_COMPARE = 10;

export default function ExperimentPage() {
  const { params } = useRoute();
  const id = params.id;
  const { query } = useLocation();
  const detail = useApi(() => api.experiment(id), [id]);
  const results = useLiveResults(id);
  const [live, setLive] = useState<{ status: ExperimentStatus; counts: Counts }>();

  useEffect(() => {
    setLive(undefined);
    return followExperiment(id, (type, data) => {
      if (type === 'experiment') setLive({ status: data.status, counts: data.runs });
      else if (type === 'run') results.onRunEvent(data);
      else if (type === 'end') {
        detail.reload();
        results.reloadSoon();
      }
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id]);

  const [hidden, setHidden] = useUrlList('hide');
  const [selected, setSelected] = useUrlList('sel');
  const [by, setBy] = useUrlList('by');
  const [groupMetric, setGroupMetric] = useUrlParam('gmetric', 'e_transfer');
  const [parallelMetric, setParallelMetric] = useUrlParam('pmetric', 'e_transfer');
  const [brushText, setBrushText] = useUrlParam('brush');
  const [xField, setX] = useUrlParam('x');
  const [yField, setY] = useUrlParam('y', 'e_transfer');
  const update = useUrlUpdate();
  const [shown, setShown] = useState<number>();

  const table = results.table;
  const rows = results.rows;
  // columns follow the answer's keys and figures; live patches change values only
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const columns = useMemo(() => (table ? columnsOf(table, rows) : []), [table]);
  const configColumns = useMemo(() => columns.filter((c) => c.kind === 'config'), [columns]);
  const metricColumns = useMemo(() => columns.filter((c) => c.kind === 'metric'), [columns]);
  const axes = useMemo<RunColumn[]>(
    () => [...configColumns, ...metricColumns.filter((c) => c.field === parallelMetric)],
    [configColumns, metricColumns, parallelMetric],
  );
  const brush = useMemo(() => parseBrush(brushText), [brushText]);
  const brushed = useMemo(() => insideBrush(rows, axes, brush), [rows, axes, brush]);
  const onBrush = useCallback((b: Brush) => setBrushText(formatBrush(b)), [setBrushText]);

  const initial = useMemo<TableState>(() => {
    const [field, dir] = (query.sort ?? '').split(':');
    const filters: Record<string, string> = {};
    for (const [k, v] of Object.entries(query)) if (k.startsWith(FILTER_PREFIX) && v) filters[k.slice(FILTER_PREFIX.length)] = v;
    return { sort: field ? { field, dir: dir === 'desc' ? 'desc' : 'asc' } : null, filters };
    // the table reads its starting state once; afterwards it writes the URL
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id]);

  const onTableState = useCallback((s: TableState) => {
    const changes: Record<string, string | null> = { sort: s.sort ? `${s.sort.field}:${s.sort.dir}` : null };
    for (const k of new URLSearchParams(location.search).keys()) if (k.startsWith(FILTER_PREFIX)) changes[k] = null;
    for (const [field, value] of Object.entries(s.filters)) changes[FILTER_PREFIX + field] = value;
    const current = new URLSearchParams(location.search);
    if (Object.entries(changes).some(([k, v]) => (current.get(k) ?? null) !== (v || null))) update(changes);
  }, [update]);

  if (detail.error) return <ErrorBox error={detail.error} what={`load experiment ${id}`} />;
  if (!detail.value) return <div class="loading page-loading">Loading experiment…</div>;
  const e = detail.value;
  const status = live?.status ?? e.status;
  const counts = live?.counts ?? e.runs_by_status;
  const finished = TERMINAL_RUN_STATUSES.reduce((n, s) => n + (counts[s] ?? 0), 0);

  const chartColumns = plottable(columns);
  const x = chartColumns.find((c) => c.field === xField) ?? configColumns[0] ?? chartColumns.find((c) => c.field === 'progress');
  const y = chartColumns.find((c) => c.field === yField) ?? metricColumns[0];
  const compareOk = selected.length >= 2 && selected.length <= MAX_COMPARE;

  return (
    <div class="experiment-page">
      <ExperimentHead experiment={e} status={status} counts={counts}
        actions={<ExperimentActions experiment={e} status={status} failed={counts.failed} onChanged={() => { detail.reload(); results.reloadSoon(); }} />} />

      <section aria-labelledby="runs-title">
        <h2 id="runs-title">Runs</h2>
        {results.error && <ErrorBox error={results.error} what="load the runs table" />}
        <div class="toolbar runs-toolbar">
          <span class="run-count" aria-live="polite">
            {table ? `${rows.length.toLocaleString('en-US')} runs` : 'Loading runs…'}
            {table && shown !== undefined && shown !== rows.length ? ` · ${shown.toLocaleString('en-US')} shown` : ''}
          </span>
          {brushed && (
            <button type="button" onClick={() => setBrushText('')}>Clear the parallel-coordinates filter</button>
          )}
          <span class="spacer" />
          {table && <ColumnChooser columns={columns} hidden={hidden} onChange={setHidden} />}
          {compareOk ? (
            <a class="button primary" href={`/compare?runs=${selected.map(encodeURIComponent).join(',')}`}>Compare selected ({selected.length})</a>
          ) : (
            <button type="button" disabled title="Tick 2 to 10 runs in the table">
              Compare selected (2-10){selected.length ? `: ${selected.length} ticked` : ''}
            </button>
          )}
        </div>
        <p class="muted small">Click a header to sort; type in the boxes under the headers to filter (numbers: <code>&lt;2.1</code>, <code>&gt;=0.4</code>, <code>0.2..0.8</code>); tick runs to compare them.</p>
        {table ? (
          rows.length === 0 ? <p class="muted">This experiment has no runs.</p> : (
            <RunsTable rows={rows} columns={columns} hidden={hidden} brushed={brushed} selected={selected} initial={initial}
              onState={onTableState} onSelect={setSelected} onCount={setShown} />
          )
        ) : !results.error && <div class="runs-table-placeholder loading">Loading runs…</div>}
      </section>

      {table && rows.length > 0 && (
        <div class="grid two">
          <section aria-labelledby="parallel-title" class="card">
            <h2 id="parallel-title">Hyperparameters against a figure</h2>
            <div class="toolbar">
              <label>Figure
                <select value={parallelMetric} onChange={(ev) => setParallelMetric(ev.currentTarget.value)}>
                  {metricColumns.map((m) => <option key={m.field} value={m.field}>{metricTitle(m.field)}</option>)}
                </select>
              </label>
              <span class="muted small">Drag along an axis to keep only the runs inside; click the axis outside the band to clear it.</span>
            </div>
            {configColumns.length === 0
              ? <p class="muted chart-empty">This experiment sweeps no config keys.</p>
              : <ParallelCoordinates rows={rows} axes={axes} metric={parallelMetric} brush={brush} onBrush={onBrush} />}
          </section>
          <section aria-labelledby="scatter-title" class="card">
            <h2 id="scatter-title">Scatter of two columns</h2>
            <div class="toolbar">
              <label>x
                <select value={x?.field} onChange={(ev) => setX(ev.currentTarget.value)}>
                  {chartColumns.map((c) => <option key={c.field} value={c.field}>{c.title}</option>)}
                </select>
              </label>
              <label>y
                <select value={y?.field} onChange={(ev) => setY(ev.currentTarget.value)}>
                  {chartColumns.map((c) => <option key={c.field} value={c.field}>{c.title}</option>)}
                </select>
              </label>
            </div>
            {x && y ? <RunScatter rows={rows} x={x} y={y} /> : <p class="muted chart-empty">No columns to plot yet.</p>}
          </section>
        </div>
      )}

      <EarlyStopping experimentId={id} live={!TERMINAL_EXPERIMENT_STATUSES.includes(status)} />

      {table && (
        <GroupByTable experimentId={id} configKeys={table.config_keys} by={by} metric={groupMetric}
          onBy={setBy} onMetric={setGroupMetric} runCount={finished} />
      )}
    </div>
  );
}
