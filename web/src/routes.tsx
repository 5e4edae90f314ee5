// Every page of the dashboard: its path, its component (loaded on first visit, so the 3D viewer
// and the editor cost nothing on other pages), and its entry in the top bar.
import { lazy } from 'preact-iso';
import type { AnyComponent } from 'preact';

export interface Page {
  path: string;
  component: AnyComponent<any>;
  /** Shown in the top bar when set; `match` says which paths light it up. */
  nav?: { label: string; match: (path: string) => boolean };
}

export const pages: Page[] = [
  {
    path: '/',
    component: lazy(() => import('./pages/ExperimentsPage')),
    nav: { label: 'Experiments', match: (p) => p === '/' || p.startsWith('/experiments') || p.startsWith('/runs') },
  },
  { path: '/experiments/:id', component: lazy(() => import('./pages/ExperimentPage')) },
  {
    path: '/runs/:id',
    component: lazy(() => import('./pages/RunPage')),
  },
  { path: '/runs/:id/explore', component: lazy(() => import('./pages/ExplorePage')) },
  {
    path: '/compare',
    component: lazy(() => import('./pages/ComparePage')),
    nav: { label: 'Compare', match: (p) => p.startsWith('/compare') },
  },
  {
    path: '/tables',
    component: lazy(() => import('./pages/TablesPage')),
    nav: { label: 'Tables', match: (p) => p.startsWith('/tables') },
  },
  { path: '/tables/:experimentId', component: lazy(() => import('./pages/TablesPage')) },
  {
    path: '/submit',
    component: lazy(() => import('./pages/SubmitPage')),
    nav: { label: 'Submit', match: (p) => p.startsWith('/submit') },
  },
];
