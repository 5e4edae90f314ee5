// The run page: a finished run shows its curves, metrics, per-expression transfer bars beside the
// blendshape baseline (with the numbers table), its error maps in 3D, and the chosen map stays in the URL.
import { expect, finishedExperiment, runsOf } from './helpers.mjs';
import { expectRenderedViewer } from './viewer.mjs';

export const name = 'run';

export async function run(t) {
  const experiment = await finishedExperiment(t);
  const runs = await runsOf(t, experiment.id);
  const done = runs.find((r) => r.status === 'succeeded');
  expect(done, `experiment ${experiment.id} has a succeeded run`);
  const page = t.page;
  await page.goto(`/runs/${encodeURIComponent(done.id)}`);
  await page.getByRole('heading', { name: /Run r\d+/ }).waitFor();
  expect((await page.locator('.run-facts').innerText()).includes(experiment.id), 'the head links the experiment');

  // one chart per curve group, each drawn on a canvas
  for (const group of ['Generator losses', 'Discriminator losses', 'Throughput']) {
    await page.locator('.card', { has: page.getByRole('heading', { name: group }) }).locator('canvas').first().waitFor();
  }
  const metrics = await page.getByRole('table', { name: 'Metrics', exact: true }).innerText();
  expect(/Expression transfer error/.test(metrics) && /±/.test(metrics), `the metrics table shows mean ± std (got "${metrics}")`);

  const perExpression = page.getByRole('table', { name: 'Transfer error per expression' });
  const expressions = await perExpression.locator('tbody tr td:first-child').allInnerTexts();
  expect(expressions.length >= 1, 'the per-expression table has a row per expression');
  expect((await perExpression.innerText()).includes('Bs transfer'), 'the per-expression table has the blendshape column');
  await page.getByRole('img', { name: /Transfer error per expression/ }).locator('canvas').waitFor();
  await t.shot('page');

  // the 3D viewer: choose a transfer map; the choice goes into the URL and the mesh is drawn
  const chooser = page.getByLabel('Error map to show');
  const transfer = await chooser.locator('optgroup[label="transfer"] option').first().getAttribute('value');
  expect(transfer, 'the chooser lists transfer maps');
  await chooser.selectOption(transfer);
  await page.waitForURL((url) => url.searchParams.get('map') === transfer);
  const viewer = page.locator('section', { has: page.getByRole('heading', { name: 'Error maps' }) });
  await viewer.scrollIntoViewIfNeeded();
  await expectRenderedViewer(t, viewer, 'the run page viewer');

  // keyboard: focus the canvas, rotate and zoom, then reset; the canvas keeps its focus and label
  const canvas = viewer.locator('canvas');
  expect(/R to reset/.test(await canvas.getAttribute('aria-label')), 'the canvas says how to use the keyboard');
  await canvas.focus();
  for (const key of ['ArrowLeft', 'ArrowLeft', 'ArrowUp', '+', '+']) await page.keyboard.press(key);
  const turned = await canvas.screenshot();
  await page.keyboard.press('r');
  const reset = await canvas.screenshot();
  expect(!turned.equals(reset), 'arrow keys and + moved the view, R brought it back');
  await viewer.screenshot({ path: `${process.env.FTGAN_SCREENSHOTS ?? 'target/e2e-screenshots'}/run-viewer.png` });

  // reloading the link shows the same map
  await page.reload();
  expect((await page.getByLabel('Error map to show').inputValue()) === transfer, 'the chosen map survives a reload (it is in the URL)');
}
