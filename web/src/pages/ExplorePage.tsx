// Explore a run's trained model: pick a face (identity) and an expression from its dataset, move the
// expression's intensity (alpha, -0.5 to 2) and see FaceTuneGAN's transfer, the blendshape transfer
// and the ground truth side by side, with one camera and one colour scale in mm, and a strip of the
// same transfer from before the face's own expression (alpha -0.5) to beyond the chosen one (alpha 2).
// Everything shown is in the URL (content, style, alpha, checkpoint), so a link shows the same view.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { api, query } from '../api';
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
  samples: Sample[];
}

const STRIP_ALPHAS = [-0.5, 0, 0.5, 1, 1.5, 2];
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

/** The first neutral as the face, and a peak-like sample of another subject as the expression. */
function defaults(samples: Sample[]): { content: number; style: number } {
  const neutral = samples.find((s) => s.expression === 'neutral') ?? samples[0];
  const other = samples.filter((s) => s.subject !== neutral.subject && s.expression !== 'neutral');
  const style = other[Math.floor(other.length / 2)] ?? samples[Math.min(1, samples.length - 1)];
  return { content: neutral.index, style: style.index };
}

function Explorer({ id, info, checkpoint, setCheckpoint }: {
  id: string; info: InferenceInfo; checkpoint: string; setCheckpoint: (v: string) => void;
}) {
  const fallback = useMemo(() => defaults(info.samples), [info]);
  const [contentParam] = useUrlParam('content');
  const [styleParam] = useUrlParam('style');
  const [alphaParam, setAlphaParam] = useUrlParam('alpha', '1');
  const update = useUrlUpdate();
  const content = contentParam === '' ? fallback.content : Number(contentParam);
  const style = styleParam === '' ? fallback.style : Number(styleParam);
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
  const shown = [ranges[modelUrl], ranges[blendUrl]].filter((r): r is ErrorScale => !!r);
  const scale = shown.length === 2 ? unionScale(shown) : undefined;
  const bySample = new Map(info.samples.map((s) => [s.index, s]));
  const contentSample = bySample.get(content);
  const styleSample = bySample.get(style);

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
        <SamplePicker label="Face (identity)" samples={info.samples} value={content}
          onChange={(v) => update({ content: String(v) })} />
        <SamplePicker label="Expression (style)" samples={info.samples} value={style}
          onChange={(v) => update({ style: String(v) })} />
        <label class="explore-alpha">
          Expression intensity α = <output>{fmt(alpha, 2)}</output>
          <input type="range" aria-label="Expression intensity alpha" min={info.alpha.min} max={info.alpha.max} step={0.05}
            value={alpha} onInput={(e) => setAlphaParam(e.currentTarget.value)} />
          <span class="muted">{info.alpha.min} (away from it) · 0 (the face's own) · 1 (the expression) · {info.alpha.max} (beyond)</span>
        </label>
      </section>

      <section class="card">
        <h2>
          {contentSample ? describe(contentSample) : `#${content}`} with the expression of{' '}
          {styleSample ? describe(styleSample) : `#${style}`}
        </h2>
        <p class="muted explore-scale" aria-live="polite">
          {scale ? `One colour scale: ${fmt(scale.min, 2)}–${fmt(scale.max, 2)} mm` : 'Reading the errors…'}
          {' · one camera: turning one view turns all three'}
        </p>
        <div class="grid three explore-views">
          <View title="FaceTuneGAN" url={modelUrl} scale={scale} sync={sync} onRange={report(modelUrl)}
            onHeaders={headers('model')} mean={means.model} />
          <View title="Blendshape transfer" url={blendUrl} scale={scale} sync={sync} onRange={report(blendUrl)}
            onHeaders={headers('blendshape')} mean={means.blendshape} />
          <View title="Ground truth" url={url('truth', liveAlpha)} scale={scale} sync={sync} plain />
        </div>
      </section>

      <section class="card">
        <h2>From the face's own expression to the chosen one and beyond</h2>
        <div class="explore-strip">
          {STRIP_ALPHAS.map((a) => (
            <div key={a}>
              <LazyErrorMapViewer url={url('model', a)} title={`FaceTuneGAN at alpha ${a}`} height={170} sync={sync} errorOptional
                scale={scale} />
              <div class="muted">α = {a}</div>
            </div>
          ))}
        </div>
      </section>
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
        {plain ? 'the face performing the expression, from the dataset (its own error is 0: the lowest colour)' : mean ? `mean error ${fmt(Number(mean), 3)} mm` : 'no ground truth for this pair'}
        {' · '}<a href={url} download>download PLY</a>
      </div>
    </div>
  );
}

/** A sample chooser searchable by subject and expression. */
function SamplePicker({ label, samples, value, onChange }: {
  label: string; samples: Sample[]; value: number; onChange: (v: number) => void;
}) {
  const [search, setSearch] = useState('');
  const words = search.toLowerCase().split(/\s+/).filter(Boolean);
  const matching = samples.filter((s) => {
    const text = `${s.index} ${s.subject} ${s.expression} ${s.sequence} ${s.split}`.toLowerCase();
    return s.index === value || words.every((w) => text.includes(w));
  }).slice(0, 500);
  return (
    <div class="explore-picker">
      <label>
        {label}{' '}
        <input type="search" placeholder="subject or expression" aria-label={`Search ${label}`} value={search}
          onInput={(e) => setSearch(e.currentTarget.value)} />
      </label>
      <select aria-label={label} value={value} onChange={(e) => onChange(Number(e.currentTarget.value))}>
        {matching.map((s) => <option key={s.index} value={s.index}>{describe(s)}</option>)}
      </select>
    </div>
  );
}
