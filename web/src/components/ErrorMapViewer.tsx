// A 3D viewer of one error-map mesh (binary PLY: vertex x y z + float `error` in mm, faces), coloured by
// error on viridis, with a colour bar in mm and orbit controls (mouse and keyboard).
// This module is the only one importing three.js: pages load it lazily, so the 3D chunk costs nothing
// on pages without a viewer.
import { useEffect, useRef, useState } from 'preact/hooks';
import * as THREE from 'three';
import { PLYLoader } from 'three/examples/jsm/loaders/PLYLoader.js';
import { OrbitControls } from 'three/examples/jsm/controls/OrbitControls.js';
import { COLOR_MAP_NAME, scalePosition, ticks, viridis, viridisGradient, type ErrorScale } from '../colorScale';
import { fmt } from '../format';
import type { CameraState, CameraSync } from '../cameraSync';

export interface ErrorMapViewerProps {
  /** Where the PLY is served (an /api/artifacts/... URL). */
  url: string;
  /** What the mesh shows, for the canvas's label ("reconstruction synth_000 bareteeth"). */
  title: string;
  /** A colour scale shared with other viewers; without it the viewer uses its own mesh's range. */
  scale?: ErrorScale;
  /** Told the mesh's own error range once loaded (to build a shared scale). */
  onRange?: (range: ErrorScale) => void;
  height?: number;
  /** A camera shared with other viewers: moves here move them, and a new mesh keeps the shared view. */
  sync?: CameraSync;
  /** When true a mesh without an "error" property is shown plain grey (a ground truth) instead of failing. */
  errorOptional?: boolean;
  /** Told the response's headers of every mesh loaded (the inference answers' mean errors). */
  onHeaders?: (headers: Headers) => void;
}

type Phase = { kind: 'loading' } | { kind: 'ready' } | { kind: 'failed'; message: string } | { kind: 'no-webgl' };

/** Everything that lives on the GPU or listens to events for one mounted viewer. */
interface Scene3D {
  renderer: THREE.WebGLRenderer;
  scene: THREE.Scene;
  camera: THREE.PerspectiveCamera;
  controls: OrbitControls;
  mesh?: THREE.Mesh;
  errors?: Float32Array;
  render: () => void;
  /** Takes a shared camera (from another viewer), without publishing it again. */
  follow?: (state: CameraState) => void;
}

const KEY_ROTATE = Math.PI / 24;
const KEY_ZOOM = 1.15;

