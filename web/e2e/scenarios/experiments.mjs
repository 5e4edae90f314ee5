// The front page: an experiment submitted through the API shows with its status and progress, and
// user-provided text (description, tags) is shown as text, never run as markup.
import { expect, submitDefinition, tinyDefinition } from './helpers.mjs';

export const name = 'experiments';

export async function run(t) {
  const payload = '<img src=x onerror=alert(1)>';
  const id = await submitDefinition(t, tinyDefinition({ name: 'e2e-escaping', description: `escaping ${payload}`, runs: 1 }));
  await t.page.goto('/');
  const row = t.page.locator(`tr[data-experiment="${id}"]`);
  await row.waitFor();
  expect((await row.innerText()).includes(`escaping ${payload}`), 'the description shows as literal text');
  expect((await t.page.locator('img[src="x"]').count()) === 0, 'no <img> element was created from the description');
  await t.shot('list');
  // progress arrives live (the page is not reloaded): the one run finishes and the bar shows 1/1
  await row.locator('.badge', { hasText: 'succeeded' }).waitFor({ timeout: 240_000 });
  await row.locator('.progress-label', { hasText: '1/1' }).waitFor({ timeout: 15_000 });
  await t.shot('done');

  await t.page.getByRole('searchbox', { name: 'Search experiments' }).fill('e2e-escaping');
  await t.page.keyboard.press('Enter');
  await t.page.waitForURL(/\?q=e2e-escaping/);
  await t.page.waitForFunction(() => document.querySelectorAll('tbody tr').length === 1, null, { timeout: 10_000 });
  expect((await t.page.locator('tbody tr').first().innerText()).includes('e2e-escaping'), 'the search keeps the e2e experiment');
}
