// The experiment page: a finished two-run sweep shows both runs with their figures; sorting, a hidden
// column and a grouping are kept in the URL; two ticked runs lead to the comparison.
import { expect, finishedExperiment } from './helpers.mjs';

export const name = 'experiment';

/** The run keys in the order the table shows them. */
async function shownKeys(page) {
  return page.locator('.runs-table .tabulator-row .tabulator-cell[tabulator-field="run_key"]').allInnerTexts();
}

export async function run(t) {
  const { page } = t;
  const e = await finishedExperiment(t);
  const table = await (await fetch(`${t.base}/api/experiments/${encodeURIComponent(e.id)}/results-table`)).json();
  expect(table.runs.length === 2, `the sweep has two runs (it has ${table.runs.length})`);

  await page.goto(`/experiments/${encodeURIComponent(e.id)}`);
  await page.getByRole('heading', { name: e.name }).waitFor();
  await page.locator('.run-count', { hasText: '2 runs' }).waitFor();
  await page.waitForFunction(() => document.querySelectorAll('.runs-table .tabulator-row').length === 2);
  for (const r of table.runs) {
    const row = page.locator('.runs-table .tabulator-row', { hasText: r.run_key });
    const text = await row.innerText();
    expect(text.includes(r.metrics.e_transfer.toFixed(4)), `run ${r.run_key} shows its E_transfer ${r.metrics.e_transfer.toFixed(4)} (row: ${text})`);
    expect(text.includes(r.metrics.e_rec.toFixed(4)), `run ${r.run_key} shows its E_rec ${r.metrics.e_rec.toFixed(4)}`);
    expect(text.includes('succeeded'), `run ${r.run_key} shows its status`);
  }
  await t.shot('table');

  // the definition as it was submitted, comments and all
  await page.getByText('Definition (YAML)').click();
  const shownDefinition = await page.locator('details.fold pre.code-block').first().innerText();
  // the experiment may be the one the submit scenario sent through the page: its own description
  expect(shownDefinition.includes('# written by the end-to-end tests')
      && shownDefinition.includes(`description: ${JSON.stringify(e.description)}`),
    `the definition is shown as submitted (shown: ${shownDefinition.slice(0, 200)})`);

  // without a token an action is refused, and the page shows the API's refusal (the token of another
  // scenario, if any, is put back afterwards)
  const saved = await page.evaluate(() => localStorage.getItem('ftgan.token'));
  await page.evaluate(() => localStorage.removeItem('ftgan.token'));
  await page.reload();
  await page.getByText('These actions need an API token').waitFor();
  await page.getByRole('button', { name: 'Rerun' }).click();
  const refusal = page.locator('.actions .error-box');
  await refusal.waitFor();
  expect((await refusal.innerText()).includes('401'), `the refusal shows the API's status (${await refusal.innerText()})`);
  if (saved) await page.evaluate((v) => localStorage.setItem('ftgan.token', v), saved);

  // sort by a figure: descending after two clicks, kept in the URL
  const header = page.locator('.runs-table .tabulator-col[tabulator-field="e_transfer"] .tabulator-col-title');
  await header.click();
  await page.waitForURL(/sort=e_transfer%3Aasc|sort=e_transfer:asc/);
  await header.click();
  await page.waitForURL(/sort=e_transfer%3Adesc|sort=e_transfer:desc/);
  const byTransferDesc = [...table.runs].sort((a, b) => b.metrics.e_transfer - a.metrics.e_transfer).map((r) => r.run_key);
  expect(JSON.stringify(await shownKeys(page)) === JSON.stringify(byTransferDesc), `rows sorted by E_transfer descending: ${byTransferDesc}`);

  // hide a column through the chooser; the URL keeps it over a reload
  await page.getByText('Columns', { exact: true }).click();
  await page.getByRole('checkbox', { name: 'Duration (s)' }).uncheck();
  await page.waitForURL(/hide=duration_s/);
  await page.keyboard.press('Escape');
  await page.reload();
  await page.waitForFunction(() => document.querySelectorAll('.runs-table .tabulator-row').length === 2);
  expect(!(await page.locator('.runs-table .tabulator-col[tabulator-field="duration_s"]').isVisible()), 'the hidden column stays hidden after a reload');
  expect(JSON.stringify(await shownKeys(page)) === JSON.stringify(byTransferDesc), 'the sort survives the reload');
  await page.getByText(/^Columns/).click();
  expect(!(await page.getByRole('checkbox', { name: 'Duration (s)' }).isChecked()), 'the chooser shows the column unticked');
  await page.getByText(/^Columns/).click();

  // group by the seed: one group per seed, with n
  await page.locator('fieldset.inline-choices label', { hasText: 'training.seed' }).locator('input').check();
  await page.waitForURL(/by=training.seed/);
  await page.waitForFunction(() => document.querySelectorAll('table.groups tbody tr').length === 2, null, { timeout: 10_000 });
  await page.locator('table.groups').scrollIntoViewIfNeeded();
  await t.shot('grouped');

  // tick both runs and follow Compare
  for (const r of table.runs) await page.getByRole('checkbox', { name: `Select run ${r.run_key}` }).check();
  const compare = page.getByRole('link', { name: 'Compare selected (2)' });
  await compare.waitFor();
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.evaluate(() => window.scrollTo(0, 0));
  await t.shot('dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await compare.click();
  await page.waitForURL(/\/compare\?runs=/);
  const runs = new URL(page.url()).searchParams.get('runs').split(',');
  expect(runs.length === 2 && table.runs.every((r) => runs.includes(r.id)), `the comparison names both runs (${runs})`);
}
