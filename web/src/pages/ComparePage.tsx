// Compare 2-10 runs from any experiments: the config keys that differ, the metrics side by side, one
// loss term overlaid, and the same error map of every run on one shared colour scale.
import { useCallback, useMemo, useState } from 'preact/hooks';
import { api, type Comparison, type RunDetail } from '../api';
import { useApi } from '../data';
import { escapeHtml, fmt } from '../format';
import { useUrlList, useUrlParam } from '../url';
import type { EChartsOption } from '../charts';
import { unionScale, type ErrorScale } from '../colorScale';
import { Chart } from '../components/Chart';
import { ErrorBox } from '../components/ErrorBox';
import { StatusBadge } from '../components/StatusBadge';
import { LazyErrorMapViewer } from '../components/LazyErrorMapViewer';
import { CURVE_TERMS, OURS, errorMaps, figureLabel, figureOrder, groupByKind, methodLabel, type ErrorMap } from '../runData';
import { stat } from './RunPage';

const MIN_RUNS = 2;
const MAX_RUNS = 10;
const CURVE_POINTS = 300;

export default function ComparePage() {
  const [ids, setIds] = useUrlList('runs');
  const countProblem =
    ids.length < MIN_RUNS ? `Choose at least ${MIN_RUNS} runs to compare (${ids.length} chosen).`
      : ids.length > MAX_RUNS ? `At most ${MAX_RUNS} runs can be compared at once (${ids.length} chosen): remove some.`
        : undefined;
  return (
    <div class="compare-page">
      <div class="page-head">
        <div class="grow">
          <h1>Compare runs</h1>
          <div class="muted">
            {MIN_RUNS} to {MAX_RUNS} runs from any experiments: the config keys that differ, their metrics, curves and error maps.
          </div>
        </div>
      </div>
      <RunChooser ids={ids} setIds={setIds} />
      {countProblem ? <p class="notice" role="status">{countProblem}</p> : <Comparing ids={ids} />}
    </div>
  );
}

/** The chosen runs as removable chips, and a field to add run ids (comma or space separated). */
function RunChooser({ ids, setIds }: { ids: string[]; setIds: (ids: string[]) => void }) {
  const [text, setText] = useState('');
  const add = (e: Event) => {
    e.preventDefault();
    const added = text.split(/[\s,]+/).map((s) => s.trim()).filter(Boolean);
    const next = [...ids];
    for (const a of added) if (!next.includes(a)) next.push(a);
    setIds(next);
    setText('');
  };
  return (
    <form class="toolbar run-chooser" onSubmit={add}>
      <ul class="chips" aria-label="Runs compared">
        {ids.map((id) => (
          <li key={id} class="chip">
            <a href={`/runs/${encodeURIComponent(id)}`} class="mono">{id}</a>
            <button type="button" class="chip-remove" aria-label={`Remove run ${id}`}
              onClick={() => setIds(ids.filter((x) => x !== id))}>✕</button>
          </li>
        ))}
      </ul>
      <label>
        Add runs
        <input value={text} onInput={(e) => setText(e.currentTarget.value)} placeholder="run id, e.g. quickstart-…-r0001"
          aria-label="Run ids to add" style={{ minWidth: '320px' }} />
      </label>
      <button type="submit" disabled={!text.trim()}>Add</button>
    </form>
  );
}

