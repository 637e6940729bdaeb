/**
 * Price history as chart series and a change log, computed from the `priceHistory` points of a
 * model's offerings (GraphQL has no change log of its own). Pure functions: no DOM, unit tested.
 *
 * One series per offering and component (a provider usually lists a model once; when it lists
 * several ids, e.g. dated snapshots, each is its own line, labelled with its id). Only
 * unconditional prices are charted: regional, priority-tier or long-prompt prices would each need
 * a line of their own and are listed with the offering's current prices instead.
 */

export interface HistoryPoint {
  component: string;
  usd: string | null;
  unit?: string | null;
  validFrom: string;
  source: string;
  sourceUrl?: string | null;
  condition?: unknown;
}

export interface HistoryOffering {
  id: number;
  providerModelId: string;
  provider: { slug: string; name: string };
  priceHistory: HistoryPoint[];
}

export interface SeriesPoint {
  /** Unix seconds */
  t: number;
  usd: number | null;
  usdText: string | null;
  validFrom: string;
  source: string;
  sourceUrl: string | null;
}

export interface PriceSeries {
  key: string;
  label: string;
  providerSlug: string;
  providerName: string;
  providerModelId: string;
  offeringId: number;
  component: string;
  /** Oldest first */
  points: SeriesPoint[];
}

export interface PriceChange {
  seriesKey: string;
  label: string;
  providerName: string;
  providerModelId: string;
  component: string;
  /** YYYY-MM-DD */
  date: string;
  t: number;
  from: string | null;
  to: string | null;
  source: string;
  sourceUrl: string | null;
}

/** Components in the order a reader expects them. */
const COMPONENT_ORDER = ['input', 'output', 'cached_input', 'cache_write', 'batch_input', 'batch_output', 'reasoning'];

export const componentRank = (component: string): number => {
  const index = COMPONENT_ORDER.indexOf(component);
  return index === -1 ? COMPONENT_ORDER.length : index;
};

const isUnconditional = (condition: unknown): boolean =>
  condition === null || condition === undefined || (typeof condition === 'object' && Object.keys(condition as object).length === 0);

const TOKEN_UNIT = '1M tokens';

/** The points the chart draws: unconditional, priced per 1M tokens. */
export const isChartable = (point: HistoryPoint): boolean => isUnconditional(point.condition) && (point.unit == null || point.unit === TOKEN_UNIT);

export const toSeconds = (iso: string): number => Math.floor(Date.parse(iso) / 1000);

/** One series per offering and component that has unconditional token prices, ordered by provider, offering, component. */
export function buildSeries(offerings: HistoryOffering[]): PriceSeries[] {
  const offeringsWithHistory = offerings.filter((offering) => offering.priceHistory.some(isChartable));
  const offeringsPerProvider = new Map<string, number>();
  for (const offering of offeringsWithHistory) {
    offeringsPerProvider.set(offering.provider.slug, (offeringsPerProvider.get(offering.provider.slug) ?? 0) + 1);
  }
  const series: PriceSeries[] = [];
  for (const offering of offeringsWithHistory) {
    const byComponent = new Map<string, HistoryPoint[]>();
    for (const point of offering.priceHistory) {
      if (!isChartable(point)) continue;
      const list = byComponent.get(point.component) ?? [];
      list.push(point);
      byComponent.set(point.component, list);
    }
    const several = (offeringsPerProvider.get(offering.provider.slug) ?? 0) > 1;
    for (const [component, points] of byComponent) {
      const name = several ? `${offering.provider.name} (${offering.providerModelId})` : offering.provider.name;
      series.push({
        key: `${offering.id}:${component}`,
        label: `${name} · ${component}`,
        providerSlug: offering.provider.slug,
        providerName: offering.provider.name,
        providerModelId: offering.providerModelId,
        offeringId: offering.id,
        component,
        points: points
          .map((point, index) => ({ point, index }))
          // Oldest first; the API's order breaks ties (it is oldest first already).
          .sort((a, b) => Date.parse(a.point.validFrom) - Date.parse(b.point.validFrom) || a.index - b.index)
          .map(({ point }) => ({
            t: toSeconds(point.validFrom),
            usd: point.usd === null ? null : Number(point.usd),
            usdText: point.usd,
            validFrom: point.validFrom.slice(0, 10),
            source: point.source,
            sourceUrl: point.sourceUrl ?? null,
          })),
      });
    }
  }
  return series.sort(
    (a, b) =>
      a.providerName.localeCompare(b.providerName) ||
      a.providerModelId.localeCompare(b.providerModelId) ||
      componentRank(a.component) - componentRank(b.component) ||
      a.component.localeCompare(b.component),
  );
}

