// Runs grouped by chosen config keys, with a figure's mean ± std and n over the rest (usually the
// seeds): GET /api/experiments/{id}/groups. The keys and the figure come from the page (the URL).
import { api } from '../api';
import { useApi } from '../data';
import { fmt } from '../format';
import { GROUP_METRICS, metricTitle } from '../runColumns';
import { ErrorBox } from './ErrorBox';

export function GroupByTable({ experimentId, configKeys, by, metric, onBy, onMetric, runCount }: {
  experimentId: string;
  configKeys: string[];
  by: string[];
  metric: string;
  onBy: (keys: string[]) => void;
  onMetric: (metric: string) => void;
  /** Reloads the groups when the number of finished runs changes. */
  runCount: number;
}) {
  const groups = useApi(
    () => (by.length ? api.groups(experimentId, by, metric) : Promise.resolve(undefined)),
    [experimentId, by.join(','), metric, runCount],
  );
  const toggle = (key: string, on: boolean) => onBy(on ? configKeys.filter((k) => k === key || by.includes(k)) : by.filter((k) => k !== key));
  return (
    <section aria-labelledby="group-by-title">
      <h2 id="group-by-title">Group by</h2>
      {configKeys.length === 0 ? (
        <p class="muted">This experiment sweeps no config keys, so there is nothing to group by.</p>
      ) : (
        <div class="toolbar">
          <fieldset class="inline-choices">
            <legend>Config keys</legend>
            {configKeys.map((k) => (
              <label key={k}>
                <input type="checkbox" checked={by.includes(k)} onChange={(e) => toggle(k, e.currentTarget.checked)} />
                <code>{k}</code>
              </label>
            ))}
          </fieldset>
          <label>Figure
            <select value={metric} onChange={(e) => onMetric(e.currentTarget.value)}>
              {GROUP_METRICS.map((m) => <option key={m} value={m}>{metricTitle(m)}</option>)}
            </select>
          </label>
        </div>
      )}
      {groups.error && <ErrorBox error={groups.error} what="group the runs" />}
      {configKeys.length > 0 && by.length === 0 && (
        <p class="muted">Choose one or more config keys: the runs that share their values form a group, and the figure's mean ± std is taken over the rest (for example the seeds).</p>
      )}
      {by.length > 0 && !groups.value && !groups.error && <div class="loading fixed-small">Grouping runs…</div>}
      {groups.value && (
        <table class="plain groups" aria-label={`Runs grouped by ${by.join(', ')}`}>
          <thead>
            <tr>
              {groups.value.by.map((k) => <th key={k}><code>{k}</code></th>)}
              <th class="num">{metricTitle(groups.value.metric)} mean ± std</th>
              <th class="num">n (with a figure)</th>
              <th class="num">runs</th>
            </tr>
          </thead>
          <tbody>
            {groups.value.groups.map((g, i) => (
              <tr key={i}>
                {groups.value!.by.map((k) => <td key={k}>{fmt(g.key[k])}</td>)}
                <td class="num">{g.mean === null ? '—' : `${fmt(g.mean, 4)} ± ${g.std === null ? '—' : fmt(g.std, 4)}`}</td>
                <td class="num">{g.n}</td>
                <td class="num">{g.runs}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
