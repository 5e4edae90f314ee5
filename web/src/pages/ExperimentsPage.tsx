// The front page: every experiment with its status, live progress, tags; search and filters in the URL.
import { useEffect, useState } from 'preact/hooks';
import { api, followAllExperiments, type Counts, type ExperimentStatus, type ExperimentSummary } from '../api';
import { useApi, useInterval } from '../data';
import { duration, when } from '../format';
import { useUrlParam } from '../url';
import { ErrorBox } from '../components/ErrorBox';
import { ProgressBar } from '../components/ProgressBar';
import { StatusBadge } from '../components/StatusBadge';
import { EXPERIMENT_STATUSES } from '../generated/names';

const STATUSES = ['', ...EXPERIMENT_STATUSES];

export default function ExperimentsPage() {
  const [q, setQ] = useUrlParam('q');
  const [status, setStatus] = useUrlParam('status');
  const [tag, setTag] = useUrlParam('tag');
  const [sort, setSort] = useUrlParam('sort', 'created_at');
  const [order, setOrder] = useUrlParam('order', 'desc');
  const [search, setSearch] = useState(q);
  const [more, setMore] = useState<ExperimentSummary[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);

  const list = useApi(() => api.experiments({ q, status, tag, sort, order, limit: 50 }), [q, status, tag, sort, order]);
  useEffect(() => {
    setMore([]);
    setCursor(list.value?.next_cursor ?? null);
  }, [list.value]);
  useEffect(() => setSearch(q), [q]);

  const rows = [...(list.value?.experiments ?? []), ...more];
  const live = useLiveCounts();
  // live events update the shown rows; the list itself (new experiments) refreshes every 10 s
  useInterval(list.reload, 10_000);

  const loadMore = async () => {
    if (!cursor) return;
    const page = await api.experiments({ q, status, tag, sort, order, limit: 50, cursor });
    setMore((m) => [...m, ...page.experiments]);
    setCursor(page.next_cursor);
  };

  return (
    <div>
      <div class="page-head">
        <div class="grow">
          <h1>Experiments</h1>
          <div class="muted">Sweeps submitted to this platform, newest first. Click one to see its runs.</div>
        </div>
        <a class="button primary" href="/submit">New experiment</a>
      </div>
      <form class="toolbar" role="search" onSubmit={(e) => { e.preventDefault(); setQ(search.trim()); }}>
        <input type="search" placeholder="Search names and descriptions" aria-label="Search experiments" value={search}
          onInput={(e) => setSearch(e.currentTarget.value)} style={{ minWidth: '260px' }} />
        <label>Status
          <select value={status} onChange={(e) => setStatus(e.currentTarget.value)}>
            {STATUSES.map((s) => <option key={s} value={s}>{s || 'any'}</option>)}
          </select>
        </label>
        <label>Sort
          <select value={sort} onChange={(e) => setSort(e.currentTarget.value)}>
            <option value="created_at">created</option>
            <option value="name">name</option>
            <option value="status">status</option>
          </select>
        </label>
        <button type="button" onClick={() => setOrder(order === 'desc' ? 'asc' : 'desc')} aria-label={`Order: ${order}ending`}>
          {order === 'desc' ? '↓ desc' : '↑ asc'}
        </button>
        {tag && (
          <button type="button" onClick={() => setTag('')} aria-label={`Remove tag filter ${tag}`}>
            tag: {tag} ✕
          </button>
        )}
      </form>
      {list.error && <ErrorBox error={list.error} what="load the experiments" />}
      {!list.value && list.loading && <div class="loading">Loading experiments…</div>}
      {list.value && rows.length === 0 && (
        <p class="muted">
          No experiments{q || status || tag ? ' match these filters' : ' yet'}. <a href="/submit">Submit one</a>, or run{' '}
          <code>ftgan submit experiments/quickstart.yaml</code>.
        </p>
      )}
      {rows.length > 0 && (
        <table class="plain" aria-label="Experiments">
          <thead>
            <tr>
              <th>Name</th>
              <th>Status</th>
              <th style={{ width: '220px' }}>Progress</th>
              <th>Tags</th>
              <th class="num">Runs</th>
              <th>Created</th>
              <th>Duration</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((e) => {
              const l = live[e.id];
              const counts = l?.counts ?? e.runs_by_status;
              return (
                <tr key={e.id} data-experiment={e.id}>
                  <td>
                    <a href={`/experiments/${encodeURIComponent(e.id)}`}>{e.name}</a>
                    {e.description && <div class="muted" style={{ fontSize: '12px' }}>{e.description}</div>}
                  </td>
                  <td><StatusBadge status={l?.status ?? e.status} /></td>
                  <td><ProgressBar counts={counts} total={l?.total ?? e.run_count} /></td>
                  <td>
                    {e.tags.map((t) => (
                      <a key={t} class="tag" href={`/?tag=${encodeURIComponent(t)}`} onClick={(ev) => { ev.preventDefault(); setTag(t); }}>
                        {t}
                      </a>
                    ))}
                  </td>
                  <td class="num">{(l?.total ?? e.run_count).toLocaleString('en-US')}</td>
                  <td class="nowrap">{when(e.created_at)}</td>
                  <td class="nowrap">{duration(e.started_at, e.finished_at)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {cursor && <div class="toolbar"><button onClick={loadMore}>Load more</button></div>}
    </div>
  );
}

/** Live status and run counts of every experiment, from the one stream of all experiments. */
function useLiveCounts(): Record<string, { status: ExperimentStatus; counts: Counts; total: number }> {
  const [live, setLive] = useState<Record<string, { status: ExperimentStatus; counts: Counts; total: number }>>({});
  useEffect(
    () => followAllExperiments((e) => setLive((l) => ({ ...l, [e.id]: { status: e.status, counts: e.runs, total: e.run_count } }))),
    [],
  );
  return live;
}
