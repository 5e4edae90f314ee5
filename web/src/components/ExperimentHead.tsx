// An experiment's identity and state: name, description, tags, live progress, times, hashes, the
// definition (as YAML, folded) and its events.
import { stringify } from 'yaml';
import type { Counts, ExperimentDetail } from '../api';
import { duration, when } from '../format';
import { ProgressBar } from './ProgressBar';
import { StatusBadge } from './StatusBadge';

export function ExperimentHead({ experiment, status, counts, actions }: {
  experiment: ExperimentDetail;
  status: string;
  counts: Counts;
  actions: preact.ComponentChildren;
}) {
  const e = experiment;
  const events = e.events ?? [];
  return (
    <div>
      <div class="breadcrumb"><a href="/">Experiments</a> /</div>
      <div class="page-head">
        <div class="grow">
          <h1>{e.name} <StatusBadge status={status} /></h1>
          {e.description && <p class="description">{e.description}</p>}
          <div>{e.tags.map((t) => <a key={t} class="tag" href={`/?tag=${encodeURIComponent(t)}`}>{t}</a>)}</div>
        </div>
        <div class="head-progress">
          <ProgressBar counts={counts} total={e.run_count} />
        </div>
      </div>
      {actions}
      <div class="grid two head-facts">
        <dl class="facts">
          <dt>Created</dt><dd>{when(e.created_at)}{e.submitter ? ` by ${e.submitter}` : ''}</dd>
          <dt>Started</dt><dd>{when(e.started_at)}</dd>
          <dt>Finished</dt><dd>{when(e.finished_at)}</dd>
          <dt>Duration</dt><dd>{duration(e.started_at, e.finished_at)}</dd>
        </dl>
        <dl class="facts">
          <dt>Id</dt><dd><code>{e.id}</code></dd>
          <dt>Definition hash</dt><dd><code>{e.definition_hash}</code></dd>
          <dt>Dataset hash</dt><dd><code>{e.dataset_hash ?? '—'}</code></dd>
          <dt>Runs</dt><dd>{e.run_count.toLocaleString('en-US')}</dd>
        </dl>
      </div>
      <details class="fold">
        <summary>Definition (YAML)</summary>
        {/* as submitted (comments, key order, quoting); the parsed form only for rows stored without it */}
        <pre class="code-block">{e.definition_yaml ? e.definition_yaml : stringify(e.definition)}</pre>
      </details>
      <details class="fold">
        <summary>Events ({events.length})</summary>
        {events.length === 0 ? <p class="muted">No events recorded yet.</p> : (
          <div class="scroll-box">
            <table class="plain" aria-label="Experiment events">
              <thead><tr><th>When</th><th>Run</th><th>Status</th><th>Reason</th><th>Worker</th></tr></thead>
              <tbody>
                {events.map((ev) => (
                  <tr key={ev.id}>
                    <td class="nowrap">{when(ev.created_at)}</td>
                    <td>{ev.run_id ? <a href={`/runs/${encodeURIComponent(ev.run_id)}`}>{ev.run_id.slice(e.id.length + 1) || ev.run_id}</a> : 'experiment'}</td>
                    <td><StatusBadge status={ev.status} /></td>
                    <td>{ev.reason ?? ''}</td>
                    <td>{ev.worker ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </details>
    </div>
  );
}
