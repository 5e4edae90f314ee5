// The Explore page of a trained run: from the run page's button, FaceTuneGAN, the blendshape transfer and
// the ground truth drawn side by side on one colour scale; moving the alpha slider changes the mesh and
// the scale; the views share one camera; the state survives a reload (it is in the URL).
import { expect, finishedExperiment, runsOf } from './helpers.mjs';
import { expectRenderedViewer } from './viewer.mjs';

export const name = 'explore';

export async function run(t) {
  const experiment = await finishedExperiment(t);
  const runs = await runsOf(t, experiment.id);
  const done = runs.find((r) => r.status === 'succeeded');
  expect(done, `experiment ${experiment.id} has a succeeded run`);
  const page = t.page;
  await page.goto(`/runs/${encodeURIComponent(done.id)}`);
  await page.getByRole('link', { name: 'Explore the trained model' }).click();
  await page.waitForURL((url) => url.pathname.endsWith('/explore'));
  await page.getByRole('heading', { name: 'Explore the trained model' }).waitFor();

  const view = (title) => page.locator('.explore-view', { has: page.getByRole('heading', { name: title, exact: true }) });
  const model = view('FaceTuneGAN');
  const blendshape = view('Blendshape transfer');
  await expectRenderedViewer(t, model, 'the FaceTuneGAN view');
  await expectRenderedViewer(t, blendshape, 'the blendshape view');
  await expectRenderedViewer(t, view('Ground truth'), 'the ground-truth view');
  const scaleText = page.locator('.explore-scale');
  await page.waitForFunction(() => document.querySelector('.explore-scale')?.textContent?.includes('One colour scale'));
  const scaleBefore = await scaleText.innerText();
  const meanBefore = await model.locator('.explore-mean').innerText();
  expect(/mean error [\d.]+ mm/.test(meanBefore), `the FaceTuneGAN view gives its mean error (got "${meanBefore}")`);
  const canvas = model.locator('canvas');
  const before = await canvas.screenshot();
  await t.shot('alpha-1');

  // the slider: End moves alpha to its maximum, 2; the URL, the mesh and the shared scale follow
  const slider = page.getByLabel('Expression intensity alpha');
  await slider.focus();
  await page.keyboard.press('End');
  await page.waitForURL((url) => url.searchParams.get('alpha') === '2');
  await page.waitForFunction((old) => {
    const s = document.querySelector('.explore-scale')?.textContent ?? '';
    return s.includes('One colour scale') && s !== old;
  }, scaleBefore, { timeout: 60_000 });
  await expectRenderedViewer(t, model, 'the FaceTuneGAN view at alpha 2');
  const scaleAfter = await scaleText.innerText();
  expect(scaleAfter !== scaleBefore, `the error scale changed with alpha ("${scaleBefore}" -> "${scaleAfter}")`);
  const after = await canvas.screenshot();
  expect(!before.equals(after), 'the FaceTuneGAN mesh changed with alpha');
  await t.shot('alpha-2');

  // one camera: turning the FaceTuneGAN view turns the blendshape view too
  const otherCanvas = blendshape.locator('canvas');
  const otherBefore = await otherCanvas.screenshot();
  await canvas.focus();
  for (const key of ['ArrowLeft', 'ArrowLeft', 'ArrowLeft']) await page.keyboard.press(key);
  expect(!otherBefore.equals(await otherCanvas.screenshot()), 'turning one view turned the others (one camera)');

  // the interpolation strip: six intensities drawn
  await page.locator('.explore-strip figure.errormap[data-state="ready"]').nth(5).waitFor({ timeout: 60_000 });

  await page.reload();
  await page.getByLabel('Expression intensity alpha').waitFor();
  expect((await page.getByLabel('Expression intensity alpha').inputValue()) === '2', 'alpha survives a reload (it is in the URL)');
}
