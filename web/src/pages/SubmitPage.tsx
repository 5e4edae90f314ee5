// Submit: write, paste, upload or drop a definition; problems show at their lines as you type (YAML
// syntax locally, everything else from POST /api/definitions/validate); submit with a token.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { api, ApiFailure, token, type Validated } from '../api';
import { placeDetails, syntaxProblems, type Problem } from '../definitionProblems';
import { useUrlParam } from '../url';
import { ErrorBox } from '../components/ErrorBox';
import { YamlEditor } from '../components/YamlEditor';
import type { EditorHandle } from '../components/yamlEditorView';
import quickstart from '../../../experiments/quickstart.yaml';
import ablationLatentSizes from '../../../experiments/ablation-latent-sizes.yaml';
import ablationLossWeights from '../../../experiments/ablation-loss-weights.yaml';

/** The repository's example definitions, bundled at build time (the API does not serve repo files). */
const EXAMPLES: Record<string, { label: string; text: string }> = {
  quickstart: { label: 'quickstart (4 tiny runs, minutes)', text: quickstart },
  'ablation-latent-sizes': { label: 'ablation-latent-sizes (16 runs)', text: ablationLatentSizes },
  'ablation-loss-weights': { label: 'ablation-loss-weights (243 runs)', text: ablationLossWeights },
};
/** Checking with the API waits until typing pauses this long. */
const VALIDATE_DELAY_MS = 700;

type Check =
  | { state: 'idle' }
  | { state: 'checking' }
  | { state: 'valid'; result: Validated }
  | { state: 'invalid' }
  | { state: 'failed'; error: ApiFailure };