/** "2.50" and "2.5" are the same price; null (withdrawn) is only the same as null. */
const samePrice = (a: string | null, b: string | null): boolean => (a === null || b === null ? a === b : Number(a) === Number(b));

/** The steps: consecutive points of a series whose price differs. Newest first. */
export function changeLog(series: PriceSeries[]): PriceChange[] {
  const changes: PriceChange[] = [];
  for (const line of series) {
    for (let index = 1; index < line.points.length; index++) {
      const before = line.points[index - 1]!;
      const after = line.points[index]!;
      if (samePrice(before.usdText, after.usdText)) continue;
      changes.push({
        seriesKey: line.key,
        label: line.label,
        providerName: line.providerName,
        providerModelId: line.providerModelId,
        component: line.component,
        date: after.validFrom,
        t: after.t,
        from: before.usdText,
        to: after.usdText,
        source: after.source,
        sourceUrl: after.sourceUrl,
      });
    }
  }
  return changes.sort((a, b) => b.t - a.t || a.label.localeCompare(b.label));
}

export interface AlignedHistory {
  /** Unix seconds: every point's date, then `until` */
  xs: number[];
  /** Per series, the price in force at each x (steps carried forward), null before its first point */
  values: (number | null)[][];
  /** Per series, the indices of xs where it has a point of its own */
  pointIndices: number[][];
}

/**
 * The series on one time axis, each price carried forward to the next point (a step line), up to
 * `until`. With `stepSeconds`, the axis also has a sample every step (e.g. a day), so a cursor
 * anywhere on the chart reads the prices of that day, not of the nearest recorded point.
 */
export function alignSeries(series: PriceSeries[], until: number, options: { stepSeconds?: number; maxSamples?: number } = {}): AlignedHistory {
  const times = new Set<number>();
  for (const line of series) for (const point of line.points) times.add(point.t);
  if (!times.size) return { xs: [], values: series.map(() => []), pointIndices: series.map(() => []) };
  const first = Math.min(...times);
  const last = Math.max(...times);
  if (until > last) times.add(until);
  const end = Math.max(until, last);
  if (options.stepSeconds && options.stepSeconds > 0) {
    // Widen the step on long spans so the axis stays small.
    const maxSamples = options.maxSamples ?? 4000;
    const step = Math.max(options.stepSeconds, Math.ceil((end - first) / maxSamples / options.stepSeconds) * options.stepSeconds);
    for (let t = first - (first % options.stepSeconds) + step; t < end; t += step) times.add(t);
  }
  const xs = [...times].sort((a, b) => a - b);
  const values: (number | null)[][] = [];
  const pointIndices: number[][] = [];
  for (const line of series) {
    const column: (number | null)[] = [];
    const own: number[] = [];
    let next = 0;
    let current: number | null = null;
    xs.forEach((x, index) => {
      let hit = false;
      while (next < line.points.length && line.points[next]!.t <= x) {
        current = line.points[next]!.usd;
        next++;
        hit = true;
      }
      if (hit) own.push(index);
      column.push(next === 0 ? null : current);
    });
    values.push(column);
    pointIndices.push(own);
  }
  return { xs, values, pointIndices };
}

/** The point in force at `t` (its price and its source), or null before the first one. */
export function pointAt(line: PriceSeries, t: number): SeriesPoint | null {
  let found: SeriesPoint | null = null;
  for (const point of line.points) {
    if (point.t > t) break;
    found = point;
  }
  return found;
}
