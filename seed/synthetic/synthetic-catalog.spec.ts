import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';

import type { CatalogSeed } from '../catalog.schema.js';
import { loadCatalogSeed } from '../seed-catalog.js';
import { mulberry32 } from './prng.js';
import {
  generateSyntheticCatalog,
  offeringPricePoints,
  pricePointChunks,
  resolveSyntheticOptions,
  type SyntheticOptions,
} from './synthetic-catalog.js';

const SMALL: Partial<SyntheticOptions> = { models: 60, providers: 12, offerings: 400, pricePoints: 9_000 };

function digest(options: SyntheticOptions, seed: CatalogSeed): string {
  const catalog = generateSyntheticCatalog(options, seed);
  const hash = createHash('sha256');
  for (const chunk of pricePointChunks(catalog)) hash.update(chunk);
  hash.update(JSON.stringify([catalog.models, catalog.offerings, catalog.benchmarkResults, catalog.gpuPrices, catalog.deploymentProfiles]));
  return hash.digest('hex');
}

describe('synthetic catalog', () => {
  let seed: CatalogSeed;
  beforeAll(async () => {
    seed = await loadCatalogSeed();
  });

  it('mulberry32 is a fixed sequence for a seed', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const first = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(first);
    expect(first.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(mulberry32(43)()).not.toBe(first[0]);
  });

  it('is deterministic from the seed number, and another seed gives another catalog', () => {
    const options = resolveSyntheticOptions({ ...SMALL, seed: 7 });
    expect(digest(options, seed)).toBe(digest(options, seed));
    expect(digest(resolveSyntheticOptions({ ...SMALL, seed: 8 }), seed)).not.toBe(digest(options, seed));
  });

  it('writes exactly the requested counts, with unique keys and references to the seed', () => {
    const catalog = generateSyntheticCatalog(resolveSyntheticOptions(SMALL), seed);
    expect(catalog.models).toHaveLength(60);
    expect(catalog.providers).toHaveLength(12);
    expect(catalog.offerings).toHaveLength(400);
    expect(catalog.offerings.reduce((sum, o) => sum + o.pointBudget, 0)).toBe(9_000);
    const points = catalog.offerings.reduce((sum, o) => sum + offeringPricePoints(catalog, o).length, 0);
    expect(points).toBe(9_000);
    expect(new Set(catalog.models.map((m) => m.slug)).size).toBe(60);
    expect(new Set(catalog.models.map((m) => m.alias)).size).toBe(60);
    expect(new Set(catalog.offerings.map((o) => `${o.providerSlug} ${o.providerModelId}`)).size).toBe(400);
    const licenses = new Set(seed.licenses.map((l) => l.id));
    expect(catalog.models.every((m) => licenses.has(m.licenseId))).toBe(true);
    const benchmarks = new Set(seed.benchmarks.map((b) => b.slug));
    expect(catalog.benchmarkResults.every((r) => benchmarks.has(r.benchmarkSlug))).toBe(true);
    expect(catalog.benchmarkResults).toHaveLength(60 * 3);
  });

  it('gives each price line a history that only moves forward in time, inside the window', () => {
    const catalog = generateSyntheticCatalog(resolveSyntheticOptions(SMALL), seed);
    for (const offering of catalog.offerings.slice(0, 100)) {
      const points = offeringPricePoints(catalog, offering);
      expect(points.filter((p) => p.component === 'input' && p.conditionKey === '').length).toBeGreaterThan(0);
      for (let i = 1; i < points.length; i++) expect(points[i]!.validFrom).toBeGreaterThanOrEqual(points[i - 1]!.validFrom);
      expect(points[0]!.validFrom).toBeGreaterThanOrEqual(catalog.startMs);
      expect(points.every((p) => p.usd === null || p.usd > 0)).toBe(true);
    }
  });

  it('has the issue\'s shape: most offerings change price 1-20 times, about 1% hundreds of times', () => {
    const catalog = generateSyntheticCatalog(resolveSyntheticOptions({}), seed);
    const changes = catalog.offerings.map((o) => o.sampledChanges);
    expect(changes.filter((c) => c <= 20).length / changes.length).toBeGreaterThan(0.95);
    const hundreds = changes.filter((c) => c >= 100).length / changes.length;
    expect(hundreds).toBeGreaterThan(0.005);
    expect(hundreds).toBeLessThan(0.02);
    expect(catalog.offerings).toHaveLength(50_000);
    expect(catalog.models).toHaveLength(5_000);
  });

  it('--scale multiplies the price points', () => {
    expect(resolveSyntheticOptions({}, { scale: 10 }).pricePoints).toBe(10_000_000);
    expect(() => resolveSyntheticOptions({ offerings: 100, pricePoints: 150 })).toThrow(/at least 2 per offering/);
  });
});
