// The runs of an experiment in Tabulator: virtual DOM (only the visible rows exist), so 10,000 runs
// scroll smoothly. Sort and header filters live in the URL (sort=field:dir, f.<field>=text); the
// hidden columns (hide=), the chosen runs and the parallel-coordinates brush come from the page.
import { useEffect, useRef } from 'preact/hooks';
import { TabulatorFull as Tabulator, type ColumnDefinition, type Filter } from 'tabulator-tables';
import 'tabulator-tables/dist/css/tabulator_simple.min.css';
import { fmt, when } from '../format';
import type { RunColumn, RunRow } from '../runColumns';

export interface TableState {
  sort: { field: string; dir: 'asc' | 'desc' } | null;
  filters: Record<string, string>;
}

/**
 * A number filter typed in a header: "<2.1", ">=0.4", "=1", "0.2..0.8"; anything else matches the
 * value's text. Why not Tabulator's "like": it compares text, so "<2" would match nothing.
 */
export function numberFilter(typed: string, value: unknown): boolean {
  const text = typed.trim();
  if (!text) return true;
  const range = /^(-?[\d.eE+-]+)\s*\.\.\s*(-?[\d.eE+-]+)$/.exec(text);
  if (range) return typeof value === 'number' && value >= Number(range[1]) && value <= Number(range[2]);
  const cmp = /^(<=|>=|<|>|=)\s*(-?[\d.eE+-]+)$/.exec(text);
  if (cmp) {
    if (typeof value !== 'number') return false;
    const n = Number(cmp[2]);
    switch (cmp[1]) {
      case '<': return value < n;
      case '<=': return value <= n;
      case '>': return value > n;
      case '>=': return value >= n;
      default: return value === n;
    }
  }
  return value !== null && value !== undefined && String(value).toLowerCase().includes(text.toLowerCase());
}

function link(text: string, href: string): HTMLElement {
  const a = document.createElement('a');
  a.href = href;
  a.textContent = text; // text, never markup: run keys and config values are user-provided
  return a;
}

/** A header title as a button: Tab reaches it and Enter sorts (the click bubbles to Tabulator's header). */
function sortButton(title: string): HTMLElement {
  const b = document.createElement('button');
  b.type = 'button';
  b.className = 'col-sort';
  b.textContent = title;
  b.title = `Sort by ${title}`;
  return b;
}

function definitionOf(c: RunColumn): ColumnDefinition {
  const base: ColumnDefinition = {
    title: c.title,
    titleFormatter: () => sortButton(c.title),
    field: c.field,
    headerFilter: 'input',
    headerFilterPlaceholder: c.numeric ? '<, >, a..b' : 'filter',
    headerFilterFunc: (typed: string, value: unknown) => numberFilter(typed, value),
    sorter: c.numeric ? 'number' : 'string',
    hozAlign: c.numeric ? 'right' : 'left',
    minWidth: c.numeric ? 90 : 110,
  };
  if (c.field === 'run_key') {
    return { ...base, frozen: true, formatter: (cell) => link(String(cell.getValue()), `/runs/${encodeURIComponent(cell.getData().id)}`) };
  }
  if (c.field === 'status') {
    return {
      ...base,
      formatter: (cell) => {
        const s = document.createElement('span');
        s.className = `badge ${cell.getValue()}`;
        s.textContent = String(cell.getValue());
        return s;
      },
    };
  }
  if (c.field === 'progress') {
    return {
      ...base,
      formatter: (cell) => {
        const r = cell.getData() as RunRow;
        return r.total_steps ? `${fmt(r.last_step ?? 0)} / ${fmt(r.total_steps)}` : '—';
      },
    };
  }
  if (c.field === 'started_at') {
    return { ...base, formatter: (cell) => when(cell.getValue() as string | null) };
  }
  if (c.kind === 'metric' || c.numeric) {
    return { ...base, formatter: (cell) => fmt(cell.getValue(), c.kind === 'metric' ? 4 : 3) };
  }
  return { ...base, formatter: (cell) => fmt(cell.getValue()) };
}

// no select-all box: a comparison takes 2 to 10 runs, and 10,000 ids would not fit in a URL
const SELECT_COLUMN: ColumnDefinition = {
  title: '',
  formatter: 'rowSelection',
  headerSort: false,
  hozAlign: 'center',
  headerHozAlign: 'center',
  width: 44,
  frozen: true,
};

