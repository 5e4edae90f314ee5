// An experiment of 10,000 runs (seeded through the repositories by DashboardEndToEndTest and named in
// FTGAN_LARGE_EXPERIMENT): the table says so, keeps only the visible rows in the DOM, sorts by a
// figure and scrolls to the last run.
import { expect } from './helpers.mjs';

export const name = 'experiment-large';

const MAX_ROWS_IN_DOM = 200;

async function rowsInDom(page) {
  return page.evaluate(() => document.querySelectorAll('.runs-table .tabulator-row').length);
}

export async function run(t) {
  const id = process.env.FTGAN_LARGE_EXPERIMENT;
  if (!id) {
    return t.skip('FTGAN_LARGE_EXPERIMENT names no seeded experiment (DashboardEndToEndTest sets it)');
  }
  const { page } = t;
  const table = await (await fetch(`${t.base}/api/experiments/${encodeURIComponent(id)}/results-table`)).json();
  const byTransfer = [...table.runs].sort((a, b) => a.metrics.e_transfer - b.metrics.e_transfer);

  await page.goto(`/experiments/${encodeURIComponent(id)}`);
  await page.locator('.run-count', { hasText: `${table.runs.length.toLocaleString('en-US')} runs` }).waitFor({ timeout: 20_000 });
  expect(table.runs.length === 10_000, `the seeded experiment has 10,000 runs (it has ${table.runs.length})`);
  await page.locator('.runs-table .tabulator-row').first().waitFor();
  const shown = await rowsInDom(page);
  expect(shown > 0 && shown < MAX_ROWS_IN_DOM, `only the visible rows are in the DOM (${shown} of 10,000)`);
  await t.shot('loaded');

  await page.locator('.runs-table .tabulator-col[tabulator-field="e_transfer"] .tabulator-col-title').click();
  await page.waitForURL(/sort=e_transfer(%3A|:)asc/);
  const firstKey = () => page.locator('.runs-table .tabulator-row .tabulator-cell[tabulator-field="run_key"]').first().innerText();
  await page.waitForFunction(
    (key) => document.querySelector('.runs-table .tabulator-row .tabulator-cell[tabulator-field="run_key"]')?.textContent === key,
    byTransfer[0].run_key, { timeout: 10_000 });
  expect((await firstKey()) === byTransfer[0].run_key, `the lowest E_transfer comes first (${byTransfer[0].run_key})`);

  // to the end of the table: the highest E_transfer is the last row, and the DOM still holds few rows
  await page.evaluate(() => {
    const holder = document.querySelector('.runs-table .tabulator-tableholder');
    holder.scrollTop = holder.scrollHeight;
  });
  const last = byTransfer[byTransfer.length - 1].run_key;
  await page.locator('.runs-table .tabulator-row .tabulator-cell[tabulator-field="run_key"]', { hasText: last }).waitFor({ timeout: 10_000 });
  const after = await rowsInDom(page);
  expect(after < MAX_ROWS_IN_DOM, `still only the visible rows after scrolling (${after})`);
  await t.shot('scrolled');
}
