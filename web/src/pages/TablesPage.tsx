// Tables: the paper's Tables 1-4 laid out as in the paper, with this platform's numbers beside the
// published ones. /tables lists the experiments that carry a `published:` section (by table);
// /tables/<experiment> shows one experiment's table, its runs x figures, and exports.
import { useEffect, useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { api, ApiFailure, type ExperimentDetail, type FigureTable, type Published, type PublishedRow } from '../api';
import { useApi } from '../data';
import { fmt } from '../format';
import { useUrlParam } from '../url';
import { ErrorBox } from '../components/ErrorBox';
import { StatusBadge } from '../components/StatusBadge';

/** What each of the paper's tables shows (section 4 of the paper). */
const PAPER_TABLES: Record<number, string> = {
  1: 'Reconstruction error E_rec',
  2: 'Identity decomposition error E_id_decomp',
  3: 'Neutralization error E_neu',
  4: 'Expression transfer error E_transfer per expression, beside blendshape transfer',
};
const FIGURE_TITLES: Record<string, string> = {
  E_rec: 'reconstruction',
  E_id_decomp: 'identity decomposition',
  E_neu: 'neutralization',
  E_transfer: 'expression transfer',
  blendshape: 'blendshape transfer (baseline)',
};
const FORMATS = { md: 'Markdown', csv: 'CSV', latex: 'LaTeX' } as const;
type Format = keyof typeof FORMATS;
/** Experiments whose definitions the index reads at once. */
const DETAIL_CONCURRENCY = 4;

export default function TablesPage() {
  const { params } = useRoute();
  return params.experimentId ? <ExperimentTable id={params.experimentId} /> : <TablesIndex />;
}

// ---------------------------------------------------------------------------------------------
// the index: experiments with published figures, by paper table

interface Listed {
  experiment: ExperimentDetail;
  published: { table?: number; title?: string; metric?: string } | null;
}

async function experimentsWithDefinitions(): Promise<Listed[]> {
  const { experiments } = await api.experiments({ limit: 100, sort: 'created_at', order: 'desc' });
  const out: Listed[] = new Array(experiments.length);
  let next = 0;
  // a few at a time: the definitions (not in the list answer) say which carry published figures
  const worker = async () => {
    while (next < experiments.length) {
      const i = next++;
      const experiment = await api.experiment(experiments[i].id);
      const published = (experiment.definition?.published ?? null) as Listed['published'];
      out[i] = { experiment, published };
    }
  };
  await Promise.all(Array.from({ length: DETAIL_CONCURRENCY }, worker));
  return out;
}

function TablesIndex() {
  const list = useApi(experimentsWithDefinitions, []);
  const all = list.value ?? [];
  const paper = all.filter((l) => l.published);
  const byTable = new Map<number, Listed[]>();
  for (const l of paper) {
    const n = l.published?.table ?? 0;
    byTable.set(n, [...(byTable.get(n) ?? []), l]);
  }
  const tables = [...byTable.keys()].sort((a, b) => a - b);

  return (
    <div>
      <div class="page-head">
        <div class="grow">
          <h1>Tables</h1>
          <div class="muted">
            The paper's tables with this platform's numbers beside the published ones. An experiment appears here when
            its definition has a <code>published:</code> section (see <code>experiments/paper/*.yaml</code>).
          </div>
        </div>
      </div>
      {list.error && <ErrorBox error={list.error} what="load the experiments" />}
      {!list.value && list.loading && <div class="loading">Loading experiments…</div>}
      {list.value && paper.length === 0 && (
        <p class="muted">
          No experiment carries published figures yet. Submit one of <code>experiments/paper/*.yaml</code> (they train
          for hours) with <code>ftgan submit</code> or on the <a href="/submit">Submit</a> page.
        </p>
      )}
      {tables.map((n) => (
        <section key={n} aria-labelledby={`table-${n}`}>
          <h2 id={`table-${n}`}>{n ? `Table ${n}` : 'Other published figures'}{PAPER_TABLES[n] ? ` · ${PAPER_TABLES[n]}` : ''}</h2>
          <table class="plain" aria-label={n ? `Experiments reproducing Table ${n}` : 'Other experiments with published figures'}>
            <thead>
              <tr><th>Experiment</th><th>Published table</th><th>Metric</th><th>Status</th><th class="num">Runs</th></tr>
            </thead>
            <tbody>
              {byTable.get(n)!.map(({ experiment: e, published: p }) => (
                <tr key={e.id} data-experiment={e.id}>
                  <td><a href={`/tables/${encodeURIComponent(e.id)}`}>{e.name}</a></td>
                  <td>{p?.title ?? '—'}</td>
                  <td><code>{p?.metric ?? '—'}</code></td>
                  <td><StatusBadge status={e.status} /></td>
                  <td class="num">{e.run_count.toLocaleString('en-US')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
      {all.length > 0 && (
        <section>
          <h2>Any experiment</h2>
          <p class="muted">Every experiment has a table of its runs against the evaluation figures.</p>
          <ul class="plain-list">
            {all.map(({ experiment: e }) => (
              <li key={e.id}><a href={`/tables/${encodeURIComponent(e.id)}`}>{e.name}</a> <span class="muted mono">{e.id}</span></li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

// ---------------------------------------------------------------------------------------------
// one experiment: the paper's layout, runs x figures, exports

/** Where a figure over these runs comes from: one run's page, a comparison of a few, or the experiment. */
function runsHref(experimentId: string, runIds: string[]): string {
  if (runIds.length === 1) return `/runs/${encodeURIComponent(runIds[0])}`;
  if (runIds.length >= 2 && runIds.length <= 10) return `/compare?runs=${runIds.map(encodeURIComponent).join(',')}`;
  return `/experiments/${encodeURIComponent(experimentId)}`;
}

function runsWith(table: FigureTable, figure: string | null): string[] {
  if (!figure) return [];
  return table.runs.filter((r) => typeof r[figure] === 'number').map((r) => String(r.run));
}

function ExperimentTable({ id }: { id: string }) {
  const table = useApi(() => api.table(id), [id]);
  const t = table.value;

  return (
    <div>
      <div class="page-head">
        <div class="grow">
          <div class="breadcrumb"><a href="/tables">Tables</a> / {t?.name ?? id}</div>
          <h1>{t ? t.name : 'Table'}</h1>
          <div class="muted">
            Evaluation figures of <a href={`/experiments/${encodeURIComponent(id)}`}>experiment <span class="mono">{id}</span></a>,
            errors in mm (lower is better).
          </div>
        </div>
      </div>
      {table.error && <ErrorBox error={table.error} what="load the table" />}
      {!t && table.loading && <div class="loading" style={{ minHeight: '300px' }}>Loading the table…</div>}
      {t && (
        <>
          {t.published ? <PaperTable table={t} published={t.published} /> : (
            <p class="muted">
              This experiment's definition has no <code>published:</code> section, so there are no paper figures to put
              beside its own.
            </p>
          )}
          <RunsTable table={t} />
          <Exports id={id} />
        </>
      )}
    </div>
  );
}

function Delta({ ours, paper }: { ours: number | null; paper: number }) {
  if (ours === null || ours === undefined) return <span class="muted">—</span>;
  const d = ours - paper;
  // errors: below the paper is better
  return (
    <span class={d > 0 ? 'delta worse' : 'delta better'} title="this platform minus the paper, mm">
      {d > 0 ? '+' : d < 0 ? '−' : '±'}{fmt(Math.abs(d))}
    </span>
  );
}

function Ours({ table, row }: { table: FigureTable; row: PublishedRow }) {
  if (!row.ours) return <span class="muted" title="the paper's figure for a method this platform does not run">not run here</span>;
  if (row.our_mean === null) return <span class="muted" title="no run has this figure yet">—</span>;
  const runIds = runsWith(table, row.ours);
  return (
    <a href={runsHref(table.experiment_id, runIds)} class="ours"
      title={`mean of ${row.ours} over ${row.our_runs} run${row.our_runs === 1 ? '' : 's'}`}>
      {fmt(row.our_mean)}
    </a>
  );
}

function PaperTable({ table, published }: { table: FigureTable; published: Published }) {
  const perExpression = published.rows.some((r) => r.expression);
  const heading = `${published.table ? `Table ${published.table}` : 'Published figures'}${published.title ? ` · ${published.title}` : ''}`;
  return (
    <section aria-labelledby="paper-table">
      <h2 id="paper-table">{heading}</h2>
      <div class="muted" style={{ marginBottom: '8px' }}>
        <code>{published.metric}</code> in {published.unit}; <span class="legend published">paper</span> beside{' '}
        <span class="legend ours">this platform</span> (mean over the runs; click a number for its runs) and the
        difference.{published.source ? ` Source: ${published.source}.` : ''}
      </div>
      {perExpression ? <ExpressionTable table={table} published={published} /> : <MethodTable table={table} published={published} />}
    </section>
  );
}

/** Tables 1-3: one row per method, the paper's mean/std/median, then ours. */
function MethodTable({ table, published }: { table: FigureTable; published: Published }) {
  const hasStd = published.rows.some((r) => r.std !== null);
  const hasMedian = published.rows.some((r) => r.median !== null);
  return (
    <table class="plain paper-table" aria-label="Published figures beside this platform's">
      <thead>
        <tr>
          <th>Method</th>
          <th class="num published">Paper mean</th>
          {hasStd && <th class="num published">Paper std</th>}
          {hasMedian && <th class="num published">Paper median</th>}
          <th class="num ours">This platform</th>
          <th class="num">Difference</th>
          <th class="num">Runs</th>
        </tr>
      </thead>
      <tbody>
        {published.rows.map((r, i) => (
          <tr key={i} class={r.ours ? 'reproduced' : undefined}>
            <td>{r.method}</td>
            <td class="num">{fmt(r.mean)}</td>
            {hasStd && <td class="num">{fmt(r.std)}</td>}
            {hasMedian && <td class="num">{fmt(r.median)}</td>}
            <td class="num"><Ours table={table} row={r} /></td>
            <td class="num">{r.ours ? <Delta ours={r.our_mean} paper={r.mean} /> : ''}</td>
            <td class="num">{r.ours ? r.our_runs : ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Table 4: one row per expression, each method's paper figure, ours and the difference side by side. */
function ExpressionTable({ table, published }: { table: FigureTable; published: Published }) {
  const methods = [...new Set(published.rows.map((r) => r.method))];
  const expressions = [...new Set(published.rows.map((r) => r.expression ?? 'all'))];
  const cell = (expression: string, method: string) =>
    published.rows.find((r) => (r.expression ?? 'all') === expression && r.method === method);
  return (
    <table class="plain paper-table" aria-label="Published figures per expression beside this platform's">
      <thead>
        <tr>
          <th rowSpan={2}>Expression</th>
          {methods.map((m) => <th key={m} colSpan={3} class="group">{m}</th>)}
        </tr>
        <tr>
          {methods.map((m) => [
            <th key={m + 'p'} class="num published">Paper</th>,
            <th key={m + 'o'} class="num ours">Ours</th>,
            <th key={m + 'd'} class="num">Diff.</th>,
          ])}
        </tr>
      </thead>
      <tbody>
        {expressions.map((x) => (
          <tr key={x}>
            <td>{x.replace(/_/g, ' ')}</td>
            {methods.map((m) => {
              const r = cell(x, m);
              if (!r) return [<td key={m + 'p'} />, <td key={m + 'o'} />, <td key={m + 'd'} />];
              return [
                <td key={m + 'p'} class="num">{fmt(r.mean)}</td>,
                <td key={m + 'o'} class="num"><Ours table={table} row={r} /></td>,
                <td key={m + 'd'} class="num">{r.ours ? <Delta ours={r.our_mean} paper={r.mean} /> : ''}</td>,
              ];
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Every run against every figure, with the mean over the runs that have it. */
function RunsTable({ table }: { table: FigureTable }) {
  const figures = table.figures;
  const mean = (f: string) => {
    const v = table.runs.map((r) => r[f]).filter((x): x is number => typeof x === 'number');
    return v.length ? v.reduce((a, b) => a + b, 0) / v.length : null;
  };
  return (
    <section aria-labelledby="runs-figures">
      <h2 id="runs-figures">Runs × figures</h2>
      <div class="muted" style={{ marginBottom: '8px' }}>
        Overall means per run, in mm. {figures.map((f, i) => (
          <span key={f}>{i ? '; ' : ''}<code>{f}</code>: {FIGURE_TITLES[f] ?? f}</span>
        ))}.
      </div>
      {table.runs.length === 0 ? <p class="muted">This experiment has no runs yet.</p> : (
        <div class="table-scroll">
          <table class="plain figures-table" aria-label="Runs and their figures">
            <thead>
              <tr>
                <th>Run</th>
                <th>Status</th>
                {figures.map((f) => <th key={f} class="num" data-figure={f}>{f}</th>)}
              </tr>
            </thead>
            <tbody>
              {table.runs.map((r) => (
                <tr key={String(r.run)} data-run={String(r.run)}>
                  <td><a href={`/runs/${encodeURIComponent(String(r.run))}`}>{String(r.key ?? r.run)}</a></td>
                  <td><StatusBadge status={String(r.status)} /></td>
                  {figures.map((f) => (
                    <td key={f} class="num">
                      {typeof r[f] === 'number' ? <a href={`/runs/${encodeURIComponent(String(r.run))}`}>{fmt(r[f])}</a> : '—'}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th colSpan={2}>Mean over runs</th>
                {figures.map((f) => {
                  const m = mean(f);
                  return (
                    <td key={f} class="num">
                      {m === null ? '—' : <a href={runsHref(table.experiment_id, runsWith(table, f))}>{fmt(m)}</a>}
                    </td>
                  );
                })}
              </tr>
            </tfoot>
          </table>
        </div>
      )}
    </section>
  );
}

/** The API's CSV, Markdown and LaTeX of the table: preview, download, copy. */
function Exports({ id }: { id: string }) {
  const [format, setFormat] = useUrlParam('format', 'md');
  const f = (format in FORMATS ? format : 'md') as Format;
  const [text, setText] = useState<string>();
  const [error, setError] = useState<ApiFailure>();
  const [copied, setCopied] = useState('');

  useEffect(() => {
    let live = true;
    setError(undefined);
    setCopied('');
    api.tableText(id, f).then(
      (t) => live && setText(t),
      (e) => live && setError(e instanceof ApiFailure ? e : new ApiFailure(0, 'client_error', [String(e)])),
    );
    return () => { live = false; };
  }, [id, f]);

  const download = async (which: Format) => {
    try {
      const body = await api.tableText(id, which);
      const extension = { md: 'md', csv: 'csv', latex: 'tex' }[which];
      const type = { md: 'text/markdown', csv: 'text/csv', latex: 'application/x-tex' }[which];
      const url = URL.createObjectURL(new Blob([body], { type }));
      const a = document.createElement('a');
      a.href = url;
      a.download = `${id}-table.${extension}`;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (e) {
      setError(e instanceof ApiFailure ? e : new ApiFailure(0, 'client_error', [String(e)]));
    }
  };

  const copy = async () => {
    if (text === undefined) return;
    try {
      await navigator.clipboard.writeText(text);
      setCopied(`${FORMATS[f]} copied to the clipboard.`);
    } catch (e) {
      setCopied(`The browser refused the clipboard (${String(e)}); select the text below instead.`);
    }
  };

  return (
    <section aria-labelledby="exports">
      <h2 id="exports">Export</h2>
      <div class="toolbar">
        {(Object.keys(FORMATS) as Format[]).map((k) => (
          <button key={k} type="button" onClick={() => download(k)}>Download {FORMATS[k]}</button>
        ))}
        <span class="spacer" />
        <label>Preview
          <select value={f} onChange={(e) => setFormat(e.currentTarget.value)}>
            {(Object.keys(FORMATS) as Format[]).map((k) => <option key={k} value={k}>{FORMATS[k]}</option>)}
          </select>
        </label>
        <button type="button" onClick={copy} disabled={text === undefined}>Copy {FORMATS[f]}</button>
        <span class="muted" aria-live="polite">{copied}</span>
      </div>
      {error && <ErrorBox error={error} what="export the table" />}
      <pre class="export-preview" aria-label={`${FORMATS[f]} of the table`}>{text ?? 'Loading…'}</pre>
    </section>
  );
}