export default function ErrorMapViewer({ url, title, scale, onRange, height = 380, sync, errorOptional, onHeaders }: ErrorMapViewerProps) {
  const host = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const three = useRef<Scene3D | undefined>(undefined);
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });
  const [ownRange, setOwnRange] = useState<ErrorScale>();
  // the URL whose mesh is on screen: "ready" is only true for the current URL (tests and screen readers wait on it)
  const [shownUrl, setShownUrl] = useState<string>();
  const shown = scale ?? ownRange;
  const onRangeRef = useRef(onRange);
  onRangeRef.current = onRange;
  const onHeadersRef = useRef(onHeaders);
  onHeadersRef.current = onHeaders;

  // the renderer, camera, lights and controls: once per mount, released on unmount
  useEffect(() => {
    const el = canvas.current!;
    if (!webglAvailable()) {
      setPhase({ kind: 'no-webgl' });
      return;
    }
    let renderer: THREE.WebGLRenderer;
    try {
      renderer = new THREE.WebGLRenderer({ canvas: el, antialias: true, alpha: true });
    } catch {
      setPhase({ kind: 'no-webgl' });
      return;
    }
    renderer.setPixelRatio(Math.min(window.devicePixelRatio, 2));
    const scene = new THREE.Scene();
    const camera = new THREE.PerspectiveCamera(35, 1, 0.01, 100);
    // soft light from everywhere plus a key light that moves with the camera, so error colours stay
    // readable from every side (strong directional shading would be mistaken for error)
    scene.add(new THREE.HemisphereLight(0xffffff, 0x888888, 1.6));
    const key = new THREE.DirectionalLight(0xffffff, 1.2);
    key.position.set(0.5, 0.6, 1);
    camera.add(key);
    scene.add(camera);
    const controls = new OrbitControls(camera, el);
    const render = () => renderer.render(scene, camera);
    // rendered on demand (on control changes, resizes, new colours), not every frame: the machine is shared
    controls.addEventListener('change', render);
    three.current = { renderer, scene, camera, controls, render };
    // a shared camera: publish this viewer's moves, follow the others' (without echoing them back)
    let following = false;
    const follow = (state: CameraState) => {
      following = true;
      camera.position.set(...state.position);
      controls.target.set(...state.target);
      camera.lookAt(controls.target);
      controls.update();
      following = false;
      render();
    };
    const publish = () => {
      if (following || !sync) return;
      sync.publish({ position: camera.position.toArray() as [number, number, number],
        target: controls.target.toArray() as [number, number, number] }, follow);
    };
    three.current.follow = sync ? follow : undefined;
    controls.addEventListener('change', publish);
    const unfollow = sync?.follow(follow);

    const stage = host.current!;
    const resize = new ResizeObserver(() => {
      const w = stage.clientWidth;
      const h = stage.clientHeight;
      if (w === 0 || h === 0) return;
      renderer.setSize(w, h, false);
      camera.aspect = w / h;
      camera.updateProjectionMatrix();
      render();
    });
    resize.observe(stage);

    return () => {
      resize.disconnect();
      unfollow?.();
      controls.removeEventListener('change', publish);
      controls.removeEventListener('change', render);
      controls.dispose();
      const s = three.current;
      s?.mesh?.geometry.dispose();
      (s?.mesh?.material as THREE.Material | undefined)?.dispose();
      renderer.dispose();
      // browsers allow few live WebGL contexts: give this one back now, not at garbage collection
      renderer.forceContextLoss();
      three.current = undefined;
    };
  }, []);

  // the mesh: loaded whenever the URL changes
  useEffect(() => {
    const s = three.current;
    if (!s) return;
    let cancelled = false;
    setPhase({ kind: 'loading' });
    fetch(url)
      .then(async (response) => {
        if (!response.ok) {
          // an API error names what was wrong ({error, details}): show that, not only the status
          const body = await response.text();
          let detail = `${response.status} ${response.statusText}`;
          try {
            const parsed = JSON.parse(body);
            if (parsed?.details?.length) detail = `${response.status}: ${parsed.details.join('; ')}`;
          } catch { /* not JSON */ }
          throw new Error(`${detail} for ${url}`);
        }
        onHeadersRef.current?.(response.headers);
        return response.arrayBuffer();
      })
      .then((buffer) => {
        if (cancelled || three.current !== s) return;
        const loader = new PLYLoader();
        loader.setCustomPropertyNameMapping({ error: ['error'] });
        const geometry = loader.parse(buffer);
        const errorAttribute = geometry.getAttribute('error');
        // PLYLoader fills a mapped property the file does not have with NaN: that mesh has no error (plain grey)
        const values = errorAttribute ? errorAttribute.array as Float32Array : undefined;
        const errors = values && values.some((v) => Number.isFinite(v)) ? values : undefined;
        if (!errors && !errorOptional) throw new Error(`${url} has no per-vertex "error" property`);
        const count = geometry.getAttribute('position').count;
        geometry.setAttribute('color', new THREE.BufferAttribute(new Float32Array(count * 3).fill(0.72), 3));
        geometry.computeVertexNormals();
        const material = new THREE.MeshStandardMaterial({
          vertexColors: true, roughness: 0.85, metalness: 0, side: THREE.DoubleSide,
        });
        if (s.mesh) {
          s.scene.remove(s.mesh);
          s.mesh.geometry.dispose();
          (s.mesh.material as THREE.Material).dispose();
        }
        s.mesh = new THREE.Mesh(geometry, material);
        s.errors = errors;
        s.scene.add(s.mesh);
        // with a shared camera only the first mesh of all is framed: later meshes keep the view
        const shared = sync?.state;
        frame(s, geometry);
        if (shared && s.follow) s.follow(shared);
        else if (sync && s.follow) sync.publish({ position: s.camera.position.toArray() as [number, number, number],
          target: s.controls.target.toArray() as [number, number, number] }, s.follow);
        if (errors) {
          const range = errorRange(errors);
          setOwnRange(range);
          onRangeRef.current?.(range);
        } else {
          // no error on this mesh: the colour bar of the previous one must not stay
          setOwnRange(undefined);
          s.render();
        }
        setShownUrl(url);
        setPhase({ kind: 'ready' });
      })
      .catch((e) => {
        if (!cancelled) setPhase({ kind: 'failed', message: e instanceof Error ? e.message : String(e) });
      });
    return () => {
      cancelled = true;
    };
  }, [url]);

  // colours: recomputed when the mesh or the scale changes (a shared scale arrives after the meshes)
  useEffect(() => {
    const s = three.current;
    if (!s?.mesh || !s.errors || !shown) return;
    colour(s.mesh.geometry, s.errors, shown);
    s.render();
  }, [shown?.min, shown?.max, phase.kind]);

  const onKeyDown = (e: KeyboardEvent) => {
    const s = three.current;
    if (!s) return;
    const handled = keyboardControl(s, e.key);
    if (handled) {
      e.preventDefault();
      s.render();
    }
  };

  const label = `3D error map: ${title}. Drag or use the arrow keys to rotate, wheel or + and - to zoom, R to reset the view.`;
  return (
    <figure class="errormap" aria-busy={phase.kind === 'loading' || (phase.kind === 'ready' && shownUrl !== url)}
      data-state={phase.kind === 'ready' && shownUrl !== url ? 'loading' : phase.kind}>
      <div class="errormap-stage" ref={host} style={{ height: `${height}px` }}>
        <canvas ref={canvas} tabIndex={0} aria-label={label} onKeyDown={onKeyDown}
          style={{ visibility: phase.kind === 'ready' ? 'visible' : 'hidden' }} />
        {phase.kind === 'loading' && <div class="errormap-note">Loading the mesh…</div>}
        {phase.kind === 'no-webgl' && (
          <div class="errormap-note" role="alert">
            This browser cannot show 3D (WebGL is unavailable or disabled). The error map can still be
            downloaded: <a href={url} download>PLY file</a>.
          </div>
        )}
        {phase.kind === 'failed' && (
          <div class="errormap-note error-box" role="alert">Could not show this error map: {phase.message}</div>
        )}
      </div>
      <ColorBar scale={shown} shared={!!scale} />
      <figcaption class="muted errormap-help">
        {phase.kind === 'no-webgl' || phase.kind === 'failed'
          ? title
          : 'Drag to rotate, wheel to zoom · keyboard (click the view first): arrows rotate, + / − zoom, R resets.'}
      </figcaption>
    </figure>
  );
}

