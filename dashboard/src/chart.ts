/**
 * The price history chart (uPlot, canvas): one step line per provider offering and component.
 * Colour tells providers apart, the dash pattern tells components apart, and every line is named
 * in the legend, which on hover shows the price in force with its source and date.
 */
import 'uplot/dist/uPlot.min.css';

import uPlot from 'uplot';

import { h } from './dom.js';
import * as fmt from './format.js';
import { alignSeries, pointAt, type PriceSeries } from './history.js';

/** Okabe–Ito: told apart with the common colour vision deficiencies. */
const PALETTE = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000', '#7F6A00'];

/** Dash per component: meaning not carried by colour alone. */
const DASHES: Record<string, number[]> = {
  input: [],
  output: [8, 4],
  cached_input: [2, 3],
  cache_write: [12, 3, 2, 3],
  batch_input: [4, 4],
  batch_output: [1, 5],
  reasoning: [14, 6],
};
const FALLBACK_DASH = [6, 2, 2, 2];

/** The legend marker's border style, close to the line's dash. */
const legendDash = (dash: number[] | undefined): string => (!dash?.length ? 'solid' : dash[0]! <= 2 ? 'dotted' : 'dashed');

export const dashFor = (component: string): number[] => DASHES[component] ?? FALLBACK_DASH;

const DAY = 86_400;
const utcDate = (seconds: number): string => new Date(seconds * 1000).toISOString().slice(0, 10);

export interface PriceChart {
  destroy(): void;
}

export function priceChart(container: HTMLElement, series: PriceSeries[], options: { logScale?: boolean } = {}): PriceChart {
  const now = Math.floor(Date.now() / 1000);
  const aligned = alignSeries(series, now, { stepSeconds: DAY });
  // One colour per provider offering, in order of appearance.
  const colourIndex = new Map<number, number>();
  for (const line of series) if (!colourIndex.has(line.offeringId)) colourIndex.set(line.offeringId, colourIndex.size);
  const colour = (line: PriceSeries) => PALETTE[(colourIndex.get(line.offeringId) ?? 0) % PALETTE.length]!;

  const xs = aligned.xs;
  const single = xs.length < 2;
  const width = () => Math.max(260, Math.floor(container.clientWidth || 600));
  const height = () => (window.innerWidth < 600 ? 240 : 320);

  const describe = (line: PriceSeries, index: number | null | undefined): string => {
    const t = index === null || index === undefined ? now : xs[index]!;
    const point = pointAt(line, t);
    if (!point) return 'not listed yet';
    if (point.usdText === null) return `withdrawn (${point.source}, ${point.validFrom})`;
    return `${fmt.usdPrice(point.usdText)} (${point.source}, ${point.validFrom})`;
  };

  const opts: uPlot.Options = {
    width: width(),
    height: height(),
    tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
    scales: {
      x: single ? { time: true, range: (_u, min, max) => [min - 30 * DAY, max + 30 * DAY] } : { time: true },
      // 3 = log; prices of 0 (free tiers) have no logarithm, so the log scale is asinh (4) instead.
      y: options.logScale ? { distr: 4 as uPlot.Scale.Distr, asinh: 0.01 } : { range: (_u, _min, max) => [0, max > 0 ? max * 1.1 : 1] },
    },
    axes: [
      { stroke: '#333', grid: { stroke: '#e3e3e3' }, ticks: { stroke: '#ccc' } },
      {
        stroke: '#333',
        label: 'USD per 1M tokens',
        size: 64,
        grid: { stroke: '#e3e3e3' },
        ticks: { stroke: '#ccc' },
        values: (_u, splits) => splits.map((v) => (v === null ? '' : `$${+v.toFixed(4)}`)),
      },
    ],
    cursor: { points: { size: 8 }, focus: { prox: 24 } },
    focus: { alpha: 0.35 },
    legend: { live: true, markers: { dash: (u, index) => legendDash(u.series[index]?.dash) } },
    series: [
      { label: 'Date', value: (_u, v) => (v === null || v === undefined ? 'hover the chart' : utcDate(v)) },
      ...series.map(
        (line, index): uPlot.Series => ({
          label: line.label,
          stroke: colour(line),
          width: 2,
          dash: dashFor(line.component),
          paths: uPlot.paths.stepped!({ align: 1 }),
          points: {
            show: true,
            size: 7,
            fill: '#fff',
            width: 2,
            filter: () => aligned.pointIndices[index]!,
          },
          value: (_u, _raw, _sidx, idx) => describe(line, idx),
        }),
      ),
    ],
  };

  const chart = new uPlot(opts, [xs, ...aligned.values] as uPlot.AlignedData, container);
  container.dataset.seriesCount = String(series.length);

  let frame = 0;
  const observer = new ResizeObserver(() => {
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(() => chart.setSize({ width: width(), height: height() }));
  });
  observer.observe(container);

  return {
    destroy() {
      cancelAnimationFrame(frame);
      observer.disconnect();
      chart.destroy();
    },
  };
}

/** A text key for the dash patterns (the legend names every line too). */
export function dashKey(components: string[]): HTMLElement {
  const patterns: Record<string, string> = {
    input: 'solid',
    output: 'long dashes',
    cached_input: 'dots',
    cache_write: 'dash-dot',
    batch_input: 'short dashes',
    batch_output: 'sparse dots',
    reasoning: 'long gaps',
  };
  return h(
    'p',
    { class: 'small muted' },
    'Line style by component: ',
    components.map((component, index) => [index ? '; ' : '', h('strong', null, fmt.component(component)), ` ${patterns[component] ?? 'dash-dot-dot'}`]),
    '. Circles mark the dates a price was recorded; the line holds the price until the next one.',
  );
}
