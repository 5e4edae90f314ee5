// Explore a run's trained model: pick a face (identity) and an expression from its dataset, move the
// expression's intensity (alpha, -0.5 to 2) and see FaceTuneGAN's transfer, the blendshape transfer
// and the ground truth side by side, with one camera and one colour scale in mm, and a strip of the
// same transfer from before the face's own expression (alpha -0.5) to beyond the chosen one (alpha 2), and
// a strip of k frames from that expression to a second one (the style codes interpolated).
// The face or an expression may be an uploaded PLY/OBJ on the template: the API keeps it under its content
// hash and the URL names it (content=upload:<id>), so a reload or a shared link shows it too, for as long
// as the API keeps it (else its named 404 is shown, asking to upload it again).
// Everything shown is in the URL (content, style, style2, frames, alpha, unit, checkpoint), so a link shows
// the same view.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { api, ApiFailure, query, token, type MeshUpload } from '../api';
import { useApi } from '../data';
import { fmt } from '../format';
import { useUrlParam, useUrlUpdate } from '../url';
import { unionScale, type ErrorScale } from '../colorScale';
import { CameraSync } from '../cameraSync';
import { ErrorBox } from '../components/ErrorBox';
import { LazyErrorMapViewer } from '../components/LazyErrorMapViewer';

interface Sample {
  index: number;
  subject: string;
  expression: string;
  sequence: string;
  frame: number | null;
  split: 'train' | 'test';
}

interface InferenceInfo {
  run: string;
  checkpoint: { kind: 'best' | 'last'; step: number };
  checkpoints: { best: boolean; last: boolean };
  vertex_count: number;
  face_count: number;
  alpha: { min: number; max: number };
  source_unit: string;
  samples: Sample[];
}

const STRIP_ALPHAS = [-0.5, 0, 0.5, 1, 1.5, 2];
/**
 * Frames of the strip between two expressions. Each frame is a WebGL view, and Chromium keeps at most 16
 * at once: with the three views and the six intensities, 5 is the most that stays safe.
 */
const FRAME_CHOICES = ['3', '4', '5'];
const UPLOAD = 'upload:';

/** A mesh as the URL and the API name it: a sample index ("12") or a kept upload ("upload:<sha256>"). */
type MeshRef = string;
const isUpload = (ref: MeshRef) => ref.startsWith(UPLOAD);
/** Slider moves are sent to the server at most this often (the URL follows at once). */
const LIVE_MS = 120;

export default function ExplorePage() {
  const { params } = useRoute();
  const id = params.id;
  const [checkpoint, setCheckpoint] = useUrlParam('checkpoint');
  const info = useApi(() => api.inference<InferenceInfo>(id, checkpoint), [id, checkpoint]);
  if (info.error && !info.value) {
    return (
      <div>
        <h1>Explore run {id}</h1>
        <ErrorBox error={info.error} what={`load the trained model of run ${id}`} />
        <p><a href={`/runs/${encodeURIComponent(id)}`}>Back to the run</a></p>
      </div>
    );
  }
  if (!info.value) return <div class="loading">Loading the trained model of run {id}…</div>;
  return <Explorer id={id} info={info.value} checkpoint={checkpoint} setCheckpoint={setCheckpoint} />;
}

function describe(s: Sample): string {
  return `#${s.index} ${s.subject} · ${s.expression}${s.frame === null ? '' : ` · frame ${s.frame}`} (${s.split})`;
}

/**
 * The first neutral as the face, a peak-like sample of another subject as the expression, and for the strip
 * a sample of another expression than that one as the second.
 */
function defaults(samples: Sample[]): { content: MeshRef; style: MeshRef; style2: MeshRef } {
  const neutral = samples.find((s) => s.expression === 'neutral') ?? samples[0];
  const other = samples.filter((s) => s.subject !== neutral.subject && s.expression !== 'neutral');
  const style = other[Math.floor(other.length / 2)] ?? samples[Math.min(1, samples.length - 1)];
  const second = other.filter((s) => s.expression !== style.expression);
  const style2 = second[Math.floor(second.length / 2)] ?? samples.find((s) => s.index !== style.index) ?? style;
  return { content: String(neutral.index), style: String(style.index), style2: String(style2.index) };
}