export default function SubmitPage() {
  const { route } = useLocation();
  const [from, setFrom] = useUrlParam('from', 'quickstart');
  const initial = useMemo(() => (EXAMPLES[from] ?? EXAMPLES.quickstart).text, []); // eslint-disable-line react-hooks/exhaustive-deps
  const [text, setText] = useState(initial);
  const textRef = useRef(text);
  const editor = useRef<EditorHandle | undefined>(undefined);
  const [serverProblems, setServerProblems] = useState<Problem[]>([]);
  const [check, setCheck] = useState<Check>({ state: 'idle' });
  const [secret, setSecret] = useState(token.get());
  const [submitting, setSubmitting] = useState(false);
  const [submitError, setSubmitError] = useState<ApiFailure>();
  const [needToken, setNeedToken] = useState<string>();
  const [dragging, setDragging] = useState(false);

  const syntax = useMemo(() => syntaxProblems(text), [text]);
  const problems = useMemo(() => [...syntax, ...serverProblems].sort((a, b) => a.from - b.from), [syntax, serverProblems]);

  const onChange = (next: string) => {
    textRef.current = next;
    setText(next);
    setSubmitError(undefined);
    // an earlier verdict no longer holds; the check below runs once typing pauses
    setCheck({ state: 'checking' });
  };

  /** Asks the API about `sent`; answers to an older text than the editor's are dropped. */
  const validate = async (sent: string) => {
    if (syntaxProblems(sent).length || !sent.trim()) {
      setServerProblems([]);
      setCheck({ state: 'idle' });
      return;
    }
    setCheck({ state: 'checking' });
    try {
      const result = await api.validate(sent);
      if (sent !== textRef.current) return;
      setServerProblems([]);
      setCheck({ state: 'valid', result });
    } catch (e) {
      if (sent !== textRef.current) return;
      const failure = e instanceof ApiFailure ? e : new ApiFailure(0, 'client_error', [String(e)]);
      if (failure.code === 'invalid_definition') {
        setServerProblems(placeDetails(sent, failure.details));
        setCheck({ state: 'invalid' });
      } else {
        setServerProblems([]);
        setCheck({ state: 'failed', error: failure });
      }
    }
  };

  // check as the user types, once typing pauses
  useEffect(() => {
    const id = setTimeout(() => validate(text), VALIDATE_DELAY_MS);
    return () => clearTimeout(id);
  }, [text]); // eslint-disable-line react-hooks/exhaustive-deps

  const load = (next: string) => {
    if (editor.current) editor.current.setText(next);
    else onChange(next);
  };

  const loadFile = async (file: File | undefined) => {
    if (!file) return;
    load(await file.text());
  };

  const submit = async () => {
    setSubmitError(undefined);
    setNeedToken(undefined);
    if (syntax.length) {
      editor.current?.goToLine(syntax[0].line);
      return;
    }
    if (!secret.trim()) {
      setNeedToken('Submitting needs an API token: paste a token below.');
      return;
    }
    setSubmitting(true);
    try {
      const submitted = await api.submit(text, 'application/yaml');
      route(`/experiments/${encodeURIComponent(submitted.id)}`);
    } catch (e) {
      const failure = e instanceof ApiFailure ? e : new ApiFailure(0, 'client_error', [String(e)]);
      if (failure.status === 401 || failure.status === 403) {
        setNeedToken(`The API refused the token (${failure.details.join('; ')}): paste a valid token.`);
      } else if (failure.code === 'invalid_definition') {
        setServerProblems(placeDetails(text, failure.details));
        setCheck({ state: 'invalid' });
      } else {
        setSubmitError(failure);
      }
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <div class="submit-page">
      <div class="page-head">
        <div class="grow">
          <h1>Submit an experiment</h1>
          <div class="muted">
            Write, paste, upload or drop a definition (YAML or JSON). It is checked as you type; problems show at their
            lines. Submitting starts every run of its sweep.
          </div>
        </div>
      </div>

      <div class="toolbar">
        <label>Start from
          <select value={from} onChange={(e) => {
            const key = e.currentTarget.value;
            setFrom(key);
            load(EXAMPLES[key].text);
          }}>
            {Object.entries(EXAMPLES).map(([key, ex]) => <option key={key} value={key}>{ex.label}</option>)}
          </select>
        </label>
        <label class="file-button button">
          Upload a file…
          <input type="file" accept=".yaml,.yml,.json,text/yaml,application/json" class="visually-hidden"
            onChange={(e) => { loadFile(e.currentTarget.files?.[0]); e.currentTarget.value = ''; }} />
        </label>
        <span class="muted">or drop one on the editor</span>
      </div>

      <div class={'editor-frame' + (dragging ? ' dragging' : '')}
        onDragOver={(e) => { e.preventDefault(); setDragging(true); }}
        onDragLeave={() => setDragging(false)}
        onDropCapture={(e) => {
          const file = e.dataTransfer?.files?.[0];
          setDragging(false);
          if (!file) return;
          // the file replaces the text (CodeMirror would insert it at the drop point)
          e.preventDefault();
          e.stopPropagation();
          loadFile(file);
        }}>
        <YamlEditor initialText={initial} onChange={onChange} problems={problems} label="Experiment definition (YAML)"
          onReady={(e) => { editor.current = e; }} />
      </div>

      <div class="check-line" aria-live="polite">
        <CheckSummary check={check} syntaxCount={syntax.length} problemCount={problems.length} />
      </div>
      {check.state === 'failed' && <ErrorBox error={check.error} what="check the definition" />}
      {problems.length > 0 && (
        <ol class="problem-list" aria-label="Problems in the definition">
          {problems.map((p, i) => (
            <li key={i} data-line={p.line} data-path={p.path}>
              <button type="button" class="link" onClick={() => editor.current?.goToLine(p.line)}>
                Line {p.line}
              </button>{' '}
              <code>{p.path}</code>: {p.message}
              {!p.exact && <span class="muted"> (shown at the nearest key that exists)</span>}
            </li>
          ))}
        </ol>
      )}

      <form class="submit-form card" onSubmit={(e) => { e.preventDefault(); submit(); }}>
        <label class="token-field">API token
          <input type="password" autoComplete="off" value={secret} placeholder="paste a token"
            onInput={(e) => { const v = e.currentTarget.value.trim(); setSecret(v); token.set(v); setNeedToken(undefined); }} />
        </label>
        <span class="muted">
          Kept in this browser only. Make one with <code>ftgan token create --name NAME</code>.
        </span>
        <span class="spacer" />
        <button type="button" onClick={() => validate(text)} disabled={check.state === 'checking'}>Validate</button>
        <button type="submit" class="primary" disabled={submitting}>{submitting ? 'Submitting…' : 'Submit'}</button>
      </form>
      {needToken && <div class="error-box" role="alert">{needToken}</div>}
      {submitError && <ErrorBox error={submitError} what="submit the experiment" />}
    </div>
  );
}

function CheckSummary({ check, syntaxCount, problemCount }: { check: Check; syntaxCount: number; problemCount: number }) {
  if (syntaxCount > 0) return <span class="bad">Not valid YAML: {plural(syntaxCount, 'problem')} below.</span>;
  switch (check.state) {
    case 'checking':
      return <span class="muted">Checking…</span>;
    case 'valid':
      return (
        <span class="good">
          ✓ Valid: <strong>{check.result.name}</strong>, {plural(check.result.runs, 'run')}; it will be experiment{' '}
          <code>{check.result.id}</code>.
        </span>
      );
    case 'invalid':
      return <span class="bad">✗ {plural(problemCount, 'problem')}; click one to go to its line.</span>;
    case 'failed':
      return <span class="bad">Could not check the definition.</span>;
    default:
      return <span class="muted">Not checked yet.</span>;
  }
}

function plural(n: number, word: string) {
  return `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
}
