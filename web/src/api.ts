// The dashboard's client of the platform's HTTP API (the same routes as /openapi.json).
// Every call goes through `request`, which turns an {error, details[]} answer into an ApiFailure.

import type { ExperimentStatus, RunStatus } from './generated/names';

// the statuses' unions are generated from org.ftgan.names (RunStatus, ExperimentStatus)
export type { ExperimentStatus, RunStatus };
export type Counts = Record<RunStatus, number>;

export interface ExperimentSummary {
  id: string;
  name: string;
  description: string | null;
  tags: string[];
  status: ExperimentStatus;
  run_count: number;
  definition_hash: string;
  dataset_hash: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  runs_by_status: Counts;
}

export interface ExperimentDetail extends ExperimentSummary {
  submitter: string | null;
  updated_at: string;
  definition: Record<string, unknown>;
  /** The definition's text as submitted. */
  definition_yaml: string | null;
  events?: EventRecord[];
}

export interface EventRecord {
  id: number;
  run_id?: string | null;
  /** a run's status when run_id is set, else the experiment's */
  status: RunStatus | ExperimentStatus;
  reason: string | null;
  attempt?: number | null;
  worker?: string | null;
  created_at: string;
}

export interface RunSummary {
  id: string;
  experiment_id: string;
  run_index: number;
  run_key: string;
  status: RunStatus;
  overrides: Record<string, unknown>;
  config_hash: string;
  attempt: number;
  last_step: number | null;
  total_steps: number | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  metric?: number | null;
}

/** mean/std/median/n of one figure for one method ("facetunegan", "blendshape"). */
export interface Stat { mean: number; std: number; median: number; n: number }
export type MethodStats = Record<string, Stat>;

export interface CurvePoint {
  step: number;
  epoch: number;
  samples_per_s: number | null;
  elapsed_s: number | null;
  n: number;
  [term: string]: number | null;
}

export interface Artifact {
  kind: string;
  path: string;
  url: string;
  sha256: string | null;
  size_bytes: number | null;
  created_at: string;
}

export interface RunDetail {
  id: string;
  experiment_id: string;
  run_index: number;
  run_key: string;
  status: RunStatus;
  attempt: number;
  worker: string | null;
  last_step: number | null;
  total_steps: number | null;
  last_checkpoint: string | null;
  failure_reason: string | null;
  seed: number | null;
  code_version: string | null;
  hashes: { definition: string; dataset: string | null; config: string };
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  updated_at: string;
  config: Record<string, unknown>;
  overrides: Record<string, unknown>;
  events: EventRecord[];
  results: {
    overall: Record<string, MethodStats>;
    by_expression: Record<string, Record<string, MethodStats>>;
  };
  artifacts: Artifact[];
  curve: { logged_points: number; reduction: string; points: CurvePoint[] };
  evaluation_curve: { points: EvaluationPoint[]; best: EvaluationPoint | null; last: EvaluationPoint | null };
}

/** One evaluation during training (evaluation.every_steps), means in mm on the run's fixed held-out subset. */
export interface EvaluationPoint {
  step: number;
  e_rec: number | null;
  e_id_decomp: number | null;
  e_neu: number | null;
  e_transfer: number | null;
  blendshape: number | null;
  triplets: number;
  seconds: number;
}

export interface Comparison {
  runs: { id: string; experiment_id: string; run_key: string; status: RunStatus }[];
  config_differences: Record<string, Record<string, unknown>>;
  metrics: Record<string, { results: Record<string, MethodStats>; last_curve_values: Record<string, number> }>;
}

export interface Groups {
  experiment_id: string;
  metric: string;
  by: string[];
  groups: { key: Record<string, unknown>; mean: number | null; std: number | null; n: number; runs: number }[];
}

export interface FigureTable {
  experiment_id: string;
  name: string;
  figures: string[];
  runs: Record<string, unknown>[];
  published: Published | null;
}

/** A definition's `published:` section (a paper table) with our matching figure beside each row. */
export interface Published {
  table: number | null;
  title: string | null;
  metric: string;
  unit: string;
  source: string | null;
  rows: PublishedRow[];
}

