// Tables: the paper's shipped tables with their published figures before any run of them ("not run
// yet"), a benchmark stand-in's column beside them, an experiment's runs x figures with numbers, the
// Markdown export, and a definition with a `published:` section whose paper figures show beside this
// platform's.
import { readFileSync } from 'node:fs';
import { awaitExperiment, expect, finishedExperiment, runsOf, submitDefinition, tinyDefinition } from './helpers.mjs';

export const name = 'tables';

const FIGURES = ['E_rec', 'E_id_decomp', 'E_neu', 'E_transfer', 'blendshape'];

export async function run(t) {
  const { page } = t;

  // nothing of experiments/paper was submitted: every table shows the paper's figures, ours not run yet
  await page.goto('/tables');
  const table4 = page.getByRole('table', { name: 'table4-facescape-transfer: published figures' });
  await table4.waitFor();
  const smileRow = await table4.locator('tbody tr[data-expression="smile"] td').allInnerTexts();
  expect(smileRow[1] === '1.230' && smileRow[2] === 'not run yet', `Table 4's smile row: paper 1.230, ours not run yet (${smileRow})`);
  const coma = page.getByRole('table', { name: 'table1-coma-reconstruction: published figures' });
  const flame = await coma.locator('tr', { hasText: 'FLAME' }).innerText();
  expect(flame.includes('1.450') && flame.includes('not run here'), `a method we do not run (${flame})`);
  const shipped = await page.locator('[data-definition]').count();
  expect(shipped === 6, `the six shipped paper definitions are shown (${shipped})`);
  await t.shot('shipped');

  // a benchmark stand-in: its column sits beside the published rows, labelled, linking to its run
  const standInId = await submitDefinition(t,
    tinyDefinition({ name: 'e2e-stand-in', description: 'a synthetic stand-in', runs: 1 }).replace('tags: [e2e]', 'tags: [e2e, benchmark]'));
  await awaitExperiment(t, standInId);
  const [standInRun] = await runsOf(t, standInId);
  await page.goto('/tables');
  await coma.waitFor();
  const standInHeader = coma.locator('thead th.stand-in');
  await standInHeader.waitFor();
  const header = await standInHeader.innerText();
  expect(header.includes('e2e-stand-in') && header.includes('synthetic stand-in'), `the stand-in's column is labelled (${header})`);
  const ftgan = coma.locator('tr', { hasText: 'FaceTuneGAN' });
  const ftganCells = await ftgan.locator('td').allInnerTexts();
  expect(ftganCells[4] === 'not run yet', `ours still not run yet (${ftganCells})`);
  expect(/^\d+\.\d{3}$/.test(ftganCells[6]), `the stand-in's E_rec beside the paper's (${ftganCells})`);
  expect((await ftgan.locator(`a.stand-in[href="/runs/${standInRun.id}"]`).count()) === 1, "the stand-in's figure links to its run");
  await t.shot('stand-in');
  const experiment = await finishedExperiment(t);
  const runs = await runsOf(t, experiment.id);

  await page.goto(`/tables/${encodeURIComponent(experiment.id)}`);
  const table = page.getByRole('table', { name: 'Runs and their figures' });
  await table.waitFor();
  const headers = await table.locator('thead th').allInnerTexts();
  for (const f of FIGURES) expect(headers.includes(f), `the figure column ${f} is shown (headers: ${headers})`);
  expect((await table.locator('tbody tr').count()) === runs.length, `one row per run (${runs.length})`);
  const cell = await table.locator(`tbody tr[data-run="${runs[0].id}"] td`).nth(2).innerText();
  expect(/^\d+\.\d{3}$/.test(cell.trim()), `a number is shown for E_rec (got '${cell}')`);
  expect((await table.locator(`tbody a[href="/runs/${runs[0].id}"]`).count()) > 0, 'numbers link to their run');

  // the Markdown export, downloaded as the page offers it
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download Markdown' }).click(),
  ]);
  const markdown = readFileSync(await download.path(), 'utf8');
  expect(download.suggestedFilename() === `${experiment.id}-table.md`, `the download is named after the experiment (${download.suggestedFilename()})`);
  expect(markdown.includes('|') && markdown.includes('E_rec') && markdown.includes(runs[0].run_key),
    `the Markdown is a table of the runs (got: ${markdown.slice(0, 200)})`);
  const preview = await page.getByLabel('Markdown of the table').innerText();
  expect(preview.trim() === markdown.trim(), 'the preview shows the same Markdown');
  await t.shot('runs');

  // a definition carrying the paper's figures: they show beside ours, with the difference
  const paperDefinition = tinyDefinition({ name: 'e2e-published', description: 'a tiny run beside published figures', runs: 1 })
    + [
      'published:',
      '  table: 1',
      '  title: e2e reconstruction',
      '  dataset: synthetic',
      '  metric: E_rec',
      '  unit: mm',
      '  source: end-to-end test',
      '  rows:',
      '    - {method: A baseline, mean: 1.45, std: 1.65, median: 0.87}',
      '    - {method: FaceTuneGAN, mean: 0.83, std: 0.21, median: 0.77, ours: E_rec}',
      '',
    ].join('\n');
  // and Table 4's layout: per expression, FaceTuneGAN and the blendshape baseline side by side
  const transferDefinition = tinyDefinition({ name: 'e2e-published-transfer', description: 'per-expression figures', runs: 1 })
    + [
      'published:',
      '  table: 4',
      '  title: e2e expression transfer',
      '  dataset: synthetic',
      '  metric: E_transfer',
      '  unit: mm',
      '  rows:',
      '    - {method: FaceTuneGAN, expression: bareteeth, mean: 1.23, ours: E_transfer}',
      '    - {method: blendshape transfer, expression: bareteeth, mean: 2.11, ours: blendshape}',
      '    - {method: FaceTuneGAN, expression: eyebrow, mean: 1.32, ours: E_transfer}',
      '    - {method: blendshape transfer, expression: eyebrow, mean: 3.25, ours: blendshape}',
      '',
    ].join('\n');
  const paperId = await submitDefinition(t, paperDefinition);
  const transferId = await submitDefinition(t, transferDefinition);
  await awaitExperiment(t, paperId);
  await awaitExperiment(t, transferId);
  const [paperRun] = await runsOf(t, paperId);

  await page.goto('/tables');
  const listed = page.locator(`tr[data-experiment="${paperId}"]`);
  await listed.waitFor({ timeout: 30_000 });
  expect((await page.locator('h2', { hasText: 'Table 1' }).count()) > 0, 'the index groups it under Table 1');
  await listed.getByRole('link').click();
  await page.waitForURL(`**/tables/${paperId}`);
  const paper = page.getByRole('table', { name: "Published figures beside this platform's" });
  await paper.waitFor();
  const ours = paper.locator('tr', { hasText: 'FaceTuneGAN' });
  const cells = await ours.locator('td').allInnerTexts();
  expect(cells[1] === '0.830', `the paper's mean shows (row: ${cells})`);
  expect(/^\d+\.\d{3}$/.test(cells[4]), `our mean shows beside it (row: ${cells})`);
  expect(/^[+−±]\d+\.\d{3}$/.test(cells[5]), `the difference shows (row: ${cells})`);
  expect((await ours.locator(`a[href="/runs/${paperRun.id}"]`).count()) === 1, 'our figure links to the run behind it');
  const baseline = await paper.locator('tr', { hasText: 'A baseline' }).innerText();
  expect(baseline.includes('1.450') && baseline.includes('not run here'), `a method we do not run shows its paper figures only (${baseline})`);
  await t.shot('published');

  await page.goto(`/tables/${encodeURIComponent(transferId)}`);
  const transfer = page.getByRole('table', { name: "Published figures per expression beside this platform's" });
  await transfer.waitFor();
  const groups = await transfer.locator('thead th.group').allInnerTexts();
  expect(groups.join('|') === 'FaceTuneGAN|blendshape transfer', `one column group per method (${groups})`);
  const smile = await transfer.locator('tbody tr', { hasText: 'bareteeth' }).locator('td').allInnerTexts();
  expect(smile[1] === '1.230' && smile[4] === '2.110', `the paper's figures per method (row: ${smile})`);
  expect(/^\d+\.\d{3}$/.test(smile[2]) && /^\d+\.\d{3}$/.test(smile[5]), `ours beside each (row: ${smile})`);
  await t.shot('per-expression');
}
