// The experiment page's early-stopping section (sweep.early_stopping): the steps saved against the full
// budget, the rungs (runs x judged steps: each run's figure where it was judged, where it was stopped and
// against what cut-off, which runs went on), and the best figure so far over wall time or steps spent.
// Read from GET /api/experiments/{id}/rungs; reloaded while the experiment runs.
import { useEffect, useMemo, useRef } from 'preact/hooks';
import { api, type SweepRungs } from '../api';
import type { EChartsOption } from '../charts';
import { useApi, useInterval } from '../data';
import { escapeHtml, fmt } from '../format';
import { cssVar, useDarkMode } from '../theme';
import { useUrlParam } from '../url';
import { Chart } from './Chart';
import { ErrorBox } from './ErrorBox';
import { StatusBadge } from './StatusBadge';

type Run = SweepRungs['runs'][number];
type XAxis = 'time' | 'steps';

const RELOAD_MS = 5_000;

/** Furthest judged step first, then the better figure there (NaN last), then sweep order. */
function rungOrder(a: Run, b: Run, lowerIsBetter: boolean): number {
  const la = a.rungs[a.rungs.length - 1];
  const lb = b.rungs[b.rungs.length - 1];
  if (!la || !lb) return la ? -1 : lb ? 1 : 0;
  if (la.step !== lb.step) return lb.step - la.step;
  if (la.value === null || lb.value === null) return la.value === null ? (lb.value === null ? 0 : 1) : -1;
  return lowerIsBetter ? la.value - lb.value : lb.value - la.value;
}

function describe(r: NonNullable<SweepRungs['early_stopping']>): string {
  const range = `from step ${r.min_steps.toLocaleString('en-US')}` + (r.max_steps !== null ? ` to ${r.max_steps.toLocaleString('en-US')}` : '');
  return r.method === 'asha'
    ? `ASHA on ${r.metric} (${r.mode}), rungs ${range}, reduction factor ${r.reduction_factor}: at each rung a run goes on only if it is among the best 1/${r.reduction_factor} of the runs that reached it so far.`
    : `Median rule on ${r.metric} (${r.mode}), every evaluation ${range}: a run stops when the median of the other runs' figures at the same step is better than its own.`;
}

function minutes(s: number): string {
  if (s < 10) return `${s.toFixed(1)} s`;
  return s < 120 ? `${Math.round(s)} s` : `${(s / 60).toFixed(1)} min`;
}

