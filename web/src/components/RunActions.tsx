// What a token holder can do to one run: cancel it while it is queued or trains (its siblings go on), or,
// once it has ended with a checkpoint, continue it to a larger step budget (the experiment's workflow
// queues it again, while the experiment runs or after). The API refuses without a token; the refusal is
// shown as is.
import { useState } from 'preact/hooks';
import { api, token, type RunDetail } from '../api';
import { ACTIVE_RUN_STATUSES } from '../generated/names';
import { ErrorBox } from './ErrorBox';
import { useApiAction } from './useApiAction';

/** Ended runs that can train on: a failed one is retried from the experiment instead. */
const CONTINUABLE: readonly string[] = ['succeeded', 'stopped_early', 'cancelled'];

export function RunActions({ run, onChanged }: { run: RunDetail; onChanged: () => void }) {
  const { busy, error, done, setDone, act } = useApiAction();
  const [steps, setSteps] = useState('');
  const active = (ACTIVE_RUN_STATUSES as readonly string[]).includes(run.status);
  const continuable = CONTINUABLE.includes(run.status) && !!run.last_checkpoint;
  if (!active && !continuable) return null;

  const succeeded = (message: string) => () => {
    setDone(message);
    onChanged();
  };

  return (
    <div class="actions">
      <div class="toolbar">
        {active && (
          <button type="button" class="danger" disabled={!!busy}
            onClick={() => confirm(`Cancel run ${run.run_key}? Its siblings go on.`) &&
              act('cancel the run', () => api.cancelRun(run.id), succeeded('Cancellation requested.'))}>
            {busy === 'cancel the run' ? 'Cancelling…' : 'Cancel run'}
          </button>
        )}
        {continuable && (
          <form class="inline" onSubmit={(ev) => {
            ev.preventDefault();
            const s = Number(steps);
            act('continue the run', () => api.continueRuns(run.experiment_id, { steps: s, runs: [run.id] }),
              succeeded(`Continuing ${run.run_key} from step ${run.last_step ?? 0} to ${s} steps.`));
          }}>
            <label>Continue to <input type="number" min={(run.last_step ?? 0) + 1} required size={7} value={steps}
              aria-label="continue this run to steps" onInput={(ev) => setSteps((ev.target as HTMLInputElement).value)} /> steps</label>
            <button type="submit" disabled={!!busy || steps === ''}>
              {busy === 'continue the run' ? 'Continuing…' : 'Continue'}
            </button>
          </form>
        )}
      </div>
      {token.get() === '' && (
        <p class="muted small">These actions need an API token: paste one on the <a href="/submit">Submit page</a> (it stays in this browser).</p>
      )}
      {done && <p class="small" role="status">{done}</p>}
      {error && <ErrorBox error={error.failure} what={error.what} />}
    </div>
  );
}
