// The columns of an experiment's runs (fixed ones, swept config keys, figures) and the flat rows the
// runs table, the scatter and the parallel coordinates all read, built from GET .../results-table.
import type { ResultsTable, RunStatus } from './api';
import { BLENDSHAPE, FIGURE_KEYS, type FigureKey } from './generated/names';

/** One run as a flat record: field names are column names (config keys keep their dots). */
export interface RunRow {
  id: string;
  run_key: string;
  status: RunStatus;
  last_step: number | null;
  total_steps: number | null;
  /** last_step / total_steps, 0..1; null before the run reports its length. */
  progress: number | null;
  started_at: string | null;
  finished_at: string | null;
  /** Seconds from start to finish (or to now while running). */
  duration_s: number | null;
  [field: string]: unknown;
}

export type ColumnKind = 'run' | 'config' | 'metric';

export interface RunColumn {
  field: string;
  title: string;
  kind: ColumnKind;
  /** Whether every value present is a number (value axis, numeric filter). */
  numeric: boolean;
}

const FIGURE_TITLES: Record<FigureKey, string> = {
  e_rec: 'E_rec (mm)',
  e_id_decomp: 'E_id decomp (mm)',
  e_neu: 'E_neu (mm)',
  e_transfer: 'E_transfer ours (mm)',
};

/** The overall figures the table always offers, in the paper's order; errors are in millimetres. */
export const METRIC_TITLES: Record<string, string> = Object.fromEntries([
  ...FIGURE_KEYS.map((k) => [k, FIGURE_TITLES[k]]),
  [`e_transfer_${BLENDSHAPE}`, 'E_transfer blendshape (mm)'],
]);

/** The figures GET /groups accepts (FaceTuneGAN's own, not the baseline's). */
export const GROUP_METRICS: string[] = [...FIGURE_KEYS];

export function metricTitle(name: string): string {
  return METRIC_TITLES[name] ?? (name.endsWith('_blendshape') ? `${name.slice(0, -11)} blendshape (mm)` : `${name} (mm)`);
}

function durationSeconds(started: string | null, finished: string | null): number | null {
  if (!started) return null;
  const end = finished ? Date.parse(finished) : Date.now();
  return Math.max(0, Math.round((end - Date.parse(started)) / 1000));
}

export function toRow(run: ResultsTable['runs'][number]): RunRow {
  const row: RunRow = {
    id: run.id,
    run_key: run.run_key,
    status: run.status,
    last_step: run.last_step,
    total_steps: run.total_steps,
    progress: run.total_steps ? (run.last_step ?? 0) / run.total_steps : null,
    started_at: run.started_at,
    finished_at: run.finished_at,
    duration_s: durationSeconds(run.started_at, run.finished_at),
  };
  for (const [k, v] of Object.entries(run.overrides)) row[k] = v;
  for (const [k, v] of Object.entries(run.metrics)) row[k] = v;
  return row;
}

/** A run event's fields (GET .../events "run") applied to a row; a new object only when something changed. */
export function patchRow(row: RunRow, e: { status?: RunStatus; last_step?: number | null; total_steps?: number | null }): RunRow {
  const status = e.status ?? row.status;
  const last = e.last_step !== undefined ? e.last_step : row.last_step;
  const total = e.total_steps !== undefined ? e.total_steps : row.total_steps;
  if (status === row.status && last === row.last_step && total === row.total_steps) return row;
  const started = row.started_at ?? (status === 'running' ? new Date().toISOString() : null);
  return {
    ...row,
    status,
    last_step: last,
    total_steps: total,
    progress: total ? (last ?? 0) / total : null,
    started_at: started,
    duration_s: durationSeconds(started, row.finished_at),
  };
}

/** Keeps the old object for every row whose values did not change, so the table updates only what moved. */
export function keepUnchanged(next: RunRow[], previous: Map<string, RunRow>): RunRow[] {
  return next.map((row) => {
    const old = previous.get(row.id);
    if (!old) return row;
    const keys = Object.keys(row);
    const same = keys.length === Object.keys(old).length && keys.every((k) => k === 'duration_s' || old[k] === row[k]);
    return same ? old : row;
  });
}

/** Every column of the answer: run facts, swept keys, then the figures (the five overall ones always). */
export function columnsOf(table: ResultsTable, rows: RunRow[]): RunColumn[] {
  const numeric = (field: string) => rows.every((r) => r[field] === null || r[field] === undefined || typeof r[field] === 'number');
  const metrics = [...Object.keys(METRIC_TITLES), ...table.metrics.filter((m) => !(m in METRIC_TITLES))];
  return [
    { field: 'run_key', title: 'Run', kind: 'run', numeric: false },
    { field: 'status', title: 'Status', kind: 'run', numeric: false },
    ...table.config_keys.map((k): RunColumn => ({ field: k, title: k, kind: 'config', numeric: numeric(k) })),
    { field: 'progress', title: 'Progress (steps)', kind: 'run', numeric: true },
    ...metrics.map((m): RunColumn => ({ field: m, title: metricTitle(m), kind: 'metric', numeric: true })),
    { field: 'started_at', title: 'Started', kind: 'run', numeric: false },
    { field: 'duration_s', title: 'Duration (s)', kind: 'run', numeric: true },
  ];
}

/** Columns that can be an axis of a chart: numbers, or config values (as categories). */
export function plottable(columns: RunColumn[]): RunColumn[] {
  return columns.filter((c) => c.numeric || c.kind === 'config');
}
