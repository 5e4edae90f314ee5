// What a token holder can do to an experiment: cancel it while active, change how many of its runs
// train at once, add points to a running search sweep, retry its failed runs, continue its best ended runs to a larger budget, or
// submit it again as a new experiment. The API refuses without a token; the refusal is shown as is.
import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { api, token, type ExperimentDetail } from '../api';
import { ACTIVE_EXPERIMENT_STATUSES, TERMINAL_EXPERIMENT_STATUSES } from '../generated/names';
import { ErrorBox } from './ErrorBox';
import { useApiAction } from './useApiAction';

const ACTIVE: readonly string[] = ACTIVE_EXPERIMENT_STATUSES;

export function ExperimentActions({ experiment, status, failed, onChanged }: {
  experiment: ExperimentDetail;
  /** The live status (from the event stream) when known. */
  status: string;
  failed: number;
  onChanged: () => void;
}) {
  const { route } = useLocation();
  const { busy, error, done, setDone, act } = useApiAction();
  const hasToken = token.get() !== '';
  const [parallel, setParallel] = useState('');
  const [steps, setSteps] = useState('');
  const [top, setTop] = useState('1');
  const [points, setPoints] = useState('1');
  const isSearch = typeof (experiment.definition?.sweep as Record<string, unknown> | undefined)?.search === 'object';
  const ended = (TERMINAL_EXPERIMENT_STATUSES as readonly string[]).includes(status);

  return (
    <div class="actions">
      <div class="toolbar">
        {ACTIVE.includes(status) && (
          <button type="button" class="danger" disabled={!!busy}
            onClick={() => confirm(`Cancel every unfinished run of ${experiment.name}?`) &&
              act('cancel the experiment', () => api.cancelExperiment(experiment.id), () => { setDone('Cancellation requested.'); onChanged(); })}>
            {busy === 'cancel the experiment' ? 'Cancelling…' : 'Cancel'}
          </button>
        )}
        {failed > 0 && (
          <button type="button" disabled={!!busy}
            onClick={() => act('retry the failed runs', () => api.retryFailed(experiment.id), (a: { runs?: string[] }) => {
              setDone(`Retrying ${a.runs?.length ?? failed} failed run(s).`);
              onChanged();
            })}>
            {busy === 'retry the failed runs' ? 'Retrying…' : `Retry ${failed} failed run${failed === 1 ? '' : 's'}`}
          </button>
        )}
        {ACTIVE.includes(status) && (
          <form class="inline" onSubmit={(ev) => {
            ev.preventDefault();
            const n = Number(parallel);
            act('change max_parallel', () => api.setMaxParallel(experiment.id, n), () => {
              setDone(`At most ${n} run${n === 1 ? '' : 's'} at once from now on.`);
              onChanged();
            });
          }}>
            <label>Runs at once <input type="number" min={1} max={10000} required size={4} value={parallel}
              aria-label="runs at once" onInput={(ev) => setParallel((ev.target as HTMLInputElement).value)} /></label>
            <button type="submit" disabled={!!busy || parallel === ''}>
              {busy === 'change max_parallel' ? 'Setting…' : 'Set'}
            </button>
          </form>
        )}
        {isSearch && ACTIVE.includes(status) && (
          <form class="inline" onSubmit={(ev) => {
            ev.preventDefault();
            const n = Number(points);
            act('add search points', () => api.addSearchPoints(experiment.id, n), () => {
              setDone(`${n} more search point${n === 1 ? '' : 's'} asked for.`);
              onChanged();
            });
          }}>
            <label>Add <input type="number" min={1} max={100000} required size={4} value={points} aria-label="search points to add"
              onInput={(ev) => setPoints((ev.target as HTMLInputElement).value)} /> search points</label>
            <button type="submit" disabled={!!busy || points === ''}>
              {busy === 'add search points' ? 'Adding…' : 'Add'}
            </button>
          </form>
        )}
        {(ended || ACTIVE.includes(status)) && (
          <form class="inline" onSubmit={(ev) => {
            ev.preventDefault();
            const s = Number(steps);
            const k = Number(top);
            act('continue the best runs', () => api.continueRuns(experiment.id, { steps: s, top: k }), (a: { runs: string[] }) => {
              setDone(`Continuing ${a.runs.join(', ')} to ${s} steps.`);
              onChanged();
            });
          }}>
            <label>Continue the best <input type="number" min={1} required size={3} value={top} aria-label="how many runs"
              onInput={(ev) => setTop((ev.target as HTMLInputElement).value)} /></label>
            <label> to <input type="number" min={1} required size={7} value={steps} aria-label="new step budget"
              onInput={(ev) => setSteps((ev.target as HTMLInputElement).value)} /> steps</label>
            <button type="submit" disabled={!!busy || steps === ''}>
              {busy === 'continue the best runs' ? 'Continuing…' : 'Continue'}
            </button>
          </form>
        )}
        <button type="button" disabled={!!busy}
          onClick={() => act('rerun the experiment', () => api.rerun(experiment.id), (a: { id: string }) => route(`/experiments/${encodeURIComponent(a.id)}`))}>
          {busy === 'rerun the experiment' ? 'Submitting…' : 'Rerun'}
        </button>
      </div>
      {!hasToken && (
        <p class="muted small">These actions need an API token: paste one on the <a href="/submit">Submit page</a> (it stays in this browser).</p>
      )}
      {done && <p class="small" role="status">{done}</p>}
      {error && <ErrorBox error={error.failure} what={error.what} />}
    </div>
  );
}