export interface PublishedRow {
  method: string;
  expression: string | null;
  mean: number;
  std: number | null;
  median: number | null;
  /** Which of our figures sits beside it (a column of `runs`), null if none does. */
  ours: string | null;
  our_mean: number | null;
  our_runs: number;
}

/** GET /api/tables: the paper's tables from the shipped definitions (experiments/paper), answered before anything ran. */
export interface PaperTables {
  /** The tag that makes a submitted experiment a benchmark stand-in. */
  benchmark_tag: string;
  tables: PaperTable[];
  /** Experiments tagged `benchmark_tag`, in submission order: each row's `stand_ins` has one cell per entry. */
  stand_ins: TableExperiment[];
  /** Every submitted experiment with a `published:` section; `definition` names the shipped one it reproduces. */
  experiments: (TableExperiment & { table: number | null; title: string | null; metric: string | null; definition: string | null })[];
}

export interface TableExperiment { id: string; name: string; status: ExperimentStatus; run_count: number }

/** One shipped definition's published table. */
export interface PaperTable {
  definition: string;
  file: string;
  description: string;
  table: number;
  title: string | null;
  dataset: string | null;
  metric: string;
  unit: string;
  source: string | null;
  /** Submitted experiments of this definition (same name, with its published section). */
  experiments: string[];
  rows: PaperRow[];
}

export interface PaperRow {
  method: string;
  expression: string | null;
  /** false: an expression only the stand-ins have (mean, std and median are null). */
  in_paper: boolean;
  mean: number | null;
  std: number | null;
  median: number | null;
  /** Which of our figures sits beside it; null for a method this platform does not run. */
  ours: string | null;
  /** Over the runs of this definition's submitted experiments; null when `ours` is. */
  reproduced: FigureCell | null;
  /** One per `PaperTables.stand_ins` entry (empty when `ours` is null). */
  stand_ins: FigureCell[];
}

/** A mean over runs: null when no run has the figure yet; the first 10 run ids, for links. */
export interface FigureCell { mean: number | null; runs: number; run_ids: string[]; experiment_ids: string[] }

export interface Validated { valid: boolean; id: string; name: string; runs: number; definition_hash: string }

/** GET /api/experiments/{id}/results-table: every run with its flat overrides and overall figures. */
export interface ResultsTable {
  experiment_id: string;
  /** Swept config keys (flattened overrides), sorted. */
  config_keys: string[];
  /** Figures present: e_rec, e_id_decomp, e_neu, e_transfer, each followed by `<metric>_blendshape`. */
  metrics: string[];
  runs: {
    id: string;
    run_key: string;
    status: RunStatus;
    overrides: Record<string, unknown>;
    last_step: number | null;
    total_steps: number | null;
    started_at: string | null;
    finished_at: string | null;
    metrics: Record<string, number | null>;
  }[];
}

/**
 * GET /api/experiments/{id}/rungs: what early stopping decided (which run stopped at which judged step,
 * on what figure, against what cut-off; which went on), the best figure so far, and the steps spent.
 */
export interface SweepRungs {
  experiment_id: string;
  /** The definition's sweep.early_stopping, defaults filled in; null without early stopping. */
  early_stopping: {
    method: 'asha' | 'median';
    metric: string;
    mode: 'min' | 'max';
    min_steps: number;
    reduction_factor: number | null;
    max_steps: number | null;
  } | null;
  /** The figure judged (E_transfer without early stopping). */
  metric: string;
  mode: 'min' | 'max';
  /** The judged steps that runs reached, in order. */
  rungs: { step: number; reached: number; stopped: number; continued: number }[];
  /** In sweep order. */
  runs: {
    id: string;
    run_key: string;
    status: RunStatus;
    last_step: number | null;
    total_steps: number | null;
    /** Its figure (null for NaN) at each judged step it reached, and whether it was stopped there. */
    rungs: { step: number; value: number | null; stopped: boolean }[];
    /** Where it was stopped; cutoff: what it lost against (null where not recorded). */
    stopped: { step: number; value: number | null; cutoff: number | null; reason: string; at: string | null } | null;
  }[];
  /** budget: every run's total steps; trained; saved_by_stopping: the stopped runs' untrained steps; remaining: the unfinished runs'. */
  steps: { budget: number; trained: number; saved_by_stopping: number; remaining: number; runs_stopped: number };
  /** Each improvement of the best figure in the order recorded, then the latest point. */
  best_so_far: { at: string | null; elapsed_s: number; steps_spent: number; value: number | null; run_id: string; step: number }[];
}

