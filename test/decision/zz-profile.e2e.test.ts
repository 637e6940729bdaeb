/**
 * The benchmark goal: a decision over a catalog of 50,000 offerings, p99 under 20 ms. Loading the
 * catalog takes a fixed number of statements whatever its size; once loaded (per catalog revision),
 * a decision is one revision lookup and pure computation that prices only the offerings that can
 * reach the top (top-k by a cost lower bound).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { DATABASE_CONNECTION, type DatabaseConnection } from '../../src/database/database-connection.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
let connection: DatabaseConnection;
const OFFERINGS = 50_000;

beforeAll(async () => {
  t = await startTestApp();
  connection = t.app.get<DatabaseConnection>(DATABASE_CONNECTION);
  // 50,000 more offerings of the seed's models at the seed's providers, each with input and output
  // prices, a third with cached-input and batch prices too.
  await connection.pool.query(`
    WITH models AS (SELECT slug, row_number() OVER (ORDER BY slug) - 1 AS n FROM model),
         providers AS (SELECT slug, row_number() OVER (ORDER BY slug) - 1 AS n FROM provider WHERE 'inference-host' = ANY(kinds::text[]))
    INSERT INTO offering (provider_slug, model_slug, provider_model_id, source)
    SELECT p.slug, m.slug, 'scale/' || i, 'test'
      FROM generate_series(1, ${OFFERINGS}) i
      JOIN models m ON m.n = i % (SELECT count(*) FROM models)
      JOIN providers p ON p.n = (i / 7) % (SELECT count(*) FROM providers)`);
  await connection.pool.query(`
    INSERT INTO price_point (offering_id, component, unit, usd, valid_from, observed_at, source)
    SELECT o.id, c.component::price_component, '1M tokens',
           round((0.05 + ((o.id * 7919 + c.k * 104729) % 10007) / 500.0)::numeric, 4), now() - interval '1 day', now(), 'test'
      FROM offering o
      CROSS JOIN (VALUES ('input', 1), ('output', 2), ('cached_input', 3), ('batch_input', 4), ('batch_output', 5)) c(component, k)
     WHERE o.provider_model_id LIKE 'scale/%' AND (c.k <= 2 OR o.id % 3 = 0)`);
});
afterAll(() => t.close());

const body = (index: number) => ({
  workload: {
    requestsPerMonth: 1_000_000 + (index % 50) * 200_000,
    inputTokensPerRequest: 300 + (index % 7) * 100,
    outputTokensPerRequest: 200 + (index % 5) * 100,
    peakToAverage: 1 + (index % 3),
    cachedInputShare: (index % 4) / 10,
    batchShare: (index % 3) / 10,
  },
  quality: index % 5 === 0 ? 'best' : { benchmark: 'mmlu', minScore: 70 + (index % 15) },
  dataSensitivity: index % 11 === 0 ? 'sensitive' : 'internal',
  latencyCritical: index % 13 === 0,
  budgetUsdPerMonth: index % 9 === 0 ? 5000 : undefined,
});

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}


import { DecisionCatalogRepository } from '../../src/decision/decision-catalog.repository.js';
import { decide, buildCandidates, NO_FILTERS, rankCandidates, lowerBoundOf, candidateOf, evaluateExact, compareEvaluated } from '../../src/decision/decision-engine.js';
import { topK } from '../../src/decision/top-k.js';
import { decisionRequestSchema } from '../../src/decision/decision.schemas.js';
void describe; void expect; void percentile;
it('profile', async () => {
  const repo = t.app.get(DecisionCatalogRepository);
  let s0 = performance.now();
  const catalog = await repo.load({});
  console.log('load', performance.now() - s0, catalog.offerings.length);
  for (let i = 0; i < 30; i++) {
    const req = decisionRequestSchema.parse(body(i));
    s0 = performance.now();
    const set = buildCandidates(catalog, { workload: req.workload, quality: req.quality, use: req.use, hoursPerMonth: '720', opsCostUsdPerMonth: '0', filters: NO_FILTERS });
    const s1 = performance.now();
    const r = rankCandidates(set, set.items, 20, (g) => g.misses.length * 64);
    const s2 = performance.now();
    let evals = 0; const t5 = performance.now();
    const count = set.catalog.offerings.length; const models = set.catalog.modelList.length; const { model, provider } = set.catalog.columns;
    topK(set.items, { k: 20, level: (id) => 0, lowerBound: (id) => lowerBoundOf(set, id), evaluate: (id) => { evals++; return evaluateExact(candidateOf(set, id), set.workload, 0); }, exactBound: (e) => ({ level: e.level, cost: e.cost }), compare: compareEvaluated, dedupeKey: (id) => (id < count ? provider[id]! * models + model[id]! : -1 - (id - count)) });
    console.log('evals', evals, (performance.now() - t5).toFixed(1));
    const res = decide(catalog, req, { hoursPerMonth: '720', opsCostUsdPerMonth: '0', filters: NO_FILTERS });
    const s3 = performance.now();
    console.log('build', (s1 - s0).toFixed(1), 'rank', (s2 - s1).toFixed(1), 'decide', (s3 - s2).toFixed(1), r.length, res.options.length);
  }
});