export function RunsTable({ rows, columns, hidden, brushed, selected, initial, onState, onSelect, onCount }: {
  rows: RunRow[];
  columns: RunColumn[];
  hidden: string[];
  /** Run ids inside the parallel-coordinates brush; null when nothing is brushed. */
  brushed: Set<string> | null;
  selected: string[];
  /** Sort and filters to start from (the URL's). */
  initial: TableState;
  onState: (state: TableState) => void;
  onSelect: (ids: string[]) => void;
  /** How many rows pass the filters and the brush. */
  onCount: (shown: number) => void;
}) {
  const el = useRef<HTMLDivElement>(null);
  const table = useRef<Tabulator | undefined>(undefined);
  const built = useRef(false);
  const shownRows = useRef(new Map<string, RunRow>());
  const shownFields = useRef('');
  const callbacks = useRef({ onState, onSelect, onCount });
  callbacks.current = { onState, onSelect, onCount };
  const selectedRef = useRef(selected);
  selectedRef.current = selected;
  const brushedRef = useRef(brushed);
  brushedRef.current = brushed;

  const fieldsKey = columns.map((c) => c.field).join('\n');

  useEffect(() => {
    const sorters = initial.sort ? [{ column: initial.sort.field, dir: initial.sort.dir }] : [];
    const t = new Tabulator(el.current!, {
      data: rows,
      index: 'id',
      maxHeight: '560px', // grows with few runs; beyond, only the visible rows are in the DOM
      layout: 'fitDataStretch',
      renderVertical: 'virtual',
      nestedFieldSeparator: false, // config keys are dotted names, not paths into the row
      selectableRows: true,
      columns: [SELECT_COLUMN, ...columns.map(definitionOf)],
      initialSort: sorters.filter((s) => columns.some((c) => c.field === s.column)),
      initialHeaderFilter: Object.entries(initial.filters)
        .filter(([field]) => columns.some((c) => c.field === field))
        .map(([field, value]) => ({ field, value })),
      placeholder: 'No runs match these filters.',
      // Tabulator's selection box has no name of its own: say which run it ticks
      rowFormatter: (row) => {
        row.getElement().querySelector('input[type="checkbox"]')?.setAttribute('aria-label', `Select run ${(row.getData() as RunRow).run_key}`);
      },
    });
    table.current = t;
    shownRows.current = new Map(rows.map((r) => [r.id, r]));
    shownFields.current = fieldsKey;
    t.on('tableBuilt', () => {
      built.current = true;
      for (const f of hidden) t.getColumn(f)?.hide();
      if (selectedRef.current.length) t.selectRow(selectedRef.current);
      applyBrush(t, brushedRef.current);
      callbacks.current.onCount(t.getDataCount('active'));
    });
    t.on('dataSorted', (sorters) => {
      const first = sorters[0];
      const state = stateOf(t);
      state.sort = first ? { field: first.field, dir: first.dir } : null;
      callbacks.current.onState(state);
    });
    t.on('dataFiltered', (_filters: Filter[], activeRows) => {
      callbacks.current.onCount(activeRows.length);
      callbacks.current.onState(stateOf(t));
    });
    t.on('rowSelectionChanged', (data: RunRow[]) => {
      const ids = data.map((d) => d.id);
      if (ids.join(',') !== selectedRef.current.join(',')) callbacks.current.onSelect(ids);
    });
    return () => {
      built.current = false;
      t.destroy();
      table.current = undefined;
    };
    // the table is built once per page; later changes are applied below without rebuilding it
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // new columns (a figure appears when the first run finishes): redefine them, keep sort and filters
  useEffect(() => {
    const t = table.current;
    if (!t || !built.current || shownFields.current === fieldsKey) return;
    shownFields.current = fieldsKey;
    const state = stateOf(t);
    t.setColumns([SELECT_COLUMN, ...columns.map(definitionOf)]);
    for (const f of hidden) t.getColumn(f)?.hide();
    for (const [field, value] of Object.entries(state.filters)) t.setHeaderFilterValue(field, value);
    if (state.sort) t.setSort(state.sort.field, state.sort.dir);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [fieldsKey]);

  // live rows: update in place only those whose object changed (no re-sort, no scroll jump)
  useEffect(() => {
    const t = table.current;
    if (!t || !built.current) return;
    const before = shownRows.current;
    const sameSet = rows.length === before.size && rows.every((r) => before.has(r.id));
    if (!sameSet) {
      t.replaceData(rows);
    } else {
      const changed = rows.filter((r) => before.get(r.id) !== r);
      if (changed.length) t.updateData(changed);
    }
    shownRows.current = new Map(rows.map((r) => [r.id, r]));
  }, [rows]);

  useEffect(() => {
    const t = table.current;
    if (!t || !built.current) return;
    for (const c of columns) {
      const col = t.getColumn(c.field);
      if (!col) continue;
      if (hidden.includes(c.field)) col.hide();
      else col.show();
    }
  }, [hidden.join('\n'), fieldsKey]);

  useEffect(() => {
    const t = table.current;
    if (!t || !built.current) return;
    applyBrush(t, brushed);
    callbacks.current.onCount(t.getDataCount('active'));
  }, [brushed]);

  useEffect(() => {
    const t = table.current;
    if (!t || !built.current) return;
    const now = (t.getSelectedData() as RunRow[]).map((d) => d.id);
    if (now.join(',') === selected.join(',')) return;
    t.deselectRow();
    if (selected.length) t.selectRow(selected);
  }, [selected.join(',')]);

  return <div ref={el} class="runs-table" aria-label="Runs" />;
}

/** The brush is the table's one programmatic filter; header filters stay as typed. */
function applyBrush(t: Tabulator, brushed: Set<string> | null) {
  if (brushed) t.setFilter((data: RunRow) => brushed.has(data.id));
  else t.clearFilter(false);
}

function stateOf(t: Tabulator): TableState {
  const sorters = t.getSorters();
  const filters: Record<string, string> = {};
  for (const f of t.getHeaderFilters()) {
    if (f.value !== '' && f.value !== null && f.value !== undefined) filters[String(f.field)] = String(f.value);
  }
  return { sort: sorters[0] ? { field: sorters[0].field, dir: sorters[0].dir } : null, filters };
}
