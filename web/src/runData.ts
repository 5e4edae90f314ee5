// What the Run and Compare pages read the same way: the loss terms and their groups, the figures and
// methods of results, and the error maps among a run's artifacts.
import type { Artifact, MethodStats } from './api';
import {
  ACTIVE_RUN_STATUSES, BLENDSHAPE, FACETUNEGAN, GENERATOR_LOSS_TERM_KEYS, LOSS_TERM_KEYS, type FigureKey,
} from './generated/names';

const GENERATOR_TERMS: readonly string[] = GENERATOR_LOSS_TERM_KEYS;

/** The logged curve terms, grouped as they are plotted (one chart each). */
export const CURVE_GROUPS: { title: string; unit: string; terms: string[] }[] = [
  { title: 'Generator losses', unit: '', terms: [...GENERATOR_TERMS] },
  { title: 'Discriminator losses', unit: '', terms: LOSS_TERM_KEYS.filter((k) => !GENERATOR_TERMS.includes(k)) },
  { title: 'Throughput', unit: 'samples/s', terms: ['samples_per_s'] },
];

export const CURVE_TERMS = CURVE_GROUPS.flatMap((g) => g.terms);

/** Names of the evaluation figures (keys of results.overall), in the paper's order; others follow. */
const FIGURE_LABELS: Record<FigureKey, string> = {
  e_rec: 'Reconstruction error',
  e_neu: 'Neutralization error',
  e_transfer: 'Expression transfer error',
  e_id_decomp: 'Identity decomposition error',
};

export function figureLabel(key: string): string {
  return FIGURE_LABELS[key as FigureKey] ?? key;
}

export function figureOrder(keys: string[]): string[] {
  const known = Object.keys(FIGURE_LABELS);
  return [...keys].sort((a, b) => {
    const ia = known.indexOf(a);
    const ib = known.indexOf(b);
    return (ia < 0 ? known.length : ia) - (ib < 0 ? known.length : ib) || a.localeCompare(b);
  });
}

export const OURS = FACETUNEGAN;
export const BASELINE = BLENDSHAPE;

/** "ours" first, the blendshape baseline second, any other method after. */
export function methodOrder(stats: MethodStats | Record<string, unknown>): string[] {
  const rank = (m: string) => (m === OURS ? 0 : m === BASELINE ? 1 : 2);
  return Object.keys(stats).sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

export function methodLabel(method: string): string {
  return method === OURS ? 'ours (FaceTuneGAN)' : method === BASELINE ? 'blendshape transfer' : method;
}

/** The kinds of error maps the evaluation writes, in the order the chooser lists them. */
export const MAP_KINDS = ['reconstruction', 'transfer', 'neutralization'] as const;

export interface ErrorMap {
  artifact: Artifact;
  /** reconstruction | transfer | neutralization (or whatever precedes the first dash). */
  kind: string;
  /** The file name without the kind and ".ply", e.g. "synth_000-bareteeth-3". */
  name: string;
  /** Kind and name: the same map of two runs has the same key. */
  key: string;
}

/** A run's error maps (artifacts of kind error_map), ordered by kind then name. */
export function errorMaps(artifacts: Artifact[]): ErrorMap[] {
  const maps = artifacts
    .filter((a) => a.kind === 'error_map')
    .map((artifact) => {
      const file = artifact.path.split('/').pop()!.replace(/\.ply$/i, '');
      const dash = file.indexOf('-');
      const kind = dash > 0 ? file.slice(0, dash) : 'other';
      const name = dash > 0 ? file.slice(dash + 1) : file;
      return { artifact, kind, name, key: `${kind}/${name}` };
    });
  const rank = (k: string) => {
    const i = (MAP_KINDS as readonly string[]).indexOf(k);
    return i < 0 ? MAP_KINDS.length : i;
  };
  return maps.sort((a, b) => rank(a.kind) - rank(b.kind) || a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name));
}

/** Maps grouped by kind, keeping the order of `errorMaps`. */
export function groupByKind(maps: ErrorMap[]): [string, ErrorMap[]][] {
  const groups: [string, ErrorMap[]][] = [];
  for (const m of maps) {
    const last = groups[groups.length - 1];
    if (last && last[0] === m.kind) last[1].push(m);
    else groups.push([m.kind, [m]]);
  }
  return groups;
}

/** A run's statuses that may still change (generated from RunStatus.isActive()). */
export const ACTIVE_STATUSES = ACTIVE_RUN_STATUSES;
