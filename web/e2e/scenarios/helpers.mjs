// What the scenarios share: assertions, and submitting definitions through the API (with the token).

export function expect(condition, what) {
  if (!condition) throw new Error(`expected: ${what}`);
}

/** A definition that trains in seconds: the tiny network on a tiny synthetic set. */
export function tinyDefinition({ name, description = 'end-to-end test', runs = 2, steps = 30 }) {
  const seeds = Array.from({ length: runs }, (_, i) => i + 1);
  return [
    '# written by the end-to-end tests (a comment: the page shows the definition as submitted)',
    `name: ${name}`,
    `description: ${JSON.stringify(description)}`,
    'tags: [e2e]',
    'dataset:',
    '  kind: synthetic',
    '  synth: {subjects: 3, expressions: 3, vertices: 652, frames: 9, seed: 1}',
    '  seed: 1',
    'model: {preset: tiny}',
    'topology: {factors: [4, 4]}',
    `training: {steps: ${steps}, batch: 4, lr: 1.0e-3, seed: 1, log_every: 5, checkpoint_every_steps: ${steps}, keep_last: 1}`,
    'evaluation: {triplets: 40, seed: 1, pool: all}',
    'sweep:',
    '  grid:',
    `    training: {seed: [${seeds.join(', ')}]}`,
    '',
  ].join('\n');
}

/** POSTs a YAML definition; returns the experiment id. */
export async function submitDefinition(t, yaml) {
  const r = await fetch(`${t.base}/api/experiments`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/yaml', Authorization: `Bearer ${t.token}` },
    body: yaml,
  });
  const body = await r.json();
  if (r.status !== 201 && r.status !== 200) throw new Error(`submitting failed: ${r.status} ${JSON.stringify(body)}`);
  return body.id;
}

/** Waits until the experiment has finished (succeeded, failed or cancelled), polling the API. */
export async function awaitExperiment(t, id, timeoutMs = 240_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const e = await (await fetch(`${t.base}/api/experiments/${encodeURIComponent(id)}`)).json();
    if (['succeeded', 'failed', 'cancelled'].includes(e.status)) return e;
    if (Date.now() > deadline) throw new Error(`experiment ${id} still ${e.status} after ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 1000));
  }
}

/**
 * A finished two-run sweep for the scenarios that read one: the one the submit scenario made through
 * the page when it ran first, else one submitted here through the API. Returns the experiment detail.
 */
export async function finishedExperiment(t) {
  if (!t.state.experimentId) {
    t.state.experimentId = await submitDefinition(t, tinyDefinition({ name: 'e2e-sweep', description: 'two seeds', runs: 2 }));
  }
  return awaitExperiment(t, t.state.experimentId);
}

/** The experiment's runs (id, status, overrides...) from the API. */
export async function runsOf(t, experimentId) {
  const r = await fetch(`${t.base}/api/experiments/${encodeURIComponent(experimentId)}/runs?limit=100`);
  return (await r.json()).runs;
}
