// The Explore page of a trained run: from the run page's button, FaceTuneGAN, the blendshape transfer and
// the ground truth drawn side by side on one colour scale; moving the alpha slider changes the mesh and
// the scale; the views share one camera; the state survives a reload (it is in the URL). The strip between
// two expressions draws its frames, and they differ. A PLY of another subject's face, written here from a
// dataset sample, uploaded as the face: the transfer changes, the URL names the upload and a reload still
// shows it; a mesh of another topology is refused with its named error, and a link naming an upload the
// API does not keep says so.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

  await t.shot('after-reload');

  // the strip between two expressions: five frames by default, drawn, the first and last different
  const frames = page.locator('.explore-frames figure.errormap');
  await page.locator('.explore-frames figure.errormap[data-state="ready"]').nth(4).waitFor({ timeout: 60_000 });
  expect((await frames.count()) === 5, `the strip between two expressions has 5 frames (got ${await frames.count()})`);
  const first = await frames.nth(0).locator('canvas').screenshot();
  const last = await frames.nth(4).locator('canvas').screenshot();
  expect(!first.equals(last), 'the first and last frames between the two expressions differ');
  await page.getByLabel('Frames between the two expressions').selectOption('3');
  await page.waitForURL((url) => url.searchParams.get('frames') === '3');
  await page.locator('.explore-frames figure.errormap[data-state="ready"]').nth(2).waitFor({ timeout: 60_000 });
  expect((await frames.count()) === 3, `three frames once 3 is chosen (got ${await frames.count()})`);
  const frameLinks = await page.locator('.explore-frames a[download]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  expect(frameLinks.length === 3 && frameLinks.every((h) => h.includes('format=ply') && h.includes('frame=')),
    `every frame has its PLY download (${frameLinks.join(', ')})`);

  // a face uploaded as a PLY (in mm, as the API writes it): another subject's neutral, from the dataset
  const info = await (await fetch(`${t.base}/api/runs/${encodeURIComponent(done.id)}/inference`)).json();
  const shownContent = new URL(page.url()).searchParams.get('content');
  const current = info.samples.find((s) => String(s.index) === shownContent) ?? info.samples.find((s) => s.expression === 'neutral');
  const other = info.samples.find((s) => s.expression === 'neutral' && s.subject !== current.subject);
  expect(other, `the dataset has a neutral of a subject other than ${current.subject}`);
  const ply = await fetch(`${t.base}/api/runs/${encodeURIComponent(done.id)}/inference/transfer?content=${other.index}`
    + `&style=${other.index}&output=truth&format=ply`);
  expect(ply.status === 200, `the sample's PLY was written by the API (${ply.status})`);
  const dir = mkdtempSync(join(tmpdir(), 'ftgan-e2e-'));
  const face = join(dir, 'another-face.ply');
  writeFileSync(face, Buffer.from(await ply.arrayBuffer()));
  await page.evaluate((v) => localStorage.setItem('ftgan.token', v), t.token);
  const beforeUpload = await canvas.screenshot();
  await page.getByLabel('Unit of uploaded files').selectOption('mm');
  await page.getByLabel('Upload Face (identity)').setInputFiles(face);
  await page.waitForURL((url) => (url.searchParams.get('content') ?? '').startsWith('upload:'), { timeout: 60_000 });
  const uploaded = new URL(page.url()).searchParams.get('content');
  expect(/^upload:[0-9a-f]{64}$/.test(uploaded), `the URL names the upload by its hash (${uploaded})`);
  // the page has drawn the upload's views once it says there is no ground truth for them
  await page.getByText('an uploaded mesh is not in the dataset').waitFor();
  await expectRenderedViewer(t, model, 'the FaceTuneGAN view of the uploaded face');
  expect(!beforeUpload.equals(await canvas.screenshot()), 'the transfer changed with the uploaded face');
  await t.shot('uploaded-face');
  await page.reload();
  await expectRenderedViewer(t, view('FaceTuneGAN'), 'the FaceTuneGAN view of the uploaded face after a reload');
  const facePicker = page.locator('select[aria-label="Face (identity)"]');
  const picked = await facePicker.inputValue();
  expect(picked === uploaded, `the face picker shows the upload after a reload (${picked})`);
  await page.waitForFunction(() => document.querySelector('select[aria-label="Face (identity)"] option:checked')?.textContent?.includes('another-face.ply'));

  // another topology: one triangle; refused with its named error, and the expression stays as it was
  const triangle = join(dir, 'triangle.ply');
  writeFileSync(triangle, 'ply\nformat ascii 1.0\nelement vertex 3\nproperty float x\nproperty float y\nproperty float z\n'
    + 'element face 1\nproperty list uchar int vertex_indices\nend_header\n0 0 0\n1 0 0\n0 1 0\n3 0 1 2\n');
  const styleBefore = new URL(page.url()).searchParams.get('style');
  await page.getByLabel('Upload Expression (style)').setInputFiles(triangle);
  const refusal = page.locator('.explore-picker .error-box', { hasText: 'wrong_topology' });
  await refusal.waitFor({ timeout: 30_000 });
  expect((await refusal.innerText()).includes('3 vertices and 1 faces'), `the refusal says what the file has (${await refusal.innerText()})`);
  expect(new URL(page.url()).searchParams.get('style') === styleBefore, 'a refused upload leaves the expression as it was');

  // a link naming an upload the API does not keep (evicted, or the API restarted) says so
  const gone = new URL(page.url());
  gone.searchParams.set('style2', 'upload:' + '0'.repeat(64));
  await page.goto(gone.pathname + gone.search);
  await page.locator('.error-box', { hasText: 'upload_not_found' }).first().waitFor({ timeout: 30_000 });
  await t.shot('upload-not-kept');
}
