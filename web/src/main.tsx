// The dashboard's entry point: the top bar and the router over `pages`.
import { render } from 'preact';
import { ErrorBoundary, LocationProvider, Router, Route, useLocation } from 'preact-iso';
import { pages } from './routes';
import './styles.css';

function TopBar() {
  const { path } = useLocation();
  return (
    <header class="topbar">
      <a href="#main" class="skip-link">Skip to content</a>
      <a href="/" class="brand">FaceTuneGAN</a>
      <nav aria-label="Pages">
        {pages.filter((p) => p.nav).map((p) => (
          <a key={p.path} href={p.path} aria-current={p.nav!.match(path) ? 'page' : undefined}>
            {p.nav!.label}
          </a>
        ))}
      </nav>
      <span class="spacer" />
      <a href="/openapi.json" class="muted">API</a>
    </header>
  );
}

function NotFound() {
  const { path } = useLocation();
  return (
    <div>
      <h1>No such page</h1>
      <p class="muted">
        Nothing lives at <code>{path}</code>. <a href="/">Back to the experiments</a>.
      </p>
    </div>
  );
}

function App() {
  return (
    <LocationProvider>
      <TopBar />
      <main id="main" tabIndex={-1}>
        <ErrorBoundary>
          <Router>
            {[...pages.map((p) => <Route key={p.path} path={p.path} component={p.component} />),
              <Route key="404" default component={NotFound} />]}
          </Router>
        </ErrorBoundary>
      </main>
    </LocationProvider>
  );
}

render(<App />, document.getElementById('app')!);