/** The colour bar: viridis from min to max with ticks, in mm. Fixed height, so nothing moves while loading. */
export function ColorBar({ scale, shared }: { scale?: ErrorScale; shared?: boolean }) {
  const marks = scale ? ticks(scale) : [];
  const span = scale ? scale.max - scale.min : 0;
  return (
    <div class="colorbar" aria-label={scale ? `Colour scale ${COLOR_MAP_NAME}: ${fmt(scale.min, 2)} to ${fmt(scale.max, 2)} mm` : 'Colour scale'}
      role="img">
      <div class="colorbar-title">
        vertex error (mm){shared ? ', shared scale' : ''} · {COLOR_MAP_NAME}
      </div>
      <div class="colorbar-ramp" style={{ background: viridisGradient() }} />
      <div class="colorbar-ticks">
        {marks.map((v, i) => (
          <span key={i} style={{ left: `${span > 0 ? (100 * (v - scale!.min)) / span : 0}%` }}>
            {fmt(v, 2)}{i === marks.length - 1 ? ' mm' : ''}
          </span>
        ))}
      </div>
    </div>
  );
}

function webglAvailable(): boolean {
  try {
    const probe = document.createElement('canvas');
    const gl = probe.getContext('webgl2') ?? probe.getContext('webgl');
    if (!gl) return false;
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return true;
  } catch {
    return false;
  }
}