/** An uploaded mesh kept by the API for inference (POST /api/runs/{id}/inference/uploads). */
export interface MeshUpload {
  id: string;
  /** upload:<id>: what an inference operation takes in place of a sample index. */
  reference: string;
  file_name: string | null;
  file_bytes: number;
  vertex_count: number;
  face_count: number;
  stored_at: string;
}

export interface Submitted { id: string; definition_hash: string; runs: number; already_submitted: boolean }

/** An answer other than 2xx, with the API's stable error code and every detail line. */
export class ApiFailure extends Error {
  constructor(readonly status: number, readonly code: string, readonly details: string[]) {
    super(details.length ? details.join('; ') : `${status} ${code}`);
  }
}

const TOKEN_KEY = 'ftgan.token';

/** The API token the user pasted (kept in this browser only); writes need one. */
export const token = {
  get: (): string => localStorage.getItem(TOKEN_KEY) ?? '',
  set: (value: string) => (value ? localStorage.setItem(TOKEN_KEY, value) : localStorage.removeItem(TOKEN_KEY)),
};

async function request<T>(method: string, path: string, body?: BodyInit, contentType?: string): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  const t = token.get();
  if (t) headers.Authorization = `Bearer ${t}`;
  if (contentType) headers['Content-Type'] = contentType;
  let response: Response;
  try {
    response = await fetch(path, { method, headers, body });
  } catch (e) {
    throw new ApiFailure(0, 'network', [`the API at ${location.origin} did not answer (${String(e)})`]);
  }
  const text = await response.text();
  if (!response.ok) {
    let code = 'http_' + response.status;
    let details = [text || response.statusText];
    try {
      const parsed = JSON.parse(text);
      code = parsed.error ?? code;
      details = parsed.details ?? details;
    } catch {
      // not JSON: keep the raw text
    }
    throw new ApiFailure(response.status, code, details);
  }
  const type = response.headers.get('Content-Type') ?? '';
  return (type.includes('json') ? JSON.parse(text) : text) as T;
}

/** Builds "?a=1&b=2" from the defined values; arrays repeat the key. */
export function query(params: Record<string, string | number | undefined | null | (string | number)[]>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '') continue;
    if (Array.isArray(v)) v.forEach((x) => q.append(k, String(x)));
    else q.set(k, String(v));
  }
  const s = q.toString();
  return s ? '?' + s : '';
}

const enc = encodeURIComponent;

