// The state of a panel's buttons that call the API (ExperimentActions, RunActions): which call is
// under way, the last refusal (shown as is) and the last confirmation line.
import { useState } from 'preact/hooks';
import { ApiFailure } from '../api';

export function useApiAction() {
  const [busy, setBusy] = useState('');
  const [error, setError] = useState<{ what: string; failure: ApiFailure }>();
  const [done, setDone] = useState('');

  /** Runs `call`, named `what` in its refusal; `after` gets the answer (it sets `done`, refreshes). */
  const act = async (what: string, call: () => Promise<unknown>, after: (answer: any) => void) => {
    setBusy(what);
    setError(undefined);
    setDone('');
    try {
      after(await call());
    } catch (e) {
      setError({ what, failure: e instanceof ApiFailure ? e : new ApiFailure(0, 'client_error', [String(e)]) });
    } finally {
      setBusy('');
    }
  };

  return { busy, error, done, setDone, act };
}
