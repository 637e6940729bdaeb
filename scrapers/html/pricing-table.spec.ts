import { describe, expect, it } from 'vitest';

import { columnRole, extractPricingTables, MissingPricingTableError, parsePriceCell } from './pricing-table.js';

describe('parsePriceCell', () => {
  it.each([
    ['$0.88', ['0.88']],
    ['$0.88 / $0.88', ['0.88', '0.88']],
    ['$0.59 (1.69M / $1)', ['0.59']],
    ['$1,200.50', ['1200.5']],
    ['$.50', ['0.5']],
    ['0.20', ['0.2']],
    ['Contact sales', []],
  ])('%s -> %j', (cell, amounts) => {
    expect(parsePriceCell(cell).amounts).toEqual(amounts);
  });

  it('reads labelled input and output amounts, and Free', () => {
    expect(parsePriceCell('$3.00 input, $8.00 output')).toMatchObject({ input: '3', output: '8' });
    expect(parsePriceCell('Input: $0.59 / Output: $0.79')).toMatchObject({ input: '0.59', output: '0.79' });
    expect(parsePriceCell('Free').free).toBe(true);
  });
});

describe('columnRole', () => {
  it.each([
    ['Model', 'model'],
    ['AI Model', 'model'],
    ['Input Token Price (Per Million Tokens)', 'input'],
    ['$/1M output tokens', 'output'],
    ['Cached input price', 'cached_input'],
    ['Price (per 1M tokens)', 'price'],
    ['$/1M tokens', 'price'],
    ['Current Speed (Tokens per Second)', undefined],
    ['Input modalities', undefined],
  ])('%s -> %s', (header, role) => {
    expect(columnRole(header)).toBe(role);
  });
});

describe('extractPricingTables', () => {
  it('scales per-1K tables to per 1M and reads a cached input column', () => {
    const html = `<h2>Chat</h2><table><tr><th>Model</th><th>Input (per 1K tokens)</th><th>Output (per 1K tokens)</th><th>Cached input (per 1K tokens)</th></tr>
      <tr><td>Alpha</td><td>$0.0005</td><td>$0.0015</td><td>$0.00025</td></tr></table>`;
    expect(extractPricingTables(html).rows).toEqual([
      { name: 'Alpha', section: 'Chat', input: '0.5', output: '1.5', cachedInput: '0.25', tableIndex: 0 },
    ]);
  });

  it('names the missing header', () => {
    expect(() => extractPricingTables('<p>nothing</p>')).toThrow(MissingPricingTableError);
    let error: unknown;
    try {
      extractPricingTables('<table><tr><th>Model</th><th>Context</th></tr><tr><td>A</td><td>8k</td></tr></table>');
    } catch (caught) {
      error = caught;
    }
    expect((error as MissingPricingTableError).missingHeader).toBe('input/output price');
  });
});
