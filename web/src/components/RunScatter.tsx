// Any two columns of the runs against each other, one point per run; clicking a point opens the run.
import { useMemo } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import type { EChartsOption } from '../charts';
import { escapeHtml, fmt } from '../format';
import { cssVar, useDarkMode } from '../theme';
import type { RunColumn, RunRow } from '../runColumns';
import { Chart, type ChartEvents } from './Chart';
import { categoriesOf } from './ParallelCoordinates';

function axis(c: RunColumn, rows: RunRow[], name: string) {
  return c.numeric
    ? { type: 'value' as const, name, nameLocation: 'middle' as const, nameGap: 32, scale: true }
    : { type: 'category' as const, name, nameLocation: 'middle' as const, nameGap: 32, data: categoriesOf(rows, c.field) };
}

export function RunScatter({ rows, x, y }: { rows: RunRow[]; x: RunColumn; y: RunColumn }) {
  const { route } = useLocation();
  const dark = useDarkMode();
  const points = useMemo(
    () => rows.filter((r) => r[x.field] !== null && r[x.field] !== undefined && r[y.field] !== null && r[y.field] !== undefined),
    [rows, x.field, y.field],
  );
  const option = useMemo<EChartsOption>(() => ({
    grid: { left: 70, right: 20, top: 20, bottom: 50 },
    xAxis: axis(x, points, x.title),
    yAxis: { ...axis(y, points, y.title), nameGap: 52 },
    tooltip: {
      trigger: 'item',
      formatter: (p: any) =>
        `<b>${escapeHtml(p.data[3])}</b><br>${escapeHtml(x.title)}: ${escapeHtml(fmt(p.data[0], 4))}<br>${escapeHtml(y.title)}: ${escapeHtml(fmt(p.data[1], 4))}<br><span style="opacity:.7">click to open the run</span>`,
    },
    series: [{
      type: 'scatter',
      symbolSize: points.length > 2000 ? 4 : 9,
      large: points.length > 2000,
      itemStyle: { color: cssVar('--accent') },
      cursor: 'pointer',
      data: points.map((r) => [x.numeric ? r[x.field] : fmt(r[x.field]), y.numeric ? r[y.field] : fmt(r[y.field]), r.id, r.run_key]),
    }],
  }), [points, x, y, dark]);
  const events = useMemo<ChartEvents>(() => ({
    click: (p: { data?: unknown[] }) => {
      if (p.data) route(`/runs/${encodeURIComponent(String(p.data[2]))}`);
    },
  }), [route]);
  if (points.length === 0) {
    return <p class="muted chart-empty">No run has both {x.title} and {y.title} yet.</p>;
  }
  return <Chart option={option} events={events} height={360} label={`Scatter of ${y.title} against ${x.title}, ${points.length} runs; click a point to open its run`} />;
}