export const api = {
  experiments: (params: Record<string, string | number | undefined> = {}) =>
    request<{ experiments: ExperimentSummary[]; next_cursor: string | null }>('GET', '/api/experiments' + query(params)),
  experiment: (id: string) => request<ExperimentDetail>('GET', `/api/experiments/${enc(id)}`),
  runs: (experimentId: string, params: Record<string, string | number | undefined | string[]> = {}) =>
    request<{ runs: RunSummary[]; next_cursor: string | null }>('GET', `/api/experiments/${enc(experimentId)}/runs` + query(params)),
  allRuns: (params: Record<string, string | number | undefined | string[]> = {}) =>
    request<{ runs: RunSummary[]; next_cursor: string | null }>('GET', '/api/runs' + query(params)),
  run: (id: string, points = 400) => request<RunDetail>('GET', `/api/runs/${enc(id)}` + query({ points })),
  compare: (ids: string[]) => request<Comparison>('GET', '/api/compare' + query({ runs: ids.join(',') })),
  groups: (experimentId: string, by: string[], metric: string) =>
    request<Groups>('GET', `/api/experiments/${enc(experimentId)}/groups` + query({ by: by.join(','), metric })),
  paperTables: () => request<PaperTables>('GET', '/api/tables'),
  table: (experimentId: string) => request<FigureTable>('GET', `/api/experiments/${enc(experimentId)}/table?format=json`),
  tableText: (experimentId: string, format: 'csv' | 'md' | 'latex') =>
    request<string>('GET', `/api/experiments/${enc(experimentId)}/table` + query({ format })),
  submit: (definition: string, contentType: 'application/yaml' | 'application/json') =>
    request<Submitted>('POST', '/api/experiments', definition, contentType),
  cancelExperiment: (id: string) => request<unknown>('POST', `/api/experiments/${enc(id)}/cancel`),
  cancelRun: (id: string) => request<unknown>('POST', `/api/runs/${enc(id)}/cancel`),
  retryFailed: (id: string) => request<unknown>('POST', `/api/experiments/${enc(id)}/retry-failed`),
  rerun: (id: string) => request<unknown>('POST', `/api/experiments/${enc(id)}/rerun`),
  /** Continues ended runs to a larger step budget: named ones, or the top K by a figure. */
  continueRuns: (id: string, body: { steps: number; runs?: string[]; top?: number; metric?: string }) =>
    request<{ id: string; steps: number; runs: string[] }>('POST', `/api/experiments/${enc(id)}/continue`, JSON.stringify(body), 'application/json'),
  /** Adds points to a running search sweep (sweep.search). */
  addSearchPoints: (id: string, count: number) =>
    request<{ id: string; added: number }>('POST', `/api/experiments/${enc(id)}/search-points` + query({ count })),
  setMaxParallel: (id: string, maxParallel: number) =>
    request<unknown>('POST', `/api/experiments/${enc(id)}/max-parallel`, JSON.stringify({ max_parallel: maxParallel }), 'application/json'),
  artifactUrl: (path: string) => '/api/artifacts/' + path.split('/').map(enc).join('/'),
  /** Checks a definition without submitting it (open like the reads; stores nothing). */
  validate: (definition: string) =>
    request<Validated>('POST', '/api/definitions/validate', definition, 'application/yaml'),
  /** A run's trained model for the Explore page: checkpoint, sizes and its dataset's samples (typed by the page). */
  inference: <T>(runId: string, checkpoint: string) =>
    request<T>('GET', `/api/runs/${enc(runId)}/inference` + query({ checkpoint })),
  /**
   * Uploads a PLY or OBJ mesh to a run's inference: checked against its template and kept by the API under
   * its content hash; `reference` (upload:<id>) then stands for it wherever a sample index does (needs a token).
   */
  uploadMesh: (runId: string, file: File, unit: string, checkpoint: string) => {
    const form = new FormData();
    form.append('mesh', file, file.name);
    return request<MeshUpload>('POST', `/api/runs/${enc(runId)}/inference/uploads` + query({ unit, checkpoint }), form);
  },
  /** A kept upload (404 upload_not_found once the API no longer keeps it). */
  meshUpload: (runId: string, id: string, checkpoint: string) =>
    request<MeshUpload>('GET', `/api/runs/${enc(runId)}/inference/uploads/${enc(id)}` + query({ checkpoint })),
  resultsTable: (experimentId: string) => request<ResultsTable>('GET', `/api/experiments/${enc(experimentId)}/results-table`),
  rungs: (experimentId: string) => request<SweepRungs>('GET', `/api/experiments/${enc(experimentId)}/rungs`),
};

/**
 * Follows an experiment's Server-Sent Events; returns a function that stops listening.
 * EventSource reconnects by itself when the stream drops.
 */
export function followExperiment(id: string, onEvent: (type: string, data: any) => void): () => void {
  const source = new EventSource(`/api/experiments/${enc(id)}/events`);
  for (const type of ['experiment', 'run', 'step', 'end']) {
    source.addEventListener(type, (e) => onEvent(type, JSON.parse((e as MessageEvent).data)));
  }
  return () => source.close();
}

/**
 * Follows every experiment's status and run counts over ONE stream (GET /api/events), for pages that
 * show many: the browser's six connections per server are shared by all its tabs.
 */
export function followAllExperiments(onEvent: (e: { id: string; status: ExperimentStatus; run_count: number; runs: Counts }) => void): () => void {
  const source = new EventSource('/api/events');
  source.addEventListener('experiment', (e) => onEvent(JSON.parse((e as MessageEvent).data)));
  return () => source.close();
}
