// One run: what it is (head, config, status history), how it trained (live curves of every loss term),
// how well it does (metrics, per-expression transfer beside the blendshape baseline as in the paper's
// Table 4), its error maps in 3D, and its artifacts.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { api, type EvaluationPoint, type MethodStats, type RunDetail } from '../api';
import { useApi, useInterval } from '../data';
import { bytes, duration, escapeHtml, flatten, fmt, when } from '../format';
import { useUrlParam } from '../url';
import { cssVar } from '../theme';
import type { EChartsOption } from '../charts';
import { Chart } from '../components/Chart';
import { ErrorBox } from '../components/ErrorBox';
import { RunActions } from '../components/RunActions';
import { StatusBadge } from '../components/StatusBadge';
import { LazyErrorMapViewer } from '../components/LazyErrorMapViewer';
import {
  ACTIVE_STATUSES, BASELINE, CURVE_GROUPS, OURS, errorMaps, figureLabel, figureOrder, groupByKind, methodOrder,
} from '../runData';

/** Curve points asked of the API: enough for smooth lines, few enough for a fast answer while polling. */
const CURVE_POINTS = 500;
const POLL_MS = 3000;
const CURVE_HEIGHT = 260;

export default function RunPage() {
  const { params } = useRoute();
  const id = params.id;
  const run = useApi(() => api.run(id, CURVE_POINTS), [id]);
  const active = !!run.value && ACTIVE_STATUSES.includes(run.value.status);
  // after an action (a continuation is queued by the experiment's workflow a moment later) the page
  // polls until the run is active again, or for a minute at most
  const [awaitingChange, setAwaitingChange] = useState(false);
  useEffect(() => {
    if (!awaitingChange) return undefined;
    if (active) {
      setAwaitingChange(false);
      return undefined;
    }
    const stop = setTimeout(() => setAwaitingChange(false), 60_000);
    return () => clearTimeout(stop);
  }, [awaitingChange, active]);
  useInterval(run.reload, active || awaitingChange ? POLL_MS : null);

  if (run.error && !run.value) {
    return (
      <div>
        <h1>Run {id}</h1>
        <ErrorBox error={run.error} what={`load run ${id}`} />
        <p><a href="/">Back to the experiments</a></p>
      </div>
    );
  }
  if (!run.value) return <div class="loading">Loading run {id}…</div>;
  const r = run.value;
  return (
    <div class="run-page">
      <RunHead run={r} onChanged={() => { setAwaitingChange(true); run.reload(); }} />
      {run.error && <ErrorBox error={run.error} what="refresh this run (showing the last answer)" />}
      <Curves run={r} live={active} />
      <EvaluationCurve run={r} />
      <Metrics run={r} />
      <ExpressionTransfer run={r} />
      <ErrorMaps run={r} />
      <div class="grid two">
        <ConfigTable run={r} />
        <StatusHistory run={r} />
      </div>
      <Artifacts run={r} />
    </div>
  );
}

function RunHead({ run, onChanged }: { run: RunDetail; onChanged: () => void }) {
  const progress = run.total_steps ? `${fmt(run.last_step ?? 0)} / ${fmt(run.total_steps)} steps` : '—';
  return (
    <div class="page-head">
      <div class="grow">
        <div class="breadcrumb">
          <a href="/">Experiments</a> › <a href={`/experiments/${encodeURIComponent(run.experiment_id)}`}>{run.experiment_id}</a> › run
        </div>
        <h1>
          Run <span class="mono">{run.run_key}</span> <StatusBadge status={run.status} />
        </h1>
        <div class="muted mono">{run.id}</div>
        <div class="toolbar">
          <a class="button" href={`/compare?runs=${encodeURIComponent(run.id)}`}>Compare with other runs</a>
          {run.last_checkpoint && (
            <a class="button" href={`/runs/${encodeURIComponent(run.id)}/explore`}>Explore the trained model</a>
          )}
        </div>
        <RunActions run={run} onChanged={onChanged} />
        {run.failure_reason && (
          <div class="error-box" role="alert"><strong>Failed:</strong> {run.failure_reason}</div>
        )}
      </div>
      <dl class="facts card run-facts">
        <dt>Experiment</dt><dd><a href={`/experiments/${encodeURIComponent(run.experiment_id)}`}>{run.experiment_id}</a></dd>
        <dt>Progress</dt><dd>{progress}</dd>
        <dt>Attempt</dt><dd>{run.attempt}</dd>
        <dt>Worker</dt><dd>{run.worker ?? '—'}</dd>
        <dt>Started</dt><dd>{when(run.started_at)} · {duration(run.started_at, run.finished_at)}</dd>
        <dt>Code version</dt><dd class="mono">{run.code_version ?? '—'}</dd>
        <dt>Definition hash</dt><dd class="mono" title={run.hashes.definition}>{short(run.hashes.definition)}</dd>
        <dt>Dataset hash</dt><dd class="mono" title={run.hashes.dataset ?? ''}>{short(run.hashes.dataset)}</dd>
        <dt>Config hash</dt><dd class="mono" title={run.hashes.config}>{short(run.hashes.config)}</dd>
        <dt>Seed</dt><dd>{run.seed ?? '—'}</dd>
      </dl>
    </div>
  );
}

