// The compare page: two runs of a seed sweep differ in training.seed (and only differing keys show),
// metrics and curves are drawn, and the side-by-side error maps share one colour scale.
import { expect, finishedExperiment, runsOf } from './helpers.mjs';
import { expectRenderedViewer } from './viewer.mjs';

export const name = 'compare';

export async function run(t) {
  const experiment = await finishedExperiment(t);
  const runs = (await runsOf(t, experiment.id)).filter((r) => r.status === 'succeeded');
  expect(runs.length >= 2, `experiment ${experiment.id} has two succeeded runs`);
  const [a, b] = runs;
  const page = t.page;

  // too few runs: a message says what to do; the second run is added through the form
  await page.goto(`/compare?runs=${encodeURIComponent(a.id)}`);
  await page.getByText('Choose at least 2 runs').waitFor();
  await page.getByLabel('Run ids to add').fill(b.id);
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await page.waitForURL((url) => url.searchParams.get('runs') === `${a.id},${b.id}`);

  const diff = page.getByRole('table', { name: 'Config differences' });
  await diff.waitFor();
  const seedRow = diff.locator('tbody tr', { has: page.locator('th', { hasText: /^training\.seed$/ }) });
  const seeds = await seedRow.locator('td').allInnerTexts();
  expect(seeds.length === 2 && seeds[0] !== seeds[1], `training.seed shows two different values (got ${JSON.stringify(seeds)})`);
  const keys = await diff.locator('tbody th').allInnerTexts();
  expect(!keys.includes('training.steps'), `keys with equal values are not shown (got ${JSON.stringify(keys)})`);

  await page.getByRole('img', { name: /Evaluation figures of every compared run/ }).locator('canvas').waitFor();
  await page.getByRole('img', { name: /by training step for every compared run/ }).locator('canvas').waitFor();

  // side-by-side maps: one viewer per run, every colour bar the same (one shared scale)
  const cells = page.locator('.map-cell');
  await page.waitForFunction(() => document.querySelectorAll('.map-cell').length === 2, null, { timeout: 30_000 });
  const bars = [];
  for (let i = 0; i < 2; i++) {
    await cells.nth(i).scrollIntoViewIfNeeded();
    bars.push(await expectRenderedViewer(t, cells.nth(i), `viewer of run ${i + 1}`));
  }
  await page.getByText(/over the 2 maps shown/).waitFor();
  for (const bar of bars) expect(bar.includes('shared scale'), `the colour bars say the scale is shared (got "${bar}")`);
  const ticks = await Promise.all([0, 1].map((i) => cells.nth(i).locator('.colorbar-ticks').innerText()));
  expect(ticks[0] === ticks[1], `both viewers use one scale (got "${ticks[0]}" and "${ticks[1]}")`);
  await t.shot('page');

  // removing a run goes back to the message; unknown ids show the API's error
  await page.getByRole('button', { name: `Remove run ${b.id}` }).click();
  await page.getByText('Choose at least 2 runs').waitFor();
  await page.goto(`/compare?runs=${encodeURIComponent(a.id)},no-such-run-r9999`);
  await page.getByRole('alert').filter({ hasText: 'no-such-run-r9999' }).waitFor();
  await t.shot('unknown');
}
