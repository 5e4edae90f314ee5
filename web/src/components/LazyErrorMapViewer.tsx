// The 3D error-map viewer, fetched on first use: three.js is a large chunk that only pages showing a
// viewer should download. Until it arrives a box of the viewer's size holds its place (no layout jump).
import { useEffect, useState } from 'preact/hooks';
import type { ComponentType } from 'preact';
import type { ErrorMapViewerProps } from './ErrorMapViewer';

let loaded: Promise<ComponentType<ErrorMapViewerProps>> | undefined;

function loadViewer(): Promise<ComponentType<ErrorMapViewerProps>> {
  loaded ??= import('./ErrorMapViewer').then((m) => m.default);
  return loaded;
}

export function LazyErrorMapViewer(props: ErrorMapViewerProps) {
  const [Viewer, setViewer] = useState<ComponentType<ErrorMapViewerProps>>();
  const [failure, setFailure] = useState<string>();
  useEffect(() => {
    let live = true;
    loadViewer().then(
      (v) => live && setViewer(() => v),
      (e) => live && setFailure(String(e)),
    );
    return () => {
      live = false;
    };
  }, []);
  if (Viewer) return <Viewer {...props} />;
  return (
    <div class="errormap-stage" style={{ height: `${props.height ?? 380}px` }}>
      <div class={failure ? 'errormap-note error-box' : 'errormap-note'} role={failure ? 'alert' : undefined}>
        {failure ? `Could not load the 3D viewer: ${failure}` : 'Loading the 3D viewer…'}
      </div>
    </div>
  );
}
