// Light or dark, as the system says; components that draw on canvas (charts, 3D) re-read it on change.
import { useEffect, useState } from 'preact/hooks';

const query = window.matchMedia('(prefers-color-scheme: dark)');

export function useDarkMode(): boolean {
  const [dark, setDark] = useState(query.matches);
  useEffect(() => {
    const onChange = () => setDark(query.matches);
    query.addEventListener('change', onChange);
    return () => query.removeEventListener('change', onChange);
  }, []);
  return dark;
}

/** A CSS variable's current value (e.g. cssVar('--ours')), for canvas drawing. */
export function cssVar(name: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
}