export function EarlyStopping({ experimentId, live }: { experimentId: string; live: boolean }) {
  const rungs = useApi(() => api.rungs(experimentId), [experimentId]);
  useInterval(() => rungs.reload(), live ? RELOAD_MS : null);
  // once more when the experiment ends, for the decisions and steps of its last moments
  const wasLive = useRef(live);
  useEffect(() => {
    if (wasLive.current && !live) rungs.reload();
    wasLive.current = live;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [live]);
  const a = rungs.value;
  if (rungs.error) return <ErrorBox error={rungs.error} what="load the early-stopping decisions" />;
  if (!a || !a.early_stopping) return null;
  return (
    <section aria-labelledby="early-stopping-title" class="card early-stopping">
      <h2 id="early-stopping-title">Early stopping</h2>
      <p class="muted small">{describe(a.early_stopping)}</p>
      <StepsSaved steps={a.steps} />
      <div class="grid two">
        <RungSummary answer={a} />
        <BestSoFar answer={a} />
      </div>
      <RungTable answer={a} />
    </section>
  );
}

function StepsSaved({ steps }: { steps: SweepRungs['steps'] }) {
  const { budget, trained, saved_by_stopping: saved, remaining } = steps;
  const pct = (n: number) => (budget ? `${((100 * n) / budget).toFixed(1)}%` : '—');
  return (
    <div class="steps-saved" aria-label="Steps saved by early stopping">
      <div class="figure">
        <span class="label">Steps saved</span>
        <span class="value" data-figure="saved">{saved.toLocaleString('en-US')}</span>
        <span class="muted">{pct(saved)} of the full budget of {budget.toLocaleString('en-US')} steps (every run trained to its max_steps)</span>
      </div>
      <div class="steps-bar" role="img"
        aria-label={`${trained} steps trained, ${saved} saved by early stopping, ${remaining} still ahead, of ${budget}`}>
        <span class="trained" style={{ width: pct(trained) }} />
        <span class="saved" style={{ width: pct(saved) }} />
        <span class="remaining" style={{ width: pct(remaining) }} />
      </div>
      <div class="muted small steps-legend">
        <span><i class="trained" /> trained {trained.toLocaleString('en-US')} ({pct(trained)})</span>
        <span><i class="saved" /> saved {saved.toLocaleString('en-US')} by stopping {steps.runs_stopped} run{steps.runs_stopped === 1 ? '' : 's'} early</span>
        {remaining > 0 && <span><i class="remaining" /> still ahead {remaining.toLocaleString('en-US')}</span>}
      </div>
    </div>
  );
}

function RungSummary({ answer }: { answer: SweepRungs }) {
  return (
    <div>
      <h3>Rungs</h3>
      {answer.rungs.length === 0 ? <p class="muted">No run has reached a judged step yet.</p> : (
        <table class="plain rung-summary" aria-label="Runs at each judged step">
          <thead>
            <tr><th class="num">step</th><th class="num">reached</th><th class="num">stopped there</th><th class="num">went on</th></tr>
          </thead>
          <tbody>
            {answer.rungs.map((g) => (
              <tr key={g.step} data-step={g.step}>
                <td class="num">{g.step.toLocaleString('en-US')}</td>
                <td class="num">{g.reached}</td>
                <td class="num">{g.stopped}</td>
                <td class="num">{g.continued}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

function BestSoFar({ answer }: { answer: SweepRungs }) {
  const [x, setX] = useUrlParam('bestx', 'time');
  const axis: XAxis = x === 'steps' ? 'steps' : 'time';
  const dark = useDarkMode();
  const keys = useMemo(() => new Map(answer.runs.map((r) => [r.id, r.run_key])), [answer]);
  const points = answer.best_so_far.filter((p) => p.value !== null);
  const option = useMemo<EChartsOption>(() => ({
    grid: { left: 60, right: 20, top: 34, bottom: 50 },
    xAxis: axis === 'time'
      ? { type: 'value', name: 'wall time since submission', nameLocation: 'middle', nameGap: 30, axisLabel: { formatter: (v: number) => minutes(v) } }
      : { type: 'value', name: 'steps spent (all runs)', nameLocation: 'middle', nameGap: 30 },
    yAxis: { type: 'value', name: `best ${answer.metric} (mm)`, scale: true },
    tooltip: {
      trigger: 'axis',
      formatter: (ps: any) => {
        const p = (Array.isArray(ps) ? ps[0] : ps)?.data;
        if (!p) return '';
        return `best ${escapeHtml(answer.metric)} ${escapeHtml(fmt(p[1], 4))}<br>run ${escapeHtml(keys.get(p[2]) ?? p[2])} at step ${escapeHtml(fmt(p[3]))}`
          + `<br>${escapeHtml(minutes(p[4]))} after submission, ${escapeHtml(fmt(p[5]))} steps spent`;
      },
    },
    series: [{
      type: 'line',
      step: 'end',
      symbolSize: 6,
      itemStyle: { color: cssVar('--accent') },
      data: points.map((p) => [axis === 'time' ? p.elapsed_s : p.steps_spent, p.value, p.run_id, p.step, p.elapsed_s, p.steps_spent]),
    }],
  }), [points, axis, answer.metric, keys, dark]);
  return (
    <div>
      <h3>Best {answer.metric} so far</h3>
      <div class="toolbar">
        <fieldset class="inline-choices">
          <legend>x axis</legend>
          <label><input type="radio" name="bestx" checked={axis === 'time'} onChange={() => setX('time')} /> over wall time</label>
          <label><input type="radio" name="bestx" checked={axis === 'steps'} onChange={() => setX('steps')} /> over steps spent</label>
        </fieldset>
      </div>
      {points.length === 0
        ? <p class="muted chart-empty">No evaluation during training has been recorded yet.</p>
        : <Chart option={option} height={260}
            label={`Best ${answer.metric} so far against ${axis === 'time' ? 'wall time' : 'steps spent'}: ${fmt(points[points.length - 1].value, 4)} now`} />}
    </div>
  );
}

function RungTable({ answer }: { answer: SweepRungs }) {
  const lower = answer.mode !== 'max';
  const steps = answer.rungs.map((g) => g.step);
  const runs = useMemo(() => [...answer.runs].sort((a, b) => rungOrder(a, b, lower)), [answer, lower]);
  if (steps.length === 0) return null;
  return (
    <div>
      <h3>Runs at the rungs</h3>
      <p class="muted small">
        {answer.metric} (mm) of every run at each judged step it reached: <span class="cell-legend went-on">went on</span>{' '}
        <span class="cell-legend stopped">stopped there</span>; the cut-off is what a stopped run had to equal or beat
        (ASHA: the worst figure still going on; median rule: the others' median). Furthest first.
      </p>
      <div class="rungs-scroll">
        <table class="plain rungs-table" aria-label="Runs by judged step">
          <thead>
            <tr>
              <th>run</th>
              <th>status</th>
              {steps.map((s) => <th key={s} class="num">step {s.toLocaleString('en-US')}</th>)}
              <th class="num">stopped at</th>
              <th class="num">cut-off</th>
              <th class="num">trained</th>
            </tr>
          </thead>
          <tbody>
            {runs.map((r) => {
              const at = new Map(r.rungs.map((c) => [c.step, c]));
              return (
                <tr key={r.id} data-run={r.run_key} class={r.stopped ? 'was-stopped' : ''}>
                  <td><a href={`/runs/${encodeURIComponent(r.id)}`}>{r.run_key}</a></td>
                  <td><StatusBadge status={r.status} /></td>
                  {steps.map((s) => {
                    const c = at.get(s);
                    if (!c) return <td key={s} class="num empty" />;
                    return (
                      <td key={s} class={`num ${c.stopped ? 'stopped' : 'went-on'}`}
                        title={c.stopped && r.stopped ? r.stopped.reason : `went on from step ${s}`}>
                        {fmt(c.value, 4)}
                      </td>
                    );
                  })}
                  <td class="num stopped-at">{r.stopped ? r.stopped.step.toLocaleString('en-US') : '—'}</td>
                  <td class="num cutoff">{r.stopped ? fmt(r.stopped.cutoff, 4) : '—'}</td>
                  <td class="num">{r.last_step === null ? '—' : `${r.last_step.toLocaleString('en-US')} / ${fmt(r.total_steps)}`}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}
