// The experiment page of an early-stopped sweep (an ASHA sweep of nine runs seeded through the
// repositories by DashboardEndToEndTest, its decisions made by the workflow's own EarlyStoppingBook, named
// in FTGAN_EARLY_STOPPED_EXPERIMENT): the steps saved against the full budget, the rungs with every
// stopped run at its step, its figure and its cut-off, the runs that went on, and the best-so-far line
// over wall time and over steps spent (the choice kept in the URL).
import { expect } from './helpers.mjs';

export const name = 'early-stopping';

/** As the dashboard's fmt(value, 4). */
function fmt4(v) {
  if (v === null || v === undefined) return '—';
  return Number.isInteger(v) ? v.toLocaleString('en-US') : v.toFixed(4);
}

export async function run(t) {
  const id = process.env.FTGAN_EARLY_STOPPED_EXPERIMENT;
  if (!id) {
    return t.skip('FTGAN_EARLY_STOPPED_EXPERIMENT names no seeded experiment (DashboardEndToEndTest sets it)');
  }
  const { page } = t;
  const a = await (await fetch(`${t.base}/api/experiments/${encodeURIComponent(id)}/rungs`)).json();
  const stopped = a.runs.filter((r) => r.stopped);
  expect(a.early_stopping?.method === 'asha' && stopped.length > 0 && stopped.length < a.runs.length,
    `the seeded sweep stopped some runs early and not all (${stopped.length} of ${a.runs.length})`);

  await page.goto(`/experiments/${encodeURIComponent(id)}`);
  const section = page.locator('section.early-stopping');
  await section.getByRole('heading', { name: 'Early stopping' }).waitFor();

  // the steps saved, against the full budget
  const saved = await section.locator('.steps-saved [data-figure="saved"]').innerText();
  expect(a.steps.saved_by_stopping > 0 && saved === a.steps.saved_by_stopping.toLocaleString('en-US'),
    `the page shows ${a.steps.saved_by_stopping} steps saved (shows ${saved})`);
  const savedText = await section.locator('.steps-saved').innerText();
  expect(savedText.includes(a.steps.budget.toLocaleString('en-US')), `the full budget ${a.steps.budget} is named (${savedText})`);

  // per rung: reached, stopped there, went on
  const summary = section.locator('table.rung-summary tbody tr');
  expect(await summary.count() === a.rungs.length, `one summary row per rung (${a.rungs.length})`);
  for (const g of a.rungs) {
    const cells = await section.locator(`table.rung-summary tr[data-step="${g.step}"] td`).allInnerTexts();
    expect(JSON.stringify(cells) === JSON.stringify([g.step, g.reached, g.stopped, g.continued].map((n) => n.toLocaleString('en-US'))),
      `rung ${g.step}: reached ${g.reached}, stopped ${g.stopped}, went on ${g.continued} (shown ${cells})`);
  }

  // runs x rungs: every stopped run at its step with its figure and cut-off; the others went on everywhere
  const rows = section.locator('table.rungs-table tbody tr');
  expect(await rows.count() === a.runs.length, `one row per run (${a.runs.length})`);
  for (const r of a.runs) {
    const row = section.locator(`table.rungs-table tr[data-run="${r.run_key}"]`);
    if (r.stopped) {
      const cell = row.locator('td.stopped');
      expect(await cell.count() === 1, `run ${r.run_key} has one stopped cell`);
      expect(await cell.innerText() === fmt4(r.stopped.value), `run ${r.run_key} stopped on ${fmt4(r.stopped.value)} (shows ${await cell.innerText()})`);
      expect(await row.locator('td.stopped-at').innerText() === r.stopped.step.toLocaleString('en-US'), `run ${r.run_key} stopped at ${r.stopped.step}`);
      expect(await row.locator('td.cutoff').innerText() === fmt4(r.stopped.cutoff), `run ${r.run_key}'s cut-off ${fmt4(r.stopped.cutoff)}`);
      expect((await cell.getAttribute('title')).startsWith('stopped early by the sweep at rung'), `the cell's title is the decision's reason`);
    } else {
      expect(await row.locator('td.stopped').count() === 0, `run ${r.run_key} was not stopped`);
      expect(await row.locator('td.went-on').count() === r.rungs.length, `run ${r.run_key} went on at each of its ${r.rungs.length} rungs`);
    }
  }
  // furthest first: the first row reached the last rung
  const last = a.rungs[a.rungs.length - 1].step;
  const firstKey = await rows.first().getAttribute('data-run');
  expect(a.runs.find((r) => r.run_key === firstKey).rungs.some((c) => c.step === last), `the first row (${firstKey}) reached step ${last}`);

  // the best-so-far line, over wall time, then over steps spent (kept in the URL across a reload)
  await section.locator('.chart canvas').first().waitFor();
  expect(a.best_so_far.length >= 2, 'the best-so-far line has points');
  await section.locator('table.rungs-table').scrollIntoViewIfNeeded();
  await t.shot('rungs');
  await section.getByLabel('over steps spent').check();
  await page.waitForURL(/bestx=steps/);
  await page.reload();
  await section.getByRole('heading', { name: 'Early stopping' }).waitFor();
  expect(await section.getByLabel('over steps spent').isChecked(), 'the x axis choice survives a reload');
  const label = await section.locator('.chart[role="img"]').first().getAttribute('aria-label');
  expect(label.includes('steps spent') && label.includes(fmt4(a.best_so_far[a.best_so_far.length - 1].value)),
    `the chart names its axis and the best figure now (${label})`);
  await section.scrollIntoViewIfNeeded();
  await t.shot('best-so-far');
}