function short(hash: string | null | undefined): string {
  return hash ? hash.slice(0, 12) : '—';
}

function Curves({ run, live }: { run: RunDetail; live: boolean }) {
  const [log, setLog] = useUrlParam('log');
  const logScale = log === '1';
  const points = run.curve.points;
  const options = useMemo(
    () => CURVE_GROUPS.map((g) => curveOption(g.unit, g.terms, points, logScale)),
    [points, logScale],
  );
  return (
    <section aria-labelledby="curves-title">
      <div class="section-head">
        <h2 id="curves-title">Training curves</h2>
        <span class="muted">
          {run.curve.logged_points.toLocaleString('en-US')} logged points
          {run.curve.reduction !== 'none' ? ` (shown ${points.length}, ${run.curve.reduction})` : ''}
          {live ? ' · live, refreshing every 3 s' : ''}
        </span>
        <span class="spacer" />
        <label>
          <input type="checkbox" checked={logScale} onChange={(e) => setLog(e.currentTarget.checked ? '1' : '')} />
          Log scale
        </label>
      </div>
      <div class="grid curves-grid">
        {CURVE_GROUPS.map((g, i) => (
          <div class="card" key={g.title}>
            <h3>{g.title}</h3>
            {points.length === 0 ? (
              // same height as the chart, so the first points do not move the page
              <div class="empty-chart" style={{ height: `${CURVE_HEIGHT}px` }}>
                {live ? 'No points logged yet: they appear after the first logging interval.' : 'This run logged no curve points.'}
              </div>
            ) : (
              <Chart option={options[i]} height={CURVE_HEIGHT} label={`${g.title} by training step: ${g.terms.join(', ')}`} />
            )}
          </div>
        ))}
      </div>
    </section>
  );
}

/** Held-out metrics measured while training, FaceTuneGAN's E_transfer drawn beside the blendshape baseline. */
function EvaluationCurve({ run }: { run: RunDetail }) {
  const curve = run.evaluation_curve;
  const options = useMemo(() => {
    const series = (name: string, key: keyof EvaluationPoint, dashed = false) => ({
      name,
      type: 'line' as const,
      showSymbol: curve.points.length < 30,
      lineStyle: dashed ? { type: 'dashed' as const } : undefined,
      data: curve.points.map((p) => [p.step, p[key]]),
    });
    const base: EChartsOption = {
      tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => fmt(v as number, 3) },
      legend: { type: 'scroll', top: 0 },
      grid: { left: 56, right: 16, top: 36, bottom: 36 },
      xAxis: { type: 'value', name: 'step', nameLocation: 'middle', nameGap: 24, min: 'dataMin', max: 'dataMax' },
      yAxis: { type: 'value', name: 'mm', scale: true },
    };
    return [
      { ...base, series: [series('E_transfer', 'e_transfer'), series('blendshape transfer', 'blendshape', true)] },
      { ...base, series: [series('E_rec', 'e_rec'), series('E_neu', 'e_neu'), series('E_id_decomp', 'e_id_decomp')] },
    ];
  }, [curve.points]);
  if (curve.points.length === 0) return null;
  const figure = (p: EvaluationPoint | null) =>
    p ? `${fmt(p.e_transfer, 3)} mm at step ${fmt(p.step)} (blendshape ${fmt(p.blendshape, 3)})` : '—';
  return (
    <section aria-labelledby="evaluation-curve-title">
      <div class="section-head">
        <h2 id="evaluation-curve-title">Evaluation during training</h2>
        <span class="muted">
          {curve.points.length} evaluations of {fmt(curve.points[0].triplets)} held-out triplets · best E_transfer{' '}
          {figure(curve.best)} · last {figure(curve.last)}
        </span>
      </div>
      <div class="grid curves-grid">
        <div class="card">
          <h3>Expression transfer</h3>
          <Chart option={options[0]} height={CURVE_HEIGHT} label="E_transfer and the blendshape baseline by training step" />
        </div>
        <div class="card">
          <h3>Reconstruction and neutralization</h3>
          <Chart option={options[1]} height={CURVE_HEIGHT} label="E_rec, E_neu and E_id_decomp by training step" />
        </div>
      </div>
    </section>
  );
}