function Explorer({ id, info, checkpoint, setCheckpoint }: {
  id: string; info: InferenceInfo; checkpoint: string; setCheckpoint: (v: string) => void;
}) {
  const fallback = useMemo(() => defaults(info.samples), [info]);
  const [contentParam] = useUrlParam('content');
  const [styleParam] = useUrlParam('style');
  const [style2Param] = useUrlParam('style2');
  const [framesParam, setFramesParam] = useUrlParam('frames', '5');
  const [alphaParam, setAlphaParam] = useUrlParam('alpha', '1');
  const [unit, setUnit] = useUrlParam('unit', info.source_unit);
  const update = useUrlUpdate();
  const content: MeshRef = contentParam || fallback.content;
  const style: MeshRef = styleParam || fallback.style;
  const style2: MeshRef = style2Param || fallback.style2;
  const frames = FRAME_CHOICES.includes(framesParam) ? Number(framesParam) : 5;
  const alpha = Number(alphaParam);
  // the slider is live: the URL follows every move, the meshes at most every LIVE_MS
  const [liveAlpha, setLiveAlpha] = useState(alpha);
  useEffect(() => {
    const t = setTimeout(() => setLiveAlpha(alpha), LIVE_MS);
    return () => clearTimeout(t);
  }, [alpha]);

  // one camera for the page: a new face or expression keeps the view
  const sync = useMemo(() => new CameraSync(), []);
  const base = `/api/runs/${encodeURIComponent(id)}/inference/transfer`;
  const url = (output: string, a: number) => base + query({ content, style, alpha: a, checkpoint, format: 'ply', output });
  const [ranges, setRanges] = useState<Record<string, ErrorScale>>({});
  const [means, setMeans] = useState<Record<string, string>>({});
  const report = (key: string) => (range: ErrorScale) => setRanges((r) => ({ ...r, [key]: range }));
  const headers = (key: string) => (h: Headers) => setMeans((m) => ({ ...m, [key]: h.get('X-Ftgan-Mean-Error-Mm') ?? '' }));
  const modelUrl = url('model', liveAlpha);
  const blendUrl = url('blendshape', liveAlpha);
  // an uploaded face has no ground truth (so no error), an uploaded expression no blendshape transfer
  // (it needs the neutral of the expression's subject)
  const hasTruth = !isUpload(content) && !isUpload(style);
  const hasBlendshape = !isUpload(style);
  const shown = [ranges[modelUrl], ranges[blendUrl]].filter((r): r is ErrorScale => !!r);
  const scale = hasTruth && shown.length === 2 ? unionScale(shown) : undefined;
  const bySample = new Map(info.samples.map((s) => [String(s.index), s]));
  const uploads = useUploads(id, checkpoint, [content, style, style2]);
  const name = (ref: MeshRef) => {
    if (isUpload(ref)) {
      const u = uploads[ref];
      return `uploaded ${u && 'id' in u ? (u.file_name ?? 'mesh') : 'mesh'} (${ref.slice(UPLOAD.length, UPLOAD.length + 12)})`;
    }
    const s = bySample.get(ref);
    return s ? describe(s) : `#${ref}`;
  };
  const missing = [content, style, style2].filter((ref, i, all) => all.indexOf(ref) === i)
    .map((ref) => uploads[ref]).filter((u): u is ApiFailure => u instanceof ApiFailure);
  const interpolation = (k: number, format: string) => `/api/runs/${encodeURIComponent(id)}/inference/interpolate`
    + query({ content, from: style, to: style2, frames, frame: k < 0 ? undefined : k, checkpoint, format });
  const pickers = { samples: info.samples, runId: id, unit, checkpoint, uploads };

  return (
    <div class="explore-page">
      <div class="page-head">
        <div class="grow">
          <div class="breadcrumb">
            <a href={`/runs/${encodeURIComponent(id)}`}>Run {id}</a> › explore
          </div>
          <h1>Explore the trained model</h1>
          <div class="muted">
            checkpoint {info.checkpoint.kind} (step {fmt(info.checkpoint.step)}) · {fmt(info.vertex_count)} vertices ·
            {' '}{fmt(info.samples.length)} samples
          </div>
        </div>
        <label>
          Checkpoint{' '}
          <select value={checkpoint || info.checkpoint.kind} onChange={(e) => setCheckpoint(e.currentTarget.value)}>
            {info.checkpoints.best && <option value="best">best</option>}
            {info.checkpoints.last && <option value="last">last</option>}
          </select>
        </label>
      </div>

      <section class="card explore-controls">
        <SamplePicker label="Face (identity)" {...pickers} value={content} onChange={(v) => update({ content: v })} />
        <SamplePicker label="Expression (style)" {...pickers} value={style} onChange={(v) => update({ style: v })} />
        <label class="explore-alpha">
          Expression intensity α = <output>{fmt(alpha, 2)}</output>
          <input type="range" aria-label="Expression intensity alpha" min={info.alpha.min} max={info.alpha.max} step={0.05}
            value={alpha} onInput={(e) => setAlphaParam(e.currentTarget.value)} />
          <span class="muted">{info.alpha.min} (away from it) · 0 (the face's own) · 1 (the expression) · {info.alpha.max} (beyond)</span>
        </label>
        <label class="explore-unit">
          Unit of uploaded files{' '}
          <select value={unit} onChange={(e) => setUnit(e.currentTarget.value)}>
            <option value="mm">mm</option>
            <option value="m">m</option>
          </select>
          <span class="muted">PLY or OBJ on the run's template ({fmt(info.vertex_count)} vertices, {fmt(info.face_count)} faces);
            the dataset's raw files are in {info.source_unit}, this page's downloads in mm</span>
        </label>
      </section>

      {missing.map((failure, i) => (
        <ErrorBox key={i} error={failure} what="show an uploaded mesh named in this link: upload it again" />
      ))}

      <section class="card">
        <h2>
          {name(content)} with the expression of {name(style)}
        </h2>
        <p class="muted explore-scale" aria-live="polite">
          {!hasTruth ? 'No ground truth for an uploaded mesh, so no error: the meshes are grey'
            : scale ? `One colour scale: ${fmt(scale.min, 2)}–${fmt(scale.max, 2)} mm` : 'Reading the errors…'}
          {' · one camera: turning one view turns all three'}
        </p>
        <div class="grid three explore-views">
          <View title="FaceTuneGAN" url={modelUrl} scale={scale} sync={sync} onRange={report(modelUrl)}
            onHeaders={headers('model')} mean={means.model} />
          {hasBlendshape
            ? <View title="Blendshape transfer" url={blendUrl} scale={scale} sync={sync} onRange={report(blendUrl)}
              onHeaders={headers('blendshape')} mean={means.blendshape} />
            : <Absent title="Blendshape transfer"
              why="the expression is an uploaded mesh: the blendshape transfer needs the neutral face of its subject" />}
          {hasTruth
            ? <View title="Ground truth" url={url('truth', liveAlpha)} scale={scale} sync={sync} plain />
            : <Absent title="Ground truth" why="an uploaded mesh is not in the dataset: there is no ground truth to compare with" />}
        </div>
      </section>

      <section class="card">
        <h2>From the face's own expression to the chosen one and beyond</h2>
        <div class="explore-strip">
          {STRIP_ALPHAS.map((a) => (
            <div key={a}>
              <LazyErrorMapViewer url={url('model', a)} title={`FaceTuneGAN at alpha ${a}`} height={170} sync={sync} errorOptional
                scale={scale} />
              <div class="muted">α = {a} · <a href={url('model', a)} download>PLY</a></div>
            </div>
          ))}
        </div>
      </section>

      <section class="card">
        <h2>Between two expressions</h2>
        <p class="muted">
          The face with style codes evenly spaced from the expression above ({name(style)}) to a second one: the first
          frame is the transfer at α = 1, the last the transfer of the second expression.
        </p>
        <div class="explore-controls">
          <SamplePicker label="Second expression" {...pickers} value={style2} onChange={(v) => update({ style2: v })} />
          <label>
            Frames{' '}
            <select aria-label="Frames between the two expressions" value={String(frames)}
              onChange={(e) => setFramesParam(e.currentTarget.value)}>
              {FRAME_CHOICES.map((k) => <option key={k} value={k}>{k}</option>)}
            </select>
          </label>
          <a href={interpolation(-1, 'f32')} download={`interpolation-${frames}-frames.f32`}>
            download all {frames} frames (float32, {frames} × {fmt(info.vertex_count)} × 3, mm)
          </a>
        </div>
        <div class="explore-frames" style={{ gridTemplateColumns: `repeat(${frames}, minmax(140px, 1fr))` }}>
          {Array.from({ length: frames }, (_, k) => (
            <div key={`${frames}-${k}`} class="explore-frame">
              <LazyErrorMapViewer url={interpolation(k, 'ply')} title={`frame ${k + 1} of ${frames} between the two expressions`}
                height={170} sync={sync} errorOptional />
              <div class="muted">
                {k === 0 ? 'first expression' : k === frames - 1 ? 'second expression' : `t = ${fmt(k / (frames - 1), 2)}`}
                {' · '}<a href={interpolation(k, 'ply')} download={`interpolation-frame-${k + 1}-of-${frames}.ply`}>PLY</a>
              </div>
            </div>
          ))}
        </div>
      </section>
    </div>
  );
}

/**
 * What the API keeps of every upload the URL names: the upload, its named failure (404 upload_not_found
 * once evicted or after a restart), or undefined while asked.
 */
function useUploads(runId: string, checkpoint: string, refs: MeshRef[]): Record<string, MeshUpload | ApiFailure | undefined> {
  const wanted = refs.filter(isUpload).filter((r, i, all) => all.indexOf(r) === i).sort();
  const [known, setKnown] = useState<Record<string, MeshUpload | ApiFailure>>({});
  const key = wanted.join(',');
  useEffect(() => {
    let live = true;
    for (const ref of wanted) {
      if (known[ref]) continue;
      api.meshUpload(runId, ref.slice(UPLOAD.length), checkpoint).then(
        (u) => live && setKnown((k) => ({ ...k, [ref]: u })),
        (e) => live && setKnown((k) => ({ ...k, [ref]: e instanceof ApiFailure ? e : new ApiFailure(0, 'client_error', [String(e)]) })),
      );
    }
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [runId, checkpoint, key]);
  return known;
}

/** In place of a view that has nothing to show for this pair, and why. */
function Absent({ title, why }: { title: string; why: string }) {
  return (
    <div class="explore-view explore-absent">
      <h3>{title}</h3>
      <p class="muted">{why}</p>
    </div>
  );
}

function View({ title, url, scale, sync, onRange, onHeaders, mean, plain }: {
  title: string; url: string; scale?: ErrorScale; sync: CameraSync; onRange?: (r: ErrorScale) => void;
  onHeaders?: (h: Headers) => void; mean?: string; plain?: boolean;
}) {
  return (
    <div class="explore-view">
      <h3>{title}</h3>
      <LazyErrorMapViewer url={url} title={title} scale={scale} sync={sync} onRange={onRange} onHeaders={onHeaders}
        errorOptional height={320} />
      <div class="muted explore-mean">
        {plain ? 'the face performing the expression, from the dataset (no error of its own: plain grey)' : mean ? `mean error ${fmt(Number(mean), 3)} mm` : 'no ground truth for this pair'}
        {' · '}<a href={url} download>download PLY</a>
      </div>
    </div>
  );
}

/**
 * A mesh chooser: a sample of the dataset, searchable by subject and expression, or a PLY/OBJ file uploaded
 * (kept by the API; the value becomes its upload:<id>). A refused upload shows the API's named error.
 */
function SamplePicker({ label, samples, value, onChange, runId, unit, checkpoint, uploads }: {
  label: string; samples: Sample[]; value: MeshRef; onChange: (v: MeshRef) => void;
  runId: string; unit: string; checkpoint: string; uploads: Record<string, MeshUpload | ApiFailure | undefined>;
}) {
  const [search, setSearch] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<{ file: string; error: ApiFailure }>();
  const words = search.toLowerCase().split(/\s+/).filter(Boolean);
  const matching = samples.filter((s) => {
    const text = `${s.index} ${s.subject} ${s.expression} ${s.sequence} ${s.split}`.toLowerCase();
    return String(s.index) === value || words.every((w) => text.includes(w));
  }).slice(0, 500);
  const uploaded = isUpload(value) ? uploads[value] : undefined;
  const upload = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    if (!file) return;
    setBusy(true);
    setFailure(undefined);
    try {
      const kept = await api.uploadMesh(runId, file, unit, checkpoint);
      onChange(kept.reference);
    } catch (e) {
      setFailure({ file: file.name, error: e instanceof ApiFailure ? e : new ApiFailure(0, 'client_error', [String(e)]) });
    } finally {
      setBusy(false);
      input.value = '';
    }
  };
  return (
    <div class="explore-picker">
      <label>
        {label}{' '}
        <input type="search" placeholder="subject or expression" aria-label={`Search ${label}`} value={search}
          onInput={(e) => setSearch(e.currentTarget.value)} />
      </label>
      <select aria-label={label} value={value} onChange={(e) => onChange(e.currentTarget.value)}>
        {isUpload(value) && (
          <option value={value}>
            uploaded: {uploaded instanceof ApiFailure ? 'a mesh no longer kept'
              : uploaded && 'id' in uploaded ? (uploaded.file_name ?? 'mesh') : 'mesh'} ({value.slice(UPLOAD.length, UPLOAD.length + 12)})
          </option>
        )}
        {matching.map((s) => <option key={s.index} value={String(s.index)}>{describe(s)}</option>)}
      </select>
      <label class="explore-upload">
        or upload a PLY/OBJ{' '}
        <input type="file" accept=".ply,.obj" aria-label={`Upload ${label}`} disabled={busy}
          onChange={(e) => upload(e.currentTarget)} />
        {busy && <span class="muted"> uploading…</span>}
      </label>
      {failure && (
        <ErrorBox error={failure.error} what={`use ${failure.file}`} />
      )}
      {failure && (failure.error.status === 401 || failure.error.status === 403) && !token.get() && (
        <p class="muted small">Uploads need an API token: paste one on the <a href="/submit">Submit page</a> (it stays in this browser).</p>
      )}
    </div>
  );
}