function Comparing({ ids }: { ids: string[] }) {
  const key = ids.join(',');
  const comparison = useApi(() => api.compare(ids), [key]);
  const details = useApi(() => Promise.all(ids.map((id) => api.run(id, CURVE_POINTS))), [key]);
  if (comparison.error) return <ErrorBox error={comparison.error} what="compare these runs" />;
  if (!comparison.value) return <div class="loading">Comparing {ids.length} runs…</div>;
  const c = comparison.value;
  return (
    <>
      <ConfigDiff comparison={c} />
      <MetricBars comparison={c} />
      {details.error && <ErrorBox error={details.error} what="load the runs' curves and error maps" />}
      {!details.value && !details.error && <div class="loading" style={{ height: '320px' }}>Loading the runs' curves and error maps…</div>}
      {details.value && (
        <>
          <OverlaidCurves runs={details.value} />
          <SideBySideMaps runs={details.value} />
        </>
      )}
    </>
  );
}

function runLabel(c: Comparison, id: string): string {
  const r = c.runs.find((x) => x.id === id);
  return r ? `${r.experiment_id} ${r.run_key}` : id;
}

function ConfigDiff({ comparison }: { comparison: Comparison }) {
  const keys = Object.keys(comparison.config_differences).sort();
  return (
    <section aria-labelledby="diff-title">
      <h2 id="diff-title">Config differences <span class="muted">(only the keys whose values differ)</span></h2>
      {keys.length === 0 ? (
        <p class="muted">These runs have the same config.</p>
      ) : (
        <div class="table-scroll">
          <table class="plain config-diff" aria-label="Config differences">
            <thead>
              <tr>
                <th>Key</th>
                {comparison.runs.map((r) => (
                  <th key={r.id} scope="col">
                    <a href={`/runs/${encodeURIComponent(r.id)}`}>{r.run_key}</a> <StatusBadge status={r.status} />
                    <div class="muted mono">{r.experiment_id}</div>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {keys.map((k) => (
                <tr key={k}>
                  <th scope="row" class="mono">{k}</th>
                  {comparison.runs.map((r) => {
                    const values = comparison.config_differences[k];
                    return <td key={r.id} class="mono">{r.id in values ? fmt(values[r.id]) : <span class="muted">unset</span>}</td>;
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function MetricBars({ comparison }: { comparison: Comparison }) {
  const c = comparison;
  const figures = figureOrder([...new Set(c.runs.flatMap((r) => Object.keys(c.metrics[r.id]?.results ?? {})))]);
  const option = useMemo<EChartsOption>(() => ({
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (items: any[]) =>
        `<b>${escapeHtml(figureLabel(figures[items[0].dataIndex]))}</b><br/>` +
        items.map((it) => `${it.marker}${escapeHtml(it.seriesName)}: ${escapeHtml(fmt(it.value, 3))} mm`).join('<br/>'),
    },
    legend: { type: 'scroll', top: 0 },
    grid: { left: 56, right: 16, top: 40, bottom: 40 },
    xAxis: { type: 'category', data: figures.map(figureLabel) },
    yAxis: { type: 'value', name: 'mm (ours, mean)' },
    series: c.runs.map((r) => ({
      name: runLabel(c, r.id),
      type: 'bar',
      data: figures.map((f) => c.metrics[r.id]?.results?.[f]?.[OURS]?.mean ?? null),
    })),
  }), [c]);
  if (figures.length === 0) {
    return (
      <section>
        <h2>Metrics</h2>
        <p class="muted">None of these runs has evaluation results yet.</p>
      </section>
    );
  }
  return (
    <section aria-labelledby="metric-title">
      <h2 id="metric-title">Metrics <span class="muted">(ours, mean ± std in mm)</span></h2>
      <div class="card">
        <Chart option={option} height={300} label="Evaluation figures of every compared run, in mm" />
      </div>
      <div class="table-scroll">
        <table class="plain" aria-label="Metrics of the compared runs">
          <thead>
            <tr>
              <th>Figure</th>
              {c.runs.map((r) => <th key={r.id} class="num">{runLabel(c, r.id)}</th>)}
            </tr>
          </thead>
          <tbody>
            {figures.map((f) => (
              <tr key={f}>
                <th scope="row">{figureLabel(f)} <span class="muted mono">{f}</span></th>
                {c.runs.map((r) => {
                  const methods = c.metrics[r.id]?.results?.[f] ?? {};
                  return (
                    <td key={r.id} class="num">
                      {stat(methods[OURS])}
                      {Object.keys(methods).filter((m) => m !== OURS).map((m) => (
                        <div key={m} class="muted">{methodLabel(m)}: {stat(methods[m])}</div>
                      ))}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function OverlaidCurves({ runs }: { runs: RunDetail[] }) {
  const [term, setTerm] = useUrlParam('term', 'l_g');
  const [log, setLog] = useUrlParam('log');
  const logScale = log === '1';
  const option = useMemo<EChartsOption>(() => ({
    tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => fmt(v as number, 4) },
    legend: { type: 'scroll', top: 0 },
    grid: { left: 56, right: 16, top: 40, bottom: 36 },
    xAxis: { type: 'value', name: 'step', nameLocation: 'middle', nameGap: 24, min: 'dataMin', max: 'dataMax' },
    yAxis: { type: logScale ? 'log' : 'value', name: term, scale: !logScale },
    series: runs.map((r) => ({
      name: `${r.experiment_id} ${r.run_key}`,
      type: 'line',
      showSymbol: r.curve.points.length < 30,
      data: r.curve.points.map((p) => {
        const v = p[term] as number | null;
        return [p.step, v === null || v === undefined || (logScale && v <= 0) ? null : v];
      }),
    })),
  }), [runs, term, logScale]);
  return (
    <section aria-labelledby="curves-title">
      <div class="section-head">
        <h2 id="curves-title">Curves</h2>
        <span class="spacer" />
        <label>
          Term
          <select value={term} onChange={(e) => setTerm(e.currentTarget.value)}>
            {CURVE_TERMS.map((t) => <option key={t} value={t}>{t}</option>)}
          </select>
        </label>
        <label>
          <input type="checkbox" checked={logScale} onChange={(e) => setLog(e.currentTarget.checked ? '1' : '')} />
          Log scale
        </label>
      </div>
      <div class="card">
        <Chart option={option} height={300} label={`${term} by training step for every compared run`} />
      </div>
    </section>
  );
}

/** The same error map (kind and name) of every run that has it, on one colour scale. */
function SideBySideMaps({ runs }: { runs: RunDetail[] }) {
  const perRun = runs.map((r) => ({ run: r, maps: errorMaps(r.artifacts) }));
  // maps present in every run first (a fair side-by-side), then those only some runs have
  const counts = new Map<string, { map: ErrorMap; count: number }>();
  for (const { maps } of perRun) {
    for (const m of maps) {
      const entry = counts.get(m.key);
      if (entry) entry.count++;
      else counts.set(m.key, { map: m, count: 1 });
    }
  }
  const shared = errorMaps([...counts.values()].filter((e) => e.count >= 2).map((e) => e.map.artifact));
  const [chosenKey, setChosen] = useUrlParam('map');
  const chosen = shared.find((m) => m.key === chosenKey) ?? shared[0];
  const showing = chosen ? perRun.filter((p) => p.maps.some((m) => m.key === chosen.key)) : [];
  const [ranges, setRanges] = useState<Record<string, ErrorScale>>({});
  const rangeKey = chosen?.key ?? '';
  const report = useCallback(
    (runId: string) => (range: ErrorScale) => setRanges((r) => ({ ...r, [`${rangeKey}|${runId}`]: range })),
    [rangeKey],
  );
  const known = showing.map((p) => ranges[`${rangeKey}|${p.run.id}`]).filter(Boolean);
  // one scale for all: applied once every shown map has reported its range, so no map is clipped
  const scale = known.length === showing.length ? unionScale(known) : undefined;
  return (
    <section aria-labelledby="maps-title">
      <h2 id="maps-title">Error maps side by side <span class="muted">(one shared colour scale)</span></h2>
      {!chosen ? (
        <p class="muted">No error map is in two or more of these runs (maps are written at the end of a run's evaluation).</p>
      ) : (
        <>
          <div class="toolbar">
            <label>
              Map
              <select value={chosen.key} onChange={(e) => setChosen(e.currentTarget.value)} aria-label="Error map to compare">
                {groupByKind(shared).map(([kind, group]) => (
                  <optgroup key={kind} label={kind}>
                    {group.map((m) => <option key={m.key} value={m.key}>{m.name} ({counts.get(m.key)!.count} runs)</option>)}
                  </optgroup>
                ))}
              </select>
            </label>
            <span class="muted">
              {scale ? `Scale ${fmt(scale.min, 2)}–${fmt(scale.max, 2)} mm over the ${showing.length} maps shown` : 'Reading the maps’ ranges…'}
            </span>
          </div>
          <div class="maps-side-by-side">
            {showing.map(({ run, maps }) => {
              const m = maps.find((x) => x.key === chosen.key)!;
              return (
                <div key={`${run.id}|${m.key}`} class="card map-cell" data-run={run.id}>
                  <h3><a href={`/runs/${encodeURIComponent(run.id)}?map=${encodeURIComponent(m.key)}`}>{run.experiment_id} {run.run_key}</a></h3>
                  <LazyErrorMapViewer url={api.artifactUrl(m.artifact.path)} title={`${run.run_key} ${m.kind} ${m.name}`}
                    scale={scale} onRange={report(run.id)} height={320} />
                </div>
              );
            })}
          </div>
        </>
      )}
    </section>
  );
}
