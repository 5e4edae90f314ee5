// The swept hyperparameters against one figure, one line per run (ECharts parallel series). Brushing
// an axis selects the runs inside its interval(s); the page filters the runs table to them. The
// brush is kept in the URL as brush=field:lo:hi[:lo:hi];field2:... (field names have no ':' or ';').
import { useMemo, useRef } from 'preact/hooks';
import type { EChartsOption } from '../charts';
import { fmt } from '../format';
import { metricTitle, type RunColumn, type RunRow } from '../runColumns';
import { Chart, type ChartEvents } from './Chart';

/** Intervals per axis field, in the axis's data space (category axes: positions of the sorted values). */
export type Brush = Record<string, [number, number][]>;

export function parseBrush(text: string): Brush {
  const out: Brush = {};
  for (const part of text.split(';').filter(Boolean)) {
    const [field, ...bounds] = part.split(':');
    const nums = bounds.map(Number);
    if (!field || nums.length < 2 || nums.length % 2 || nums.some((n) => !Number.isFinite(n))) continue;
    const intervals: [number, number][] = [];
    for (let i = 0; i < nums.length; i += 2) intervals.push([Math.min(nums[i], nums[i + 1]), Math.max(nums[i], nums[i + 1])]);
    out[field] = intervals;
  }
  return out;
}

export function formatBrush(brush: Brush): string {
  return Object.entries(brush)
    .filter(([, iv]) => iv.length)
    .map(([field, iv]) => [field, ...iv.flatMap(([a, b]) => [round(a), round(b)])].join(':'))
    .join(';');
}

function round(n: number): string {
  return String(Number(n.toPrecision(6)));
}

/** A category axis's values, sorted as text (the order its positions refer to). */
export function categoriesOf(rows: RunRow[], field: string): string[] {
  return [...new Set(rows.map((r) => fmt(r[field])))].sort();
}

/** The ids of the runs inside every brushed axis; null when nothing is brushed. */
export function insideBrush(rows: RunRow[], axes: RunColumn[], brush: Brush): Set<string> | null {
  const active = axes.filter((a) => brush[a.field]?.length);
  if (!active.length) return null;
  const positions = new Map(active.filter((a) => !a.numeric).map((a) => [a.field, categoriesOf(rows, a.field)]));
  const ids = new Set<string>();
  for (const r of rows) {
    const inside = active.every((a) => {
      const v = a.numeric ? r[a.field] : positions.get(a.field)!.indexOf(fmt(r[a.field]));
      return typeof v === 'number' && brush[a.field].some(([lo, hi]) => v >= lo && v <= hi);
    });
    if (inside) ids.add(r.id);
  }
  return ids;
}

export function ParallelCoordinates({ rows, axes, metric, brush, onBrush }: {
  rows: RunRow[];
  /** The swept config keys, then the figure. */
  axes: RunColumn[];
  metric: string;
  brush: Brush;
  onBrush: (brush: Brush) => void;
}) {
  const plotted = useMemo(() => rows.filter((r) => typeof r[metric] === 'number'), [rows, metric]);
  const previous = useRef<{ data: unknown[][]; option: EChartsOption } | undefined>(undefined);
  const restorePending = useRef(true);
  const brushRef = useRef(brush);
  brushRef.current = brush;

  const option = useMemo(() => {
    // categories from every run, as insideBrush counts them, so brushed positions mean the same values
    const categories = new Map(axes.filter((a) => !a.numeric).map((a) => [a.field, categoriesOf(rows, a.field)]));
    const data = plotted.map((r) => [...axes.map((a) => (a.numeric ? r[a.field] : fmt(r[a.field]))), r.id]);
    // live updates change progress, not these values: keep the chart (and its brush) untouched then
    const old = previous.current;
    if (old && old.data.length === data.length && old.data.every((d, i) => d.every((v, j) => v === data[i][j]))) return old.option;
    const values = plotted.map((r) => r[metric] as number);
    const next: EChartsOption = {
      parallel: { left: 60, right: 110, top: 50, bottom: 30, parallelAxisDefault: { nameLocation: 'end', nameGap: 18 } },
      parallelAxis: axes.map((a, i) => ({
        dim: i,
        id: a.field,
        name: a.kind === 'metric' ? metricTitle(a.field) : a.field,
        type: a.numeric ? 'value' : 'category',
        data: categories.get(a.field),
        scale: true,
      })),
      visualMap: values.length ? {
        type: 'continuous',
        dimension: axes.length - 1,
        min: Math.min(...values),
        max: Math.max(...values),
        right: 10,
        top: 'middle',
        itemHeight: 160,
        text: ['worse', 'better'],
        inRange: { color: ['#2563eb', '#f59e0b', '#dc2626'] },
      } : undefined,
      series: [{
        type: 'parallel',
        data,
        // thousands of lines need to be faint to show where they gather; a few must be plain to see
        lineStyle: { width: 1, opacity: plotted.length > 500 ? 0.3 : 0.85 },
        inactiveOpacity: 0.04,
        activeOpacity: 0.9,
        progressive: 1000,
      }],
    };
    previous.current = { data, option: next };
    restorePending.current = true;
    return next;
  }, [rows, plotted, axes, metric]);

  const events = useMemo<ChartEvents>(() => ({
    axisareaselected: (p: { parallelAxisId: string; intervals: [number, number][] }) => {
      const field = p.parallelAxisId;
      const current = brushRef.current;
      const next = { ...current };
      if (p.intervals.length) next[field] = p.intervals.map(([a, b]) => [Math.min(a, b), Math.max(a, b)] as [number, number]);
      else delete next[field];
      if (formatBrush(next) !== formatBrush(current)) onBrush(next);
    },
    // a new option drops the chart's brush: put back the one from the URL once it has drawn
    finished: (_p: unknown, chart) => {
      if (!restorePending.current) return;
      restorePending.current = false;
      for (const [field, intervals] of Object.entries(brushRef.current)) {
        if (axes.some((a) => a.field === field)) chart.dispatchAction({ type: 'axisAreaSelect', parallelAxisId: field, intervals });
      }
    },
  }), [axes, onBrush]);

  if (plotted.length === 0) {
    return <p class="muted chart-empty">No run has {metricTitle(metric)} yet: the lines appear as runs finish their evaluation.</p>;
  }
  return <Chart option={option} events={events} height={360}
    label={`Parallel coordinates of ${axes.map((a) => a.field).join(', ')} for ${plotted.length} runs; drag along an axis to filter the runs table`} />;
}
