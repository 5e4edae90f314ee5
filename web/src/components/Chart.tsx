import { useEffect, useRef } from 'preact/hooks';
import { echarts, type EChartsOption } from '../charts';
import { useDarkMode } from '../theme';

export type ChartEvents = Record<string, (params: any, chart: echarts.ECharts) => void>;

/**
 * One ECharts chart. A new `option` is merged into the existing chart (no re-creation, so live
 * updates do not flicker); the chart is re-created only when the system switches light/dark.
 */
export function Chart({ option, events, height = 320, label }: {
  option: EChartsOption;
  events?: ChartEvents;
  height?: number;
  /** What the chart shows, for screen readers. */
  label: string;
}) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | undefined>(undefined);
  const dark = useDarkMode();

  useEffect(() => {
    const c = echarts.init(el.current!, dark ? 'dark' : undefined, { renderer: 'canvas' });
    chart.current = c;
    const resize = new ResizeObserver(() => c.resize());
    resize.observe(el.current!);
    return () => {
      resize.disconnect();
      c.dispose();
      chart.current = undefined;
    };
  }, [dark]);

  useEffect(() => {
    chart.current?.setOption({ backgroundColor: 'transparent', animation: false, ...option }, { notMerge: true });
  }, [option, dark]);

  useEffect(() => {
    const c = chart.current;
    if (!c || !events) return;
    for (const [name, handler] of Object.entries(events)) c.on(name, (p: any) => handler(p, c));
    return () => {
      for (const name of Object.keys(events)) c.off(name);
    };
  }, [events, dark]);

  return <div ref={el} class="chart" style={{ height: `${height}px` }} role="img" aria-label={label} />;
}
