// Where in the YAML text each problem of a definition lies. The API names problems by key path
// ("loss.lambda_srec", "sweep.grid.training.seed[1]", "published.rows[0]"), by "line N, column M"
// for malformed YAML, or "(top level)"; the editor needs character offsets to underline them.
import { isMap, isScalar, isSeq, parseDocument, type Document, type Node } from 'yaml';

export interface Problem {
  /** As the API wrote it, e.g. "training.steps". */
  path: string;
  message: string;
  from: number;
  to: number;
  /** 1-based line of `from`. */
  line: number;
  /** False when the path did not resolve and the problem sits on its nearest existing parent (or line 1). */
  exact: boolean;
}

/** Splits an API detail line "path: message" (the path never contains ": "). */
export function splitDetail(detail: string): { path: string; message: string } {
  const at = detail.indexOf(': ');
  return at < 0 ? { path: '(top level)', message: detail } : { path: detail.slice(0, at), message: detail.slice(at + 2) };
}

/** Places each "path: message" line of a 400 invalid_definition answer in `text`. */
export function placeDetails(text: string, details: string[]): Problem[] {
  const doc = parseDocument(text);
  return details.map((d) => {
    const { path, message } = splitDetail(d);
    return { path, message, ...place(text, doc, path) };
  });
}

/** The YAML syntax errors of `text`, found locally before anything is sent. */
export function syntaxProblems(text: string): Problem[] {
  const doc = parseDocument(text);
  return doc.errors.map((e) => {
    const [from, to] = e.pos;
    const end = Math.min(Math.max(to, from + 1), text.length);
    return { path: `line ${lineAt(text, from)}`, message: 'not valid YAML: ' + e.message.split('\n')[0], from, to: end,
      line: lineAt(text, from), exact: true };
  });
}

function place(text: string, doc: Document, path: string): Omit<Problem, 'path' | 'message'> {
  const lineCol = /^line (\d+)(?:, column (\d+))?$/.exec(path);
  if (lineCol) {
    const from = offsetOf(text, Number(lineCol[1]), Number(lineCol[2] ?? 1));
    return { from, to: lineEnd(text, from), line: lineAt(text, from), exact: true };
  }
  const segments = parsePath(path);
  let node: unknown = doc.contents;
  // the nearest span found so far: a problem whose key is missing sits on its parent's key
  let span: [number, number] | null = null;
  let i = 0;
  while (segments && i < segments.length) {
    const seg = segments[i];
    if (typeof seg === 'number') {
      if (!isSeq(node) || seg >= node.items.length) break;
      node = node.items[seg];
      span = rangeOf(node) ?? span;
      i++;
      continue;
    }
    if (!isMap(node)) break;
    const map = node;
    // keys may themselves contain dots ("loss.lambda_srec" as one key of a grid): try the longest first
    let matched = false;
    for (let j = segments.length; j > i && !matched; j--) {
      const keys = segments.slice(i, j);
      if (keys.some((k) => typeof k !== 'string')) continue;
      const key = keys.join('.');
      const pair = map.items.find((p) => (isScalar(p.key) ? String(p.key.value) : String(p.key)) === key);
      if (!pair) continue;
      const keySpan = rangeOf(pair.key);
      // point at a scalar value (the wrong number), at the key of a mapping or list, or at the key of an empty value
      const value = pair.value;
      span = (isMap(value) || isSeq(value) ? keySpan : rangeOf(value) ?? keySpan) ?? span;
      node = value;
      i = j;
      matched = true;
    }
    if (!matched) break;
  }
  const exact = segments !== null && i === segments.length && span !== null;
  if (!span) {
    return { from: 0, to: lineEnd(text, 0), line: 1, exact: false };
  }
  // a whole mapping or list would underline many lines: keep to its first line
  const [from, end] = span;
  const to = Math.min(text.length, Math.max(from + 1, Math.min(end, lineEnd(text, from))));
  return { from, to, line: lineAt(text, from), exact };
}

/** "sweep.grid.training.seed[1]" -> ["sweep", "grid", "training", "seed", 1]; null for "(top level)" and such. */
export function parsePath(path: string): (string | number)[] | null {
  if (!path || path.startsWith('(')) return null;
  const out: (string | number)[] = [];
  for (const part of path.split('.')) {
    const m = /^([^[\]]*)((?:\[\d+\])*)$/.exec(part);
    if (!m) return out.length ? out : null;
    if (m[1]) out.push(m[1]);
    for (const idx of m[2].matchAll(/\[(\d+)\]/g)) out.push(Number(idx[1]));
  }
  return out;
}

function rangeOf(node: unknown): [number, number] | null {
  const r = (node as Node | null | undefined)?.range;
  return r ? [r[0], r[1]] : null;
}

function offsetOf(text: string, line: number, column: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const next = text.indexOf('\n', offset);
    if (next < 0) return text.length;
    offset = next + 1;
  }
  return Math.min(offset + Math.max(0, column - 1), lineEnd(text, offset));
}

function lineEnd(text: string, from: number): number {
  const end = text.indexOf('\n', from);
  return end < 0 ? text.length : end;
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
