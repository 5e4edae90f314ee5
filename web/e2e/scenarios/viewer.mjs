// What the run and compare scenarios check of a 3D error-map viewer: its WebGL canvas drew something
// (a screenshot of the element is not all one colour) and its colour bar reads in mm.
import { expect } from './helpers.mjs';

/** Waits for the viewer inside `scope` to show its mesh; returns its colour bar's text. */
export async function expectRenderedViewer(t, scope, what) {
  const canvas = scope.locator('figure.errormap canvas');
  await canvas.waitFor({ state: 'visible', timeout: 60_000 });
  await scope.locator('figure.errormap[data-state="ready"]').waitFor({ timeout: 60_000 });
  const note = scope.locator('.errormap-note');
  expect((await note.count()) === 0, `${what}: no loading or failure note is left (found: ${await note.allInnerTexts()})`);
  const png = await canvas.screenshot();
  const colours = await t.page.evaluate(distinctColours, [...png]);
  expect(colours > 20, `${what}: the 3D canvas rendered a coloured mesh (${colours} distinct colours in its screenshot)`);
  const bar = await scope.locator('.colorbar').innerText();
  expect(bar.includes('mm'), `${what}: the colour bar shows its unit, mm (got "${bar}")`);
  return bar;
}

/** Counts the distinct colours of a PNG (decoded by the browser itself, so the test needs no image library). */
async function distinctColours(bytes) {
  const bitmap = await createImageBitmap(new Blob([new Uint8Array(bytes)], { type: 'image/png' }));
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(bitmap, 0, 0);
  const data = ctx.getImageData(0, 0, bitmap.width, bitmap.height).data;
  const seen = new Set();
  for (let i = 0; i < data.length; i += 4) seen.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
  return seen.size;
}