function errorRange(errors: Float32Array): ErrorScale {
  let min = Infinity;
  let max = -Infinity;
  for (const e of errors) {
    if (!Number.isFinite(e)) continue;
    if (e < min) min = e;
    if (e > max) max = e;
  }
  return Number.isFinite(min) ? { min, max } : { min: 0, max: 0 };
}

/** Writes vertex colours (viridis, converted from sRGB to the renderer's linear working space). */
function colour(geometry: THREE.BufferGeometry, errors: Float32Array, scale: ErrorScale) {
  const colours = geometry.getAttribute('color') as THREE.BufferAttribute;
  const c = new THREE.Color();
  for (let i = 0; i < errors.length; i++) {
    const [r, g, b] = viridis(scalePosition(errors[i], scale));
    c.setRGB(r, g, b, THREE.SRGBColorSpace);
    colours.setXYZ(i, c.r, c.g, c.b);
  }
  colours.needsUpdate = true;
}

/**
 * Points the camera at the mesh from the front (+z) at the distance where its bounding box fills the
 * view with a small margin, for the canvas's current aspect.
 */
function frame(s: Scene3D, geometry: THREE.BufferGeometry) {
  geometry.computeBoundingBox();
  const box = geometry.boundingBox!;
  const size = box.getSize(new THREE.Vector3());
  const center = box.getCenter(new THREE.Vector3());
  const radius = Math.max(size.length() / 2, 1e-6);
  const halfFov = THREE.MathUtils.degToRad(s.camera.fov / 2);
  const fitHeight = Math.max(size.y, size.x / Math.max(s.camera.aspect, 1e-3));
  const distance = Math.max(((fitHeight / 2) / Math.tan(halfFov)) * 1.15 + size.z / 2, radius * 0.5);
  s.camera.near = distance / 100;
  s.camera.far = distance * 100;
  s.camera.position.copy(center).add(new THREE.Vector3(0, 0, distance));
  s.camera.updateProjectionMatrix();
  s.controls.target.copy(center);
  s.controls.minDistance = radius * 0.2;
  s.controls.maxDistance = distance * 10;
  s.controls.update();
  s.controls.saveState();
}

/** Arrow keys orbit around the target, + and - zoom, R goes back to the framed view. */
function keyboardControl(s: Scene3D, key: string): boolean {
  const { camera, controls } = s;
  const offset = camera.position.clone().sub(controls.target);
  const spherical = new THREE.Spherical().setFromVector3(offset);
  switch (key) {
    case 'ArrowLeft': spherical.theta -= KEY_ROTATE; break;
    case 'ArrowRight': spherical.theta += KEY_ROTATE; break;
    case 'ArrowUp': spherical.phi -= KEY_ROTATE; break;
    case 'ArrowDown': spherical.phi += KEY_ROTATE; break;
    case '+': case '=': spherical.radius /= KEY_ZOOM; break;
    case '-': case '_': spherical.radius *= KEY_ZOOM; break;
    case 'r': case 'R':
      controls.reset();
      return true;
    default:
      return false;
  }
  spherical.phi = THREE.MathUtils.clamp(spherical.phi, 0.01, Math.PI - 0.01);
  spherical.radius = THREE.MathUtils.clamp(spherical.radius, controls.minDistance, controls.maxDistance);
  camera.position.copy(controls.target).add(new THREE.Vector3().setFromSpherical(spherical));
  camera.lookAt(controls.target);
  controls.update();
  return true;
}
