// A line chart over uPlot (canvas, fast with thousands of points, drag to zoom, double-click to
// reset). x values are shared by every series; null leaves a gap. The chart is a figure with a
// caption and a text summary for screen readers, which cannot read the canvas. Owns uPlot's
// lifetime; never reads data itself.
import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface LineSeries {
  label: string;
  values: (number | null)[];
  color: string;
  /** Thin and faded (e.g. the raw curve under its smoothed line). */
  faint?: boolean;
  /** Draw points only (e.g. sparse held-out measurements). */
  points?: boolean;
}

export interface LineChartProps {
  title: string;
  x: number[];
  xLabel: string;
  series: LineSeries[];
  /** Text read by screen readers in place of the canvas. */
  summary: string;
  height?: number;
  logScale?: boolean;
  /** Tick and legend text of a y value (default: uPlot's). */
  yFormat?: (value: number) => string;
}

function seriesOptions(series: LineSeries): uPlot.Series {
  return {
    label: series.label,
    stroke: series.color,
    width: series.faint ? 1 : 2,
    alpha: series.faint ? 0.35 : 1,
    spanGaps: !series.points,
    ...(series.points ? { paths: () => null, points: { show: true, size: 6, fill: series.color } } : { points: { show: false } }),
  };
}

export function LineChart({ title, x, xLabel, series, summary, height = 220, logScale = false, yFormat }: LineChartProps) {
  const holder = useRef<HTMLDivElement>(null);
  const chart = useRef<uPlot | null>(null);
  const shape = `${series.map((s) => `${s.label}/${s.faint ? 1 : 0}/${s.points ? 1 : 0}`).join('|')}|${logScale}|${height}`;

  useEffect(() => {
    const element = holder.current;
    if (!element) return;
    const options: uPlot.Options = {
      width: Math.max(240, element.clientWidth),
      height,
      scales: { x: { time: false }, y: logScale ? { distr: 3 } : {} },
      axes: [{ label: xLabel, size: 40 }, { size: 64, ...(yFormat ? { values: (_: uPlot, ticks: number[]) => ticks.map(yFormat) } : {}) }],
      series: [{ label: xLabel }, ...series.map((s) => ({ ...seriesOptions(s), ...(yFormat ? { value: (_: uPlot, v: number | null) => (v === null ? '--' : yFormat(v)) } : {}) }))],
      legend: { live: true },
      cursor: { drag: { x: true, y: false } },
    };
    const plot = new uPlot(options, [x, ...series.map((s) => s.values)] as uPlot.AlignedData, element);
    chart.current = plot;
    const observer = new ResizeObserver(() => plot.setSize({ width: Math.max(240, element.clientWidth), height }));
    observer.observe(element);
    return () => {
      observer.disconnect();
      plot.destroy();
      chart.current = null;
    };
    // Rebuilt only when the series set changes; data updates go through setData below.
  }, [shape]);

  useEffect(() => {
    chart.current?.setData([x, ...series.map((s) => s.values)] as uPlot.AlignedData);
  });

  return (
    <figure class="line-chart">
      <figcaption>{title}</figcaption>
      <div ref={holder} aria-hidden="true" />
      <p class="visually-hidden">{summary}</p>
    </figure>
  );
}
