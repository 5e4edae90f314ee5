// Every view keeps its state (filters, sort, chosen runs, tabs) in the URL's query string, so a link
// shows exactly what its sender saw. These hooks read and write one query parameter each.
import { useLocation } from 'preact-iso';
import { useCallback } from 'preact/hooks';

/** One query parameter as a string; setting the default (or '') removes it from the URL. */
export function useUrlParam(key: string, fallback = ''): [string, (value: string) => void] {
  const { path, query, route } = useLocation();
  const value = query[key] ?? fallback;
  const set = useCallback(
    (next: string) => {
      const q = new URLSearchParams(location.search);
      if (next === '' || next === fallback) q.delete(key);
      else q.set(key, next);
      const s = q.toString();
      route(path + (s ? '?' + s : ''), true);
    },
    [key, fallback, path, route],
  );
  return [value, set];
}

/** A comma-separated list parameter (e.g. ?runs=a,b,c). */
export function useUrlList(key: string): [string[], (values: string[]) => void] {
  const [raw, setRaw] = useUrlParam(key);
  const values = raw ? raw.split(',').filter(Boolean) : [];
  return [values, (next: string[]) => setRaw(next.join(','))];
}

/** Sets several parameters at once (one history entry). */
export function useUrlUpdate(): (changes: Record<string, string | null>) => void {
  const { path, route } = useLocation();
  return useCallback(
    (changes) => {
      const q = new URLSearchParams(location.search);
      for (const [k, v] of Object.entries(changes)) {
        if (v === null || v === '') q.delete(k);
        else q.set(k, v);
      }
      const s = q.toString();
      route(path + (s ? '?' + s : ''), true);
    },
    [path, route],
  );
}
