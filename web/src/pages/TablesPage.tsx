// Tables: the paper's Tables 1-4 laid out as in the paper, with this platform's numbers beside the
// published ones. /tables shows every table shipped in experiments/paper from the first start (cells
// "not run yet"), the benchmark stand-ins beside them, and the submitted experiments that carry a
// `published:` section; /tables/<experiment> shows one experiment's table, its runs x figures, and exports.
import { useEffect, useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import {
  api, ApiFailure, type FigureCell, type FigureTable, type PaperTable, type PaperTables, type Published, type PublishedRow,
  type TableExperiment,
} from '../api';
import { useApi } from '../data';
import { fmt } from '../format';
import { useUrlParam } from '../url';
import { ErrorBox } from '../components/ErrorBox';
import { BLENDSHAPE, FIGURES } from '../generated/names';
import { StatusBadge } from '../components/StatusBadge';

/** What each of the paper's tables shows (section 4 of the paper). */
const PAPER_TABLES: Record<number, string> = {
  1: 'Reconstruction error E_rec',
  2: 'Identity decomposition error E_id_decomp',
  3: 'Neutralization error E_neu',
  4: 'Expression transfer error E_transfer per expression, beside blendshape transfer',
};
const FIGURE_TITLES: Record<(typeof FIGURES)[number] | typeof BLENDSHAPE, string> = {
  E_rec: 'reconstruction',
  E_id_decomp: 'identity decomposition',
  E_neu: 'neutralization',
  E_transfer: 'expression transfer',
  blendshape: 'blendshape transfer (baseline)',
};
const FORMATS = { md: 'Markdown', csv: 'CSV', latex: 'LaTeX' } as const;
type Format = keyof typeof FORMATS;

export default function TablesPage() {
  const { params } = useRoute();
  return params.experimentId ? <ExperimentTable id={params.experimentId} /> : <TablesIndex />;
}

// ---------------------------------------------------------------------------------------------
// the index: every paper table as shipped (experiments/paper), with ours and the stand-ins beside

function TablesIndex() {
  const tables = useApi(() => api.paperTables(), []);
  const all = useApi(() => api.experiments({ limit: 100, sort: 'created_at', order: 'desc' }), []);
  const t = tables.value;
  const numbers = t ? [...new Set(t.tables.map((x) => x.table))].sort((a, b) => a - b) : [];
  const submitted = t?.experiments ?? [];
  const byTable = new Map<number, typeof submitted>();
  for (const e of submitted) byTable.set(e.table ?? 0, [...(byTable.get(e.table ?? 0) ?? []), e]);

  return (
    <div>
      <div class="page-head">
        <div class="grow">
          <h1>Tables</h1>
          <div class="muted">
            The paper's tables as published (<code>experiments/paper/*.yaml</code>), with this platform's figure beside
            each row once a run of that definition has it (until then: <em>not run yet</em>). Experiments tagged{' '}
            <code>{t?.benchmark_tag ?? 'benchmark'}</code> (<code>experiments/benchmark/</code>) train on the synthetic set
            instead of CoMA or FaceScape: their columns are <span class="legend stand-in">synthetic stand-ins</span>,
            not reproductions. Click a number for the runs behind it.
          </div>
        </div>
      </div>
      {tables.error && <ErrorBox error={tables.error} what="load the paper's tables" />}
      {!t && tables.loading && <div class="loading">Loading the tables…</div>}
      {t && numbers.map((n) => (
        <section key={n} aria-labelledby={`table-${n}`}>
          <h2 id={`table-${n}`}>{`Table ${n}`}{PAPER_TABLES[n] ? ` · ${PAPER_TABLES[n]}` : ''}</h2>
          {t.tables.filter((x) => x.table === n).map((x) => (
            <ShippedTable key={x.definition} table={x} standIns={t.stand_ins} />
          ))}
          {(byTable.get(n) ?? []).length > 0 && <SubmittedList n={n} experiments={byTable.get(n)!} />}
        </section>
      ))}
      {t && [...byTable.keys()].filter((n) => !numbers.includes(n)).sort((a, b) => a - b).map((n) => (
        <section key={n} aria-labelledby={`table-${n}`}>
          <h2 id={`table-${n}`}>{n ? `Table ${n}` : 'Other published figures'}</h2>
          <SubmittedList n={n} experiments={byTable.get(n)!} />
        </section>
      ))}
      {all.error && <ErrorBox error={all.error} what="load the experiments" />}
      {all.value && all.value.experiments.length > 0 && (
        <section>
          <h2>Any experiment</h2>
          <p class="muted">Every experiment has a table of its runs against the evaluation figures.</p>
          <ul class="plain-list">
            {all.value.experiments.map((e) => (
              <li key={e.id}><a href={`/tables/${encodeURIComponent(e.id)}`}>{e.name}</a> <span class="muted mono">{e.id}</span></li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

/** The submitted experiments carrying published figures of one table number, each linking to its own table. */
function SubmittedList({ n, experiments }: { n: number; experiments: PaperTables['experiments'] }) {
  return (
    <table class="plain" aria-label={n ? `Experiments reproducing Table ${n}` : 'Other experiments with published figures'}>
      <thead>
        <tr><th>Submitted experiment</th><th>Published table</th><th>Metric</th><th>Status</th><th class="num">Runs</th></tr>
      </thead>
      <tbody>
        {experiments.map((e) => (
          <tr key={e.id} data-experiment={e.id}>
            <td><a href={`/tables/${encodeURIComponent(e.id)}`}>{e.name}</a></td>
            <td>{e.title ?? '—'}</td>
            <td><code>{e.metric ?? '—'}</code></td>
            <td><StatusBadge status={e.status} /></td>
            <td class="num">{e.run_count.toLocaleString('en-US')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Where a cell's figure comes from: its runs (one, or a comparison of up to ten), else its experiment. */
function cellHref(cell: FigureCell): string {
  if (cell.runs <= cell.run_ids.length || cell.experiment_ids.length !== 1) {
    return runsHref(cell.experiment_ids[0] ?? '', cell.run_ids);
  }
  return `/experiments/${encodeURIComponent(cell.experiment_ids[0])}`;
}

/** This platform's figure of a row: a link to its runs, "not run yet", or "not run here" for a method we do not run. */
function Cell({ cell, ours, what, absent }: { cell: FigureCell | undefined | null; ours: string | null; what: string; absent: string }) {
  if (!ours || !cell) return <span class="muted" title="the paper's figure for a method this platform does not run">not run here</span>;
  if (cell.mean === null) return <span class="muted not-run" title={absent}>{absent === NOT_RUN ? 'not run yet' : '—'}</span>;
  return (
    <a href={cellHref(cell)} class={what === 'ours' ? 'ours' : 'stand-in'}
      title={`mean of ${ours} over ${cell.runs} run${cell.runs === 1 ? '' : 's'}`}>
      {fmt(cell.mean)}
    </a>
  );
}

const NOT_RUN = 'no run has this figure yet';
const NOT_IN_SET = "this stand-in's runs have no such figure (the synthetic set has other expressions)";

function ShippedTable({ table, standIns }: { table: PaperTable; standIns: TableExperiment[] }) {
  const perExpression = table.rows.some((r) => r.expression);
  // a stand-in with no figure in this table has not run yet; one with some lacks the others for good
  const standInRan = standIns.map((_, i) => table.rows.some((r) => r.stand_ins[i]?.mean !== null && r.stand_ins[i] !== undefined));
  const standInAbsent = (i: number) => (standInRan[i] ? NOT_IN_SET : NOT_RUN);
  const reproducedAbsent = NOT_RUN;
  const label = `${table.definition}: published figures`;
  return (
    <div class="shipped-table" data-definition={table.definition}>
      <h3>
        {table.title ?? table.definition}{table.dataset ? ` (${table.dataset})` : ''}{' '}
        <span class="muted mono">{table.file}</span>
      </h3>
      <div class="muted" style={{ marginBottom: '8px' }}>
        <code>{table.metric}</code> in {table.unit}; <span class="legend published">paper</span> beside{' '}
        <span class="legend ours">this platform</span>
        {table.experiments.length
          ? <> (mean over the runs of {table.experiments.map((id, i) => (
            <span key={id}>{i ? ', ' : ''}<a href={`/tables/${encodeURIComponent(id)}`} class="mono">{id}</a></span>))})</>
          : <> (nothing submitted from this definition yet: <code>ftgan submit {table.file}</code>)</>}
        {standIns.length > 0 && <> and the <span class="legend stand-in">synthetic stand-ins</span></>}.
        {table.source ? ` Source: ${table.source}.` : ''}
      </div>
      <div class="table-scroll">
        {perExpression
          ? <ExpressionRows table={table} standIns={standIns} label={label} standInAbsent={standInAbsent} reproducedAbsent={reproducedAbsent} />
          : <MethodRows table={table} standIns={standIns} label={label} standInAbsent={standInAbsent} reproducedAbsent={reproducedAbsent} />}
      </div>
    </div>
  );
}

interface RowsProps {
  table: PaperTable;
  standIns: TableExperiment[];
  label: string;
  standInAbsent: (i: number) => string;
  reproducedAbsent: string;
}

function StandInHead({ e }: { e: TableExperiment }) {
  return (
    <th class="num stand-in" title={`experiment ${e.id}, tagged as a benchmark: trained on synthetic data, not the paper's`}>
      {e.name}<br /><span class="stand-in-label">synthetic stand-in</span>
    </th>
  );
}

/** Tables 1-3: one row per method, the paper's mean/std/median, ours, the difference, then each stand-in. */
function MethodRows({ table, standIns, label, standInAbsent, reproducedAbsent }: RowsProps) {
  const hasStd = table.rows.some((r) => r.std !== null);
  const hasMedian = table.rows.some((r) => r.median !== null);
  return (
    <table class="plain paper-table" aria-label={label}>
      <thead>
        <tr>
          <th>Method</th>
          <th class="num published">Paper mean</th>
          {hasStd && <th class="num published">Paper std</th>}
          {hasMedian && <th class="num published">Paper median</th>}
          <th class="num ours">This platform</th>
          <th class="num">Difference</th>
          {standIns.map((e) => <StandInHead key={e.id} e={e} />)}
        </tr>
      </thead>
      <tbody>
        {table.rows.map((r, i) => (
          <tr key={i} class={r.ours ? 'reproduced' : undefined}>
            <td>{r.method}</td>
            <td class="num">{fmt(r.mean)}</td>
            {hasStd && <td class="num">{fmt(r.std)}</td>}
            {hasMedian && <td class="num">{fmt(r.median)}</td>}
            <td class="num"><Cell cell={r.reproduced} ours={r.ours} what="ours" absent={reproducedAbsent} /></td>
            <td class="num">{r.ours && r.mean !== null ? <Delta ours={r.reproduced?.mean ?? null} paper={r.mean} /> : ''}</td>
            {standIns.map((e, k) => (
              <td key={e.id} class="num">
                {r.ours ? <Cell cell={r.stand_ins[k]} ours={r.ours} what="stand-in" absent={standInAbsent(k)} /> : ''}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Table 4: one row per expression; per method the paper's figure, ours, the difference and each stand-in's. */
function ExpressionRows({ table, standIns, label, standInAbsent, reproducedAbsent }: RowsProps) {
  const methods = [...new Set(table.rows.map((r) => r.method))];
  const expressions = [...new Set(table.rows.map((r) => r.expression ?? 'all'))];
  const inPaper = new Set(table.rows.filter((r) => r.in_paper).map((r) => r.expression ?? 'all'));
  const cell = (expression: string, method: string) =>
    table.rows.find((r) => (r.expression ?? 'all') === expression && r.method === method);
  const width = 3 + standIns.length;
  return (
    <table class="plain paper-table" aria-label={label}>
      <thead>
        <tr>
          <th rowSpan={2}>Expression</th>
          {methods.map((m) => <th key={m} colSpan={width} class="group">{m}</th>)}
        </tr>
        <tr>
          {methods.map((m) => [
            <th key={m + 'p'} class="num published">Paper</th>,
            <th key={m + 'o'} class="num ours">Ours</th>,
            <th key={m + 'd'} class="num">Diff.</th>,
            ...standIns.map((e) => <StandInHead key={m + e.id} e={e} />),
          ])}
        </tr>
      </thead>
      <tbody>
        {expressions.map((x) => (
          <tr key={x} data-expression={x} class={inPaper.has(x) ? undefined : 'synthetic-only'}>
            <td>{x.replace(/_/g, ' ')}{inPaper.has(x) ? '' : <span class="muted" title="an expression of the synthetic set, not in the paper"> (synthetic)</span>}</td>
            {methods.map((m) => {
              const r = cell(x, m);
              if (!r) return [<td key={m + 'p'} />, <td key={m + 'o'} />, <td key={m + 'd'} />, ...standIns.map((e) => <td key={m + e.id} />)];
              return [
                <td key={m + 'p'} class="num">{r.in_paper ? fmt(r.mean) : <span class="muted" title="not in the paper">—</span>}</td>,
                <td key={m + 'o'} class="num">{r.in_paper ? <Cell cell={r.reproduced} ours={r.ours} what="ours" absent={reproducedAbsent} /> : ''}</td>,
                <td key={m + 'd'} class="num">{r.ours && r.mean !== null ? <Delta ours={r.reproduced?.mean ?? null} paper={r.mean} /> : ''}</td>,
                ...standIns.map((e, k) => (
                  <td key={m + e.id} class="num">
                    {r.ours ? <Cell cell={r.stand_ins[k]} ours={r.ours} what="stand-in" absent={standInAbsent(k)} /> : ''}
                  </td>
                )),
              ];
            })}
          </tr>
        ))}
      </tbody>
    </table>
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
          <span key={f}>{i ? '; ' : ''}<code>{f}</code>: {(FIGURE_TITLES as Record<string, string>)[f] ?? f}</span>
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