/** Line chart of some curve terms against the step; non-positive values are gaps on a log axis. */
export function curveOption(
  unit: string, terms: string[], points: RunDetail['curve']['points'], logScale: boolean,
): EChartsOption {
  const value = (v: number | null | undefined) => (v === null || v === undefined || (logScale && v <= 0) ? null : v);
  return {
    tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => fmt(v as number, 4) },
    // one term needs no legend (the card's title names it) and leaves the room to the axis name
    legend: { type: 'scroll', top: 0, show: terms.length > 1 },
    grid: { left: 56, right: 16, top: 36, bottom: 36 },
    xAxis: { type: 'value', name: 'step', nameLocation: 'middle', nameGap: 24, min: 'dataMin', max: 'dataMax' },
    yAxis: { type: logScale ? 'log' : 'value', name: unit, scale: !logScale },
    series: terms.map((term) => ({
      name: term,
      type: 'line',
      showSymbol: points.length < 30,
      connectNulls: false,
      data: points.map((p) => [p.step, value(p[term] as number | null)]),
    })),
  };
}

function Metrics({ run }: { run: RunDetail }) {
  const figures = figureOrder(Object.keys(run.results.overall));
  if (figures.length === 0) {
    return (
      <section>
        <h2>Metrics</h2>
        <p class="muted">No evaluation results yet: they are written when the run has finished training and evaluating.</p>
      </section>
    );
  }
  return (
    <section aria-labelledby="metrics-title">
      <h2 id="metrics-title">Metrics <span class="muted">(mm, mean ± std over n)</span></h2>
      <table class="plain metrics" aria-label="Metrics">
        <thead>
          <tr>
            <th>Figure</th>
            <th class="num">ours (FaceTuneGAN)</th>
            <th class="num">blendshape transfer</th>
            <th class="num">n</th>
          </tr>
        </thead>
        <tbody>
          {figures.map((f) => {
            const m = run.results.overall[f];
            const others = methodOrder(m).filter((x) => x !== OURS && x !== BASELINE);
            return (
              <tr key={f}>
                <td>{figureLabel(f)} <span class="muted mono">{f}</span></td>
                <td class="num">{stat(m[OURS])}</td>
                <td class="num">{stat(m[BASELINE])}</td>
                <td class="num">{m[OURS]?.n ?? m[BASELINE]?.n ?? '—'}
                  {others.map((o) => <div key={o} class="muted">{o}: {stat(m[o])}</div>)}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

export function stat(s: MethodStats[string] | undefined): string {
  return s ? `${fmt(s.mean, 3)} ± ${fmt(s.std, 3)}` : '—';
}

/** The paper's Table 4: transfer error per expression, ours beside the blendshape transfer. */
function ExpressionTransfer({ run }: { run: RunDetail }) {
  const rows = Object.entries(run.results.by_expression)
    .filter(([, figures]) => figures.e_transfer)
    .map(([expression, figures]) => ({ expression, ours: figures.e_transfer[OURS], baseline: figures.e_transfer[BASELINE] }))
    // sorted by our error, as the paper lists its expressions from easiest to hardest
    .sort((a, b) => (a.ours?.mean ?? Infinity) - (b.ours?.mean ?? Infinity) || a.expression.localeCompare(b.expression));
  const option = useMemo<EChartsOption>(() => {
    const ours = cssVar('--ours');
    const baseline = cssVar('--baseline');
    const errorBars = (key: 'ours' | 'baseline') => rows.map((r) => r[key]?.mean ?? null);
    return {
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: (items: any[]) => {
          const row = rows[items[0].dataIndex];
          return `<b>${escapeHtml(row.expression)}</b><br/>ours: ${escapeHtml(stat(row.ours))} mm<br/>blendshape: ${escapeHtml(stat(row.baseline))} mm`;
        },
      },
      legend: { top: 0 },
      grid: { left: 56, right: 16, top: 36, bottom: 56 },
      xAxis: { type: 'category', data: rows.map((r) => r.expression), axisLabel: { rotate: rows.length > 8 ? 30 : 0 } },
      yAxis: { type: 'value', name: 'transfer error (mm)' },
      series: [
        { name: 'ours (FaceTuneGAN)', type: 'bar', data: errorBars('ours'), itemStyle: { color: ours } },
        { name: 'blendshape transfer', type: 'bar', data: errorBars('baseline'), itemStyle: { color: baseline } },
      ],
    };
  }, [run.results]);
  if (rows.length === 0) return null;
  return (
    <section aria-labelledby="expr-title">
      <h2 id="expr-title">Expression transfer per expression <span class="muted">(the paper's Table 4 layout)</span></h2>
      <div class="grid expr-grid">
        <div class="card">
          <Chart option={option} height={300} label="Transfer error per expression: ours beside the blendshape transfer, in mm" />
        </div>
        <table class="plain" aria-label="Transfer error per expression">
          <thead>
            <tr>
              <th>Expression</th>
              <th class="num">Our method (mm)</th>
              <th class="num">Bs transfer (mm)</th>
              <th class="num">n</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.expression}>
                <td>{r.expression}</td>
                <td class="num">{stat(r.ours)}</td>
                <td class="num">{stat(r.baseline)}</td>
                <td class="num">{r.ours?.n ?? r.baseline?.n ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function ErrorMaps({ run }: { run: RunDetail }) {
  const maps = errorMaps(run.artifacts);
  const [chosenKey, setChosen] = useUrlParam('map');
  const chosen = maps.find((m) => m.key === chosenKey) ?? maps[0];
  return (
    <section aria-labelledby="maps-title">
      <h2 id="maps-title">Error maps</h2>
      {maps.length === 0 ? (
        <p class="muted">
          {ACTIVE_STATUSES.includes(run.status)
            ? 'Error maps are written by the evaluation at the end of the run.'
            : 'This run has no error maps.'}
        </p>
      ) : (
        <>
          <div class="toolbar">
            <label>
              Map
              <select value={chosen.key} onChange={(e) => setChosen(e.currentTarget.value)} aria-label="Error map to show">
                {groupByKind(maps).map(([kind, group]) => (
                  <optgroup key={kind} label={kind}>
                    {group.map((m) => <option key={m.key} value={m.key}>{m.name}</option>)}
                  </optgroup>
                ))}
              </select>
            </label>
            <a href={chosen.artifact.url} download>Download PLY</a>
          </div>
          <div class="run-viewer">
            <LazyErrorMapViewer url={api.artifactUrl(chosen.artifact.path)} title={`${chosen.kind} ${chosen.name}`} height={460} />
          </div>
        </>
      )}
    </section>
  );
}

function ConfigTable({ run }: { run: RunDetail }) {
  const config = flatten(run.config);
  const swept = new Set(Object.keys(flatten(run.overrides)));
  const keys = Object.keys(config).sort();
  return (
    <section aria-labelledby="config-title">
      <h2 id="config-title">Config <span class="muted">(keys set by the sweep are highlighted)</span></h2>
      <table class="plain config" aria-label="Config">
        <thead><tr><th>Key</th><th>Value</th></tr></thead>
        <tbody>
          {keys.map((k) => (
            <tr key={k} class={swept.has(k) ? 'swept' : undefined}>
              <td class="mono">{k}{swept.has(k) && <span class="tag swept-tag">swept</span>}</td>
              <td class="mono">{fmt(config[k])}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function StatusHistory({ run }: { run: RunDetail }) {
  return (
    <section aria-labelledby="history-title">
      <h2 id="history-title">Status history</h2>
      {run.events.length === 0 ? (
        <p class="muted">No status changes recorded yet.</p>
      ) : (
        <table class="plain" aria-label="Status history">
          <thead><tr><th>When</th><th>Status</th><th>Attempt</th><th>Worker</th><th>Reason</th></tr></thead>
          <tbody>
            {run.events.map((e) => (
              <tr key={e.id}>
                <td class="nowrap">{when(e.created_at)}</td>
                <td><StatusBadge status={e.status} /></td>
                <td class="num">{e.attempt ?? '—'}</td>
                <td>{e.worker ?? '—'}</td>
                <td>{e.reason ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function Artifacts({ run }: { run: RunDetail }) {
  return (
    <section aria-labelledby="artifacts-title">
      <h2 id="artifacts-title">Artifacts</h2>
      {run.artifacts.length === 0 ? (
        <p class="muted">No artifacts yet: checkpoints, error maps and the evaluation appear here as the run writes them.</p>
      ) : (
        <table class="plain" aria-label="Artifacts">
          <thead><tr><th>Kind</th><th>File</th><th class="num">Size</th><th>sha256</th><th>Written</th></tr></thead>
          <tbody>
            {run.artifacts.map((a) => (
              <tr key={a.path}>
                <td>{a.kind}</td>
                <td class="mono"><a href={api.artifactUrl(a.path)} download>{a.path.split('/').slice(2).join('/') || a.path}</a></td>
                <td class="num nowrap">{bytes(a.size_bytes)}</td>
                <td class="mono" title={a.sha256 ?? ''}>{short(a.sha256)}</td>
                <td class="nowrap">{when(a.created_at)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
