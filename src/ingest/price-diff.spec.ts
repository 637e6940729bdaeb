import { describe, expect, it } from 'vitest';

import { diffPrices, lineKey, type PriceLineState } from './price-diff.js';

const state = (entries: [string, string, string | null][]) =>
  new Map<string, PriceLineState>(entries.map(([component, key, usd]) => [lineKey(component, key), { usd, unit: '1M tokens', condition: key ? JSON.parse(key) : null }]));

describe('diffPrices', () => {
  it('adds new lines, keeps equal ones, appends changed ones', () => {
    const previous = state([['input', '', '2.5'], ['output', '', '10']]);
    const diff = diffPrices(previous, [
      { component: 'input', usd: '2.50', unit: '1M tokens' },
      { component: 'output', usd: '8', unit: '1M tokens' },
      { component: 'cached_input', usd: '1.25', unit: '1M tokens' },
    ], 10);
    expect(diff).toMatchObject({ added: 1, changed: 1, unchanged: 1, quarantined: [] });
    expect(diff.writes.map((w) => [w.component, w.usd])).toEqual([['output', '8'], ['cached_input', '1.25']]);
  });

  it('withdraws a line the source no longer gives', () => {
    const diff = diffPrices(state([['input', '', '1'], ['batch_input', '', '0.5']]), [{ component: 'input', usd: '1', unit: '1M tokens' }], 10);
    expect(diff.writes).toEqual([{ component: 'batch_input', conditionKey: '', condition: null, unit: '1M tokens', usd: null }]);
    expect(diff.changed).toBe(1);
  });

  it('treats a line that comes back after a withdrawal as added', () => {
    const diff = diffPrices(state([['input', '', null]]), [{ component: 'input', usd: '1', unit: '1M tokens' }], 10);
    expect(diff.added).toBe(1);
  });

  it('keeps conditions apart: the 200k tier is its own line', () => {
    const diff = diffPrices(state([['input', '', '1.25'], ['input', '{"promptTokensAbove":200000}', '2.5']]), [
      { component: 'input', usd: '1.25', unit: '1M tokens' },
      { component: 'input', usd: '3', unit: '1M tokens', condition: { promptTokensAbove: 200000 } },
    ], 10);
    expect(diff.writes).toEqual([
      { component: 'input', conditionKey: '{"promptTokensAbove":200000}', condition: { promptTokensAbove: 200000 }, unit: '1M tokens', usd: '3' },
    ]);
  });

  it.each([
    ['20x jump', '1', '20', /rose 20x/],
    ['20x drop', '20', '1', /fell to 1\/20/],
    ['drop to zero', '3', '0', /zero/],
  ])('quarantines a %s', (_name, before, after, reason) => {
    const diff = diffPrices(state([['input', '', before]]), [{ component: 'input', usd: after, unit: '1M tokens' }], 10);
    expect(diff.writes).toEqual([]);
    expect(diff.quarantined).toHaveLength(1);
    expect(diff.quarantined[0]).toMatchObject({ previousUsd: before, usd: after });
    expect(diff.quarantined[0]!.reason).toMatch(reason);
  });

  it('accepts a 9x move, and a free line that starts to cost', () => {
    expect(diffPrices(state([['input', '', '1']]), [{ component: 'input', usd: '9', unit: '1M tokens' }], 10).changed).toBe(1);
    expect(diffPrices(state([['input', '', '0']]), [{ component: 'input', usd: '5', unit: '1M tokens' }], 10).changed).toBe(1);
  });
});
