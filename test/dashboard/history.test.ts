import { describe, expect, it } from 'vitest';

import { alignSeries, buildSeries, changeLog, pointAt, type HistoryOffering } from '../../dashboard/src/history.js';

const point = (component: string, usd: string | null, validFrom: string, source = 'seed', condition: unknown = null) => ({
  component,
  usd,
  unit: '1M tokens',
  validFrom: `${validFrom}T00:00:00.000Z`,
  source,
  sourceUrl: source === 'seed' ? 'https://example.com/pricing' : null,
  condition,
});

const offerings: HistoryOffering[] = [
  {
    id: 18,
    providerModelId: 'meta-llama/Llama-3.3-70B-Instruct-Turbo',
    provider: { slug: 'together', name: 'Together AI' },
    priceHistory: [point('input', '0.88', '2025-01-01'), point('output', '0.88', '2025-01-01'), point('input', '0.8', '2026-01-01', 'article'), point('output', '0.80', '2026-01-01', 'article')],
  },
  {
    id: 7,
    providerModelId: 'llama-3.3-70b-versatile',
    provider: { slug: 'groq', name: 'Groq' },
    priceHistory: [point('input', '0.59', '2025-01-01'), point('input', '0.59', '2025-06-01'), point('input', '0.99', '2025-06-01', 'seed', { region: 'eu' })],
  },
  { id: 9, providerModelId: 'unpriced', provider: { slug: 'meta', name: 'Meta' }, priceHistory: [] },
  {
    id: 1,
    providerModelId: 'gpt-4o',
    provider: { slug: 'openai', name: 'OpenAI' },
    priceHistory: [point('input', '5', '2024-05-13'), point('input', '2.5', '2024-10-02'), point('input', null, '2025-03-01')],
  },
  {
    id: 2,
    providerModelId: 'gpt-4o-2024-08-06',
    provider: { slug: 'openai', name: 'OpenAI' },
    priceHistory: [point('input', '2.5', '2024-08-06')],
  },
];

describe('price history series and change log (dashboard, client-side)', () => {
  it('one series per provider offering and component, unconditional points only, labelled', () => {
    const series = buildSeries(offerings);
    expect(series.map((s) => s.label)).toEqual([
      'Groq · input',
      'OpenAI (gpt-4o) · input',
      'OpenAI (gpt-4o-2024-08-06) · input',
      'Together AI · input',
      'Together AI · output',
    ]);
    expect(series.find((s) => s.key === '7:input')!.points.map((p) => p.usdText)).toEqual(['0.59', '0.59']);
  });

  it('the change log: consecutive points with a different price, newest first, with the source', () => {
    const changes = changeLog(buildSeries(offerings));
    expect(changes.map((c) => [c.date, c.label, c.from, c.to, c.source])).toEqual([
      ['2026-01-01', 'Together AI · input', '0.88', '0.8', 'article'],
      ['2026-01-01', 'Together AI · output', '0.88', '0.80', 'article'],
      ['2025-03-01', 'OpenAI (gpt-4o) · input', '2.5', null, 'seed'],
      ['2024-10-02', 'OpenAI (gpt-4o) · input', '5', '2.5', 'seed'],
    ]);
  });

  it('aligns the series on one axis as steps carried forward, with daily samples and the own points marked', () => {
    const series = buildSeries(offerings.slice(0, 1));
    const until = Date.parse('2026-01-03T00:00:00Z') / 1000;
    const aligned = alignSeries(series, until, { stepSeconds: 86_400 });
    const day = (iso: string) => aligned.xs.indexOf(Date.parse(`${iso}T00:00:00Z`) / 1000);
    expect(aligned.xs[0]).toBe(Date.parse('2025-01-01T00:00:00Z') / 1000);
    expect(aligned.xs.at(-1)).toBe(until);
    expect(aligned.xs).toHaveLength(368);
    expect(aligned.values[0]![day('2025-07-01')]).toBe(0.88);
    expect(aligned.values[0]![day('2026-01-02')]).toBe(0.8);
    expect(aligned.pointIndices[0]).toEqual([day('2025-01-01'), day('2026-01-01')]);
    expect(pointAt(series[0]!, Date.parse('2025-12-31T12:00:00Z') / 1000)).toMatchObject({ usdText: '0.88', source: 'seed', validFrom: '2025-01-01' });
  });

  it('null before a series starts; nothing to align without points', () => {
    const series = buildSeries(offerings.slice(3));
    const aligned = alignSeries(series, Date.parse('2025-01-01T00:00:00Z') / 1000);
    expect(aligned.values[1]![0]).toBeNull(); // the snapshot starts on 2024-08-06
    expect(aligned.values[0]!.at(-1)).toBeNull(); // withdrawn on 2025-03-01
    expect(alignSeries([], 0)).toEqual({ xs: [], values: [], pointIndices: [] });
  });
});
