// The Submit page: a refused name shows inline as text (never markup), a wrong type at a nested key
// shows at its line (pasted, uploaded, dropped definitions alike), a wrong token is refused clearly, and a tiny sweep submitted through the page with the token runs to the end,
// its progress followed on the page.
import { expect, tinyDefinition } from './helpers.mjs';

export const name = 'submit';

/** Replaces the editor's text the way a paste does. */
async function paste(page, text) {
  await page.locator('.cm-content').click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(text);
}

/** Waits for the problem at `path` in the list under the editor; returns its text. */
async function problemAt(page, path, line) {
  const item = page.locator(`.problem-list li[data-path="${path}"]`);
  await item.waitFor({ timeout: 15_000 });
  expect((await item.getAttribute('data-line')) === String(line), `the problem at ${path} is placed on line ${line}`);
  return item.innerText();
}

export async function run(t) {
  const { page } = t;
  await page.goto('/submit');
  await page.locator('.cm-content').waitFor();
  // the quickstart example is there to start from, and it is valid
  expect((await page.locator('.cm-content').innerText()).includes('name: quickstart'), 'the editor starts from quickstart.yaml');
  await page.getByText('✓ Valid: quickstart').waitFor({ timeout: 15_000 });

  // 1. a name that is markup: refused, and the refusal shows as text at the name's line
  const payload = '<img src=x onerror=alert(1)>';
  await paste(page, tinyDefinition({ name: payload, runs: 1 }));
  // tinyDefinition starts with a comment line, so the name is on line 2
  const refusal = await problemAt(page, 'name', 2);
  expect(refusal.includes(payload), `the refusal quotes the name as text (got: ${refusal})`);
  expect((await page.locator('img[src="x"]').count()) === 0, 'no <img> element was created from the name');
  const marked = page.locator('.cm-line').nth(1).locator('.cm-lintRange-error');
  expect((await marked.count()) > 0, 'the name on line 2 is underlined in the editor');
  await t.shot('refused-name');

  // 2. a wrong type at a nested key: the problem sits on that key's line
  const nested = tinyDefinition({ name: 'e2e-nested', runs: 1 }).replace('subjects: 3', 'subjects: three');
  const line = nested.split('\n').findIndex((l) => l.includes('subjects: three')) + 1;
  // uploaded as a file this time
  await page.locator('input[type=file]').setInputFiles({ name: 'nested.yaml', mimeType: 'application/yaml', buffer: Buffer.from(nested) });
  await page.waitForFunction(() => document.querySelector('.cm-content')?.textContent?.includes('subjects: three'));
  const wrongType = await problemAt(page, 'dataset.synth.subjects', line);
  expect(wrongType.includes('three'), `the problem names the wrong value (got: ${wrongType})`);
  await page.locator(`.problem-list li[data-path="dataset.synth.subjects"] button`).click();
  const active = await page.locator('.cm-activeLine').first().innerText();
  expect(active.includes('subjects: three'), `clicking the problem moves the cursor to its line (cursor on: ${active})`);
  await t.shot('nested-type');

  // 3. a tiny valid sweep of two runs, submitted with the token
  // a name of its own, so that this is a new experiment rather than one submitted by an earlier run
  const sweepName = `e2e-page-submit-${Date.now().toString(36)}`;
  const definition = tinyDefinition({ name: sweepName, description: 'submitted through the page', runs: 2 });
  // dropped on the editor as a file: it replaces the text
  await page.evaluate((text) => {
    const files = new DataTransfer();
    files.items.add(new File([text], 'sweep.yaml', { type: 'application/yaml' }));
    document.querySelector('.cm-content').dispatchEvent(new DragEvent('drop', { dataTransfer: files, bubbles: true, cancelable: true }));
  }, definition);
  await page.getByText(`✓ Valid: ${sweepName}`).waitFor({ timeout: 15_000 });
  // a wrong token is refused, and the page says to paste a valid one
  await page.getByLabel('API token').fill('not-a-token');
  await page.getByRole('button', { name: 'Submit', exact: true }).click();
  const refused = page.getByRole('alert').filter({ hasText: 'paste a valid token' });
  await refused.waitFor({ timeout: 15_000 });
  expect((await refused.innerText()).includes('unknown token'), 'the refusal says why');
  await page.getByLabel('API token').fill(t.token);
  await page.getByRole('button', { name: 'Submit', exact: true }).click();
  await page.waitForURL(new RegExp(`/experiments/${sweepName}-[0-9a-f]{10}$`), { timeout: 30_000 });
  const id = decodeURIComponent(new URL(page.url()).pathname.split('/').pop());
  t.state.experimentId = id;
  t.log(`submitted ${id}`);
  await t.shot('landed');

  // 4. its progress on the experiments list, until it is done
  await page.goto(`/?q=${sweepName}`);
  const row = page.locator(`tr[data-experiment="${id}"]`);
  await row.waitFor();
  const deadline = Date.now() + 240_000;
  let status = '';
  for (;;) {
    status = (await row.locator('.badge').first().innerText()).trim();
    if (['succeeded', 'failed', 'cancelled'].includes(status)) break;
    expect(Date.now() < deadline, `the experiment finished within 4 min (still ${status})`);
    await page.waitForTimeout(1000);
  }
  expect(status === 'succeeded', `the experiment shown succeeded (shown: ${status})`);
  const bar = row.getByRole('progressbar');
  await page.waitForFunction((el) => el.getAttribute('aria-valuenow') === '2', await bar.elementHandle(), { timeout: 15_000 });
  expect((await bar.getAttribute('aria-label')).startsWith('2 of 2 runs finished'), 'the progress bar shows both runs done');
  await t.shot('done');
}
