// The colour scale of the error maps: viridis (perceptually uniform, readable by colour-blind people and
// in greyscale). The stops are the 11 evenly spaced colours of viridis as published by matplotlib's
// `viridis` colormap (the same values as R viridisLite::viridis(11)); between stops we interpolate
// linearly in sRGB, which keeps the published map's look at this number of stops.

const VIRIDIS_STOPS = [
  '#440154', '#482475', '#414487', '#355f8d', '#2a788e', '#21918c',
  '#22a884', '#44bf70', '#7ad151', '#bddf26', '#fde725',
];

const STOPS_RGB: [number, number, number][] = VIRIDIS_STOPS.map((hex) => [
  parseInt(hex.slice(1, 3), 16) / 255,
  parseInt(hex.slice(3, 5), 16) / 255,
  parseInt(hex.slice(5, 7), 16) / 255,
]);

/** The name of the map, shown beside the colour bar. */
export const COLOR_MAP_NAME = 'viridis';

/** sRGB colour (components 0..1) of position t in [0, 1] (clamped) on viridis. */
export function viridis(t: number): [number, number, number] {
  const x = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0)) * (STOPS_RGB.length - 1);
  const i = Math.min(STOPS_RGB.length - 2, Math.floor(x));
  const f = x - i;
  const a = STOPS_RGB[i];
  const b = STOPS_RGB[i + 1];
  return [a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f, a[2] + (b[2] - a[2]) * f];
}

/** A CSS linear-gradient of viridis from `direction`'s start (low) to its end (high), for colour bars. */
export function viridisGradient(direction = 'to right'): string {
  const stops = VIRIDIS_STOPS.map((c, i) => `${c} ${((100 * i) / (VIRIDIS_STOPS.length - 1)).toFixed(1)}%`);
  return `linear-gradient(${direction}, ${stops.join(', ')})`;
}

/** An error range in mm that colours map onto: min maps to the first stop, max to the last. */
export interface ErrorScale {
  min: number;
  max: number;
}

/** Position of `value` on `scale` in [0, 1]; a range of zero width maps everything to 0. */
export function scalePosition(value: number, scale: ErrorScale): number {
  const span = scale.max - scale.min;
  return span > 0 ? (value - scale.min) / span : 0;
}

/** "Nice" tick values (1, 2, 2.5 or 5 times a power of ten) inside [min, max], both ends included. */
export function ticks(scale: ErrorScale, about = 5): number[] {
  const { min, max } = scale;
  if (!(max > min)) return [min];
  const raw = (max - min) / about;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= raw)!;
  const out: number[] = [];
  for (let v = Math.ceil(min / step) * step; v <= max + step * 1e-9; v += step) out.push(Number(v.toPrecision(12)));
  // keep the ends readable: drop a tick that would print on top of min or max (max carries " mm", wider)
  const inner = out.filter((v) => v - min > step * 0.5 && max - v > step * 0.75);
  return [min, ...inner, max];
}

/** The union of several ranges (for one colour scale shared by several maps). */
export function unionScale(scales: ErrorScale[]): ErrorScale | undefined {
  if (scales.length === 0) return undefined;
  return {
    min: Math.min(...scales.map((s) => s.min)),
    max: Math.max(...scales.map((s) => s.max)),
  };
}
