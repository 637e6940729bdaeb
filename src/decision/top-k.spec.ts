import { describe, expect, it } from 'vitest';

import { topK } from './top-k.js';

/** Deterministic pseudo-random numbers (mulberry32). */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Item {
  id: number;
  group: string;
  level: number;
  exact: number;
  bound: number;
}

const compare = (a: Item, b: Item) => a.level - b.level || a.exact - b.exact || a.id - b.id;

describe('topK', () => {
  it.each([1, 2, 3, 4, 5])('equals sorting everything (seed %i), with and without dedupe', (seed) => {
    const next = random(seed);
    const items: Item[] = Array.from({ length: 3000 }, (_, id) => {
      const exact = Math.round(next() * 10_000) / 10;
      return { id, group: `g${Math.floor(next() * 500)}`, level: Math.floor(next() * 3), exact, bound: exact * next() };
    });
    let evaluated = 0;
    const options = {
      level: (item: Item) => item.level,
      lowerBound: (item: Item) => item.bound,
      evaluate: (item: Item) => {
        evaluated++;
        return item;
      },
      exactBound: (item: Item) => ({ level: item.level, cost: item.exact }),
      compare,
    };
    for (const k of [1, 10, 50]) {
      expect(topK(items, { ...options, k })).toEqual([...items].sort(compare).slice(0, k));
      const bestPerGroup = [...items].sort(compare).filter((item, index, all) => all.findIndex((other) => other.group === item.group) === index);
      expect(topK(items, { ...options, k, dedupeKey: (item) => item.group })).toEqual(bestPerGroup.slice(0, k));
    }
    evaluated = 0;
    topK(items, { ...options, k: 10 });
    expect(evaluated).toBeLessThan(items.length);
  });

  it('evaluates only what it must when the bound is tight', () => {
    const items = Array.from({ length: 50_000 }, (_, id) => ({ id, group: '', level: 0, exact: id % 997, bound: id % 997 }));
    let evaluated = 0;
    const best = topK(items, {
      k: 5,
      level: () => 0,
      lowerBound: (item) => item.bound,
      evaluate: (item) => {
        evaluated++;
        return item;
      },
      exactBound: (item) => ({ level: 0, cost: item.exact }),
      compare,
    });
    expect(best.map((item) => item.exact)).toEqual([0, 0, 0, 0, 0]);
    expect(evaluated).toBeLessThan(200);
  });

  it('handles nothing', () => {
    expect(topK([], { k: 3, level: () => 0, lowerBound: () => 0, evaluate: (x) => x, exactBound: () => ({ level: 0, cost: 0 }), compare: () => 0 })).toEqual([]);
  });
});
