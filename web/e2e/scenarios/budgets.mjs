// Budgets changed from the experiment page: a running experiment's "runs at once" is set and recorded
// as an event; a running search sweep gets one more point; continuing a running one's runs before any has
// ended shows the API's refusal; an ended one's best run is continued to a larger step budget and trains to it,
// then continued again from its own run page.
import { awaitExperiment, expect, runsOf, submitDefinition, tinyDefinition } from './helpers.mjs';

export const name = 'budgets';

export async function run(t) {
  const { page } = t;
  await page.goto('/');
  await page.evaluate((v) => localStorage.setItem('ftgan.token', v), t.token);

  // one run that trains until cancelled, one queued behind it (max_parallel 1)
  const longId = await submitDefinition(t, tinyDefinition({ name: 'e2e-budget-running', runs: 2, steps: 100000 })
    + '  max_parallel: 1\n');
  await page.goto(`/experiments/${encodeURIComponent(longId)}`);
  const runsAtOnce = page.getByLabel('runs at once');
  await runsAtOnce.waitFor({ timeout: 60_000 });
  await runsAtOnce.fill('2');
  await page.getByRole('button', { name: 'Set', exact: true }).click();
  await page.getByText('At most 2 runs at once from now on.').waitFor();
  const detail = await (await fetch(`${t.base}/api/experiments/${encodeURIComponent(longId)}`)).json();
  expect(JSON.stringify(detail.events).includes('max_parallel set to 2'), 'the change is recorded as an event');
  await t.shot('max-parallel');
  // continuing is offered while it runs too; with no run ended yet the API's refusal is shown as is
  await page.getByLabel('how many runs').fill('1');
  await page.getByLabel('new step budget').fill('20');
  await page.getByRole('button', { name: 'Continue', exact: true }).click();
  await page.getByText('Could not continue the best runs').waitFor();
  await page.getByText(/has no run that can be continued to 20 steps/).waitFor();
  await fetch(`${t.base}/api/experiments/${encodeURIComponent(longId)}/cancel`,
    { method: 'POST', headers: { Authorization: `Bearer ${t.token}` } });

  // a random search of one long point, one point added from the page (the workflow records it)
  const searchYaml = tinyDefinition({ name: 'e2e-budget-search', runs: 1, steps: 100000 })
    .replace(/sweep:\n  grid:\n.*\n/, 'sweep:\n  search: {method: random, n: 1, seed: 1, space: {training: {lr: {log_uniform: [1.0e-4, 1.0e-3]}}}}\n');
  expect(searchYaml.includes('search: {method: random'), 'the search definition is built');
  const searchId = await submitDefinition(t, searchYaml);
  await page.goto(`/experiments/${encodeURIComponent(searchId)}`);
  await page.getByLabel('search points to add').waitFor({ timeout: 60_000 });
  await page.getByLabel('search points to add').fill('1');
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await page.getByText('1 more search point asked for.').waitFor();
  const until = Date.now() + 120_000;
  for (;;) {
    const d = await (await fetch(`${t.base}/api/experiments/${encodeURIComponent(searchId)}`)).json();
    if (JSON.stringify(d.events).includes('1 search point added by request: 2 in all')) break;
    expect(Date.now() < until, 'the added point is recorded as an event');
    await new Promise((res) => setTimeout(res, 1000));
  }
  await fetch(`${t.base}/api/experiments/${encodeURIComponent(searchId)}/cancel`,
    { method: 'POST', headers: { Authorization: `Bearer ${t.token}` } });

  // an ended one-run experiment of 10 steps, its run continued to 20 from the page
  const id = await submitDefinition(t, tinyDefinition({ name: 'e2e-budget-continued', runs: 1, steps: 10 }));
  await awaitExperiment(t, id);
  await page.goto(`/experiments/${encodeURIComponent(id)}`);
  await page.getByLabel('new step budget').waitFor();
  await page.getByLabel('how many runs').fill('1');
  await page.getByLabel('new step budget').fill('20');
  await page.getByRole('button', { name: 'Continue', exact: true }).click();
  const runId = `${id}-r0000`;
  await page.getByText(`Continuing ${runId} to 20 steps.`).waitFor();
  const deadline = Date.now() + 240_000;
  for (;;) {
    const [r] = await runsOf(t, id);
    if (r.status === 'succeeded' && r.last_step === 20) break;
    expect(Date.now() < deadline, `the continued run trains to 20 steps (now ${r.status} at ${r.last_step})`);
    await new Promise((res) => setTimeout(res, 1000));
  }
  await t.shot('continued');

  // a chosen run is continued from its own page (the experiment has ended: its workflow starts again)
  await page.goto(`/runs/${encodeURIComponent(runId)}`);
  await page.getByLabel('continue this run to steps').fill('30');
  await page.getByRole('button', { name: 'Continue', exact: true }).click();
  await page.getByText('Continuing r0000 from step 20 to 30 steps.').waitFor();
  const until30 = Date.now() + 240_000;
  for (;;) {
    const [r] = await runsOf(t, id);
    if (r.status === 'succeeded' && r.last_step === 30) break;
    expect(Date.now() < until30, `the run continued from its page trains to 30 steps (now ${r.status} at ${r.last_step})`);
    await new Promise((res) => setTimeout(res, 1000));
  }
  // the page follows the run without a reload
  await page.getByText('30 / 30 steps').waitFor({ timeout: 60_000 });
  await t.shot('run-continued');
}
